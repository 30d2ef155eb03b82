/**
 * genz as a person meets it: the real bin/genz.js in a real terminal (tmux), read back with
 * capture-pane and typed into with send-keys. One private tmux server per run (-L), every
 * session killed; waits poll the screen with a deadline instead of sleeping.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../src/render/width.ts';
import { BIN, cleanEnv, FIXTURES, genz, tempDir } from './helpers.ts';

const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `genz-test-${process.pid}`;
const state = tempDir({});
const CONFIG = join(state, 'tmux.conf');
// Keep a finished pane on screen so its output and exit status can be read.
// exit-empty off: the server stays up between sessions, so a new session never races its shutdown.
writeFileSync(CONFIG, 'set -s exit-empty off\nset -g remain-on-exit on\nset -g default-terminal tmux-256color\nset -g history-limit 10000\n');
const ENV = cleanEnv({ TERM: 'xterm-256color' });
let sessions = 0;
const EXITED = /\[genz exited (\d+)\]/;

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', SOCKET, '-f', CONFIG, ...args], { encoding: 'utf8', env: ENV });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface PaneOptions {
  width?: number;
  height?: number;
  env?: Record<string, string>;
}

/** genz running in its own tmux session. */
class Pane {
  readonly name = `genz-${process.pid}-${++sessions}`;

  constructor(args: string[], { width = 80, height = 24, env = {} }: PaneOptions = {}) {
    const vars = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
    // A shell around genz prints its exit status: tmux 3.3's #{pane_dead_status} is sometimes
    // left empty when the output ends just before the process. `trap : INT` keeps that shell
    // alive through Ctrl-C without passing an ignored SIGINT on to genz.
    const script = 'trap : INT; "$0" "$@"; echo "[genz exited $?]"';
    tmux('new-session', '-d', '-s', this.name, '-x', String(width), '-y', String(height), ...vars, '--', 'sh', '-c', script, process.execPath, BIN, ...args);
  }

  /** The whole pane and its history, terminal-wrapped lines joined, without tmux's own "Pane is dead" line. */
  text({ escapes = false } = {}): string {
    const out = tmux('capture-pane', '-p', '-J', '-S', '-', ...(escapes ? ['-e'] : []), '-t', this.name);
    return out
      .split('\n')
      .filter((line) => !line.startsWith('Pane is dead') && !EXITED.test(line))
      .map((line) => line.trimEnd())
      .join('\n')
      .trimEnd();
  }

  /** The visible screen only. */
  screen(): string {
    return tmux('capture-pane', '-p', '-t', this.name);
  }

  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string> {
    return until(`${pattern} in the pane:\n${this.text()}`, () => {
      const text = this.text();
      return (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) && text;
    }, timeoutMs);
  }

  /** The exit status once genz has ended. */
  exited(): Promise<number> {
    return until(`genz to exit; the pane shows:\n${this.text()}`, () => {
      const status = EXITED.exec(this.raw())?.[1];
      return status !== undefined && { status: Number(status) };
    }).then((r) => r.status);
  }

  isRunning(): boolean {
    return !EXITED.test(this.raw());
  }

  private raw(): string {
    return tmux('capture-pane', '-p', '-J', '-S', '-', '-t', this.name);
  }

  type(...keys: string[]): void {
    tmux('send-keys', '-t', this.name, ...keys);
  }

  kill(): void {
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', this.name], { env: ENV });
  }
}

async function inPane<T>(args: string[], options: PaneOptions, body: (pane: Pane) => Promise<T>): Promise<T> {
  const pane = new Pane(args, options);
  try {
    return await body(pane);
  } finally {
    pane.kill();
  }
}

const lineWidths = (text: string) => text.split('\n').map(displayWidth);
const data = ['--data', join(FIXTURES, 'terms')];

describe.skipIf(!HAS_TMUX)('in a terminal (tmux)', () => {
  afterAll(() => {
    spawnSync('tmux', ['-L', SOCKET, 'kill-server'], { env: ENV });
  });

  it('colours the entry on a terminal, and not with NO_COLOR', async () => {
    await inPane(['--no-pager', 'define', 'micro-influencer'], {}, async (pane) => {
      expect(await pane.exited()).toBe(0);
      expect(pane.text({ escapes: true })).toMatch(/\u001b\[[0-9;]*m/);
    });
    await inPane(['--no-pager', 'define', 'micro-influencer'], { env: { NO_COLOR: '1' } }, async (pane) => {
      expect(await pane.exited()).toBe(0);
      expect(pane.text()).toContain('FAQ');
      expect(pane.text({ escapes: true })).not.toMatch(/\u001b\[[0-9;]*m/);
    });
  });

  it('wraps to a 40-column terminal by itself (no line the terminal had to wrap)', async () => {
    await inPane(['--no-pager', 'define', 'micro-influencer'], { width: 40, height: 30 }, async (pane) => {
      expect(await pane.exited()).toBe(0);
      const text = pane.text();
      expect(text).toContain('Source: built-in glossary');
      expect(Math.max(...lineWidths(text))).toBeLessThanOrEqual(40);
      expect(text).toMatch(/\n {2}A: \S.*\n {5}\S/); // FAQ answers hang
    });
  });

  it('uses the room of a 120-column terminal', async () => {
    await inPane(['--no-pager', 'define', 'micro-influencer'], { width: 120, height: 40 }, async (pane) => {
      expect(await pane.exited()).toBe(0);
      const widths = lineWidths(pane.text());
      expect(Math.max(...widths)).toBeGreaterThan(90);
      expect(Math.max(...widths)).toBeLessThanOrEqual(120);
    });
  });

  describe('paging', () => {
    const pagerScript = (marker: string) => {
      const script = join(tempDir({}), 'pager.sh');
      writeFileSync(script, `#!/bin/sh\necho ran > "${marker}"\ncat\n`, { mode: 0o755 });
      return script;
    };

    it('pages an entry taller than the terminal through $GENZ_PAGER', async () => {
      const marker = join(tempDir({}), 'paged');
      await inPane(['define', 'micro-influencer'], { env: { GENZ_PAGER: pagerScript(marker) } }, async (pane) => {
        expect(await pane.exited()).toBe(0);
        expect(existsSync(marker)).toBe(true);
        expect(pane.text()).toContain('Source: built-in glossary');
      });
    });

    it('does not page an entry that fits', async () => {
      const marker = join(tempDir({}), 'paged');
      await inPane([...data, 'define', 'no', 'cap'], { env: { GENZ_PAGER: pagerScript(marker) } }, async (pane) => {
        expect(await pane.exited()).toBe(0);
        expect(pane.text()).toContain('Honestly');
        expect(existsSync(marker)).toBe(false);
      });
    });

    it('does not page with --no-pager', async () => {
      const marker = join(tempDir({}), 'paged');
      await inPane(['--no-pager', 'define', 'micro-influencer'], { env: { GENZ_PAGER: pagerScript(marker) } }, async (pane) => {
        expect(await pane.exited()).toBe(0);
        expect(existsSync(marker)).toBe(false);
      });
    });

    it('prints the entry when the pager program is missing', async () => {
      await inPane(['define', 'micro-influencer'], { env: { GENZ_PAGER: '/nonexistent/pager' } }, async (pane) => {
        expect(await pane.exited()).toBe(0);
        const text = pane.text();
        expect(text).toMatch(/^micro-influencer/);
        expect(text).toContain('Source: built-in glossary');
      });
    });

    // Ten files that each break the strict bar: validate has a screenful to say.
    const broken = tempDir(
      Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`thin-${i}.yaml`, `term: thin ${i}\ncategory: team\nworkplace: safe\ndefinition: Short.\n`])),
    );
    const message = 'ngl that deck ate, no cap. Priya lowkey has rizz, the vibe check was mid fr, and the quiet quitting talk was giving burnout';
    it.each([
      ['list', ['list']],
      ['search', ['search', 'work', '--limit', '30']],
      ['related', ['related', 'quiet', 'quitting']],
      ['explain', ['explain', message]],
      ['validate', ['validate', '--strict', broken]],
    ])('pages the long output of %s as it pages define', async (_name, args) => {
      const marker = join(tempDir({}), 'paged');
      await inPane(args, { height: 8, env: { GENZ_PAGER: pagerScript(marker) } }, async (pane) => {
        await pane.exited();
        expect(existsSync(marker)).toBe(true);
      });
      const plain = join(tempDir({}), 'paged');
      await inPane(['--no-pager', ...args], { height: 8, env: { GENZ_PAGER: pagerScript(plain) } }, async (pane) => {
        await pane.exited();
        expect(existsSync(plain)).toBe(false);
      });
    });

    it.skipIf(spawnSync('less', ['--version']).status !== 0)('uses less -FRX by default: the entry starts at the top, q quits', async () => {
      await inPane(['define', 'micro-influencer'], { width: 80, height: 24 }, async (pane) => {
        await until('less to show the entry', () => pane.screen().startsWith('micro-influencer\n'));
        await until('less to wait at its prompt', () => /^:\s*$/m.test(pane.screen().trimEnd().split('\n').at(-1) ?? ''));
        expect(pane.isRunning()).toBe(true);
        pane.type('q');
        expect(await pane.exited()).toBe(0);
      });
    });
  });

  it('lines up list --categories in columns on a terminal', async () => {
    await inPane(['list', '--categories'], {}, async (pane) => {
      expect(await pane.exited()).toBe(0);
      const lines = pane.text().split('\n');
      expect(lines[0]).toMatch(/^CATEGORY +TERMS$/);
      const rows = lines.slice(1);
      expect(rows.length).toBeGreaterThanOrEqual(5);
      for (const row of rows) {
        expect(row).toMatch(/^[a-z-]+ +\d+$/);
        expect(row).not.toContain('\t');
        expect(displayWidth(row)).toBe(displayWidth(lines[0]!)); // counts right-aligned under TERMS
      }
    });
  });

  describe('quiz', () => {
    const round = ['--no-builtin', ...data, 'quiz', '--count', '2', '--seed', '5'];
    const answers = (): number[] => JSON.parse(genz([...round, '--json']).stdout).questions.map((q: { answer: number }) => q.answer);

    it('plays a round answered by typing numbers', async () => {
      const [first, second] = answers() as [number, number];
      await inPane(round, { width: 60, height: 30 }, async (pane) => {
        await pane.waitFor('Your answer (1-4):');
        expect(pane.text()).toMatch(/^Question 1 of 2\nWhat does "[^"]+" mean\?\n\n {2}1\. /);
        pane.type('7', 'Enter');
        await pane.waitFor('Type a number from 1 to 4');
        pane.type(String(first), 'Enter');
        await pane.waitFor('Question 2 of 2');
        expect(pane.text()).toContain('✓ Right!');
        pane.type(String((second % 4) + 1), 'Enter');
        await pane.waitFor('Score: 1 of 2');
        expect(pane.text()).toContain(`✗ Not quite: the answer is ${second}.`);
        expect(await pane.exited()).toBe(0);
      });
    });

    it('Ctrl-C ends it with the score so far and exit 130', async () => {
      const [first] = answers() as [number];
      await inPane(round, { width: 60, height: 30 }, async (pane) => {
        await pane.waitFor('Your answer (1-4):');
        pane.type(String(first), 'Enter');
        await pane.waitFor('Question 2 of 2');
        pane.type('C-c');
        await pane.waitFor('Score so far: 1 of 1');
        expect(await pane.exited()).toBe(130);
      });
    });

    it('colours the verdicts, and says them in words too', async () => {
      const [first] = answers() as [number];
      await inPane(round, { width: 60, height: 30 }, async (pane) => {
        await pane.waitFor('Your answer (1-4):');
        pane.type(String(first), 'Enter');
        await pane.waitFor('Question 2 of 2');
        expect(pane.text({ escapes: true })).toMatch(/\u001b\[[0-9;]*m✓ Right!/);
        pane.type('q', 'Enter');
        expect(await pane.exited()).toBe(0);
      });
    });
  });
});

if (!HAS_TMUX) {
  describe('in a terminal (tmux)', () => {
    it.skip('skipped: tmux is not installed (apt-get install tmux less; .ci/run does this)', () => {});
  });
}
