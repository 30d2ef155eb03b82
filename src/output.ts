/**
 * Standard output for a command: written as it comes, or held and then paged as one text
 * when it is taller than the terminal (as git does). The paging policy is pager.ts's; this
 * is where it is applied, for define's entries and for every long output alike.
 */
import type { Io } from './io.ts';
import { pagerCommand, pagerEnv, shouldPage } from './pager.ts';

export class Output {
  /** Text held back to be paged as one (hold), or undefined: written as it comes. */
  private held?: string[];

  constructor(
    private readonly io: Io,
    /** false with --no-pager */
    private readonly paging: boolean,
  ) {}

  write(text: string): void {
    if (this.held) this.held.push(text);
    else this.io.stdout.write(text);
  }

  /** The pager's argv when output could be paged: a terminal, a pager set, no --no-pager. */
  private pager(): string[] | null {
    if (!this.paging || !this.io.page || !this.io.stdout.isTTY) return null;
    return pagerCommand(this.io.env);
  }

  /**
   * From now on, text waits until flush(), then goes out as one, through the pager when it
   * is taller than the terminal. Only where paging could happen: in a pipe, output streams.
   */
  hold(): void {
    if (this.pager()) this.held ??= [];
  }

  async flush(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    if (held && held.length > 0) await this.show(held.join(''));
  }

  /** A text paged on its own when it is too tall (an entry), or held with the rest. */
  async page(text: string): Promise<void> {
    if (this.held) this.held.push(text);
    else await this.show(text);
  }

  /** Through the pager when it does not fit; a pager that cannot be started falls back to printing. */
  private async show(text: string): Promise<void> {
    const command = this.pager();
    if (command && this.io.page && shouldPage(text.replace(/\n$/, ''), this.io.stdout)) {
      // While the pager runs, Ctrl-C is the pager's business, not ours.
      const release = this.io.onInterrupt?.(() => {});
      try {
        if (await this.io.page(text, command, pagerEnv(this.io.env))) return;
      } finally {
        release?.();
      }
    }
    this.io.stdout.write(text);
  }
}
