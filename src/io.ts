/** Everything the program may touch of the outside world, handed in so tests can fake it. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /**
   * The working directory was removed: `cwd` is then only $PWD, a name for a directory that
   * is gone (or is another one now), so relative paths are refused rather than resolved there.
   */
  cwdRemoved?: boolean;
  /** Local date, for `today`; injectable so tests are stable. */
  now: () => Date;
  /** Milliseconds since the epoch, for file timestamps (default Date.now). */
  clock?: () => number;
  /** The user's id, so that genz uses only cache directories of its own. */
  uid?: number;
  /**
   * Lets the event loop run for a moment, so that a signal (Ctrl-C) is handled in the middle
   * of long work: the store and the commands call it between slices of work. Absent: the
   * work runs to its end in one go.
   */
  pause?: () => Promise<void>;
  /** Runs the user's editor on a file, in the terminal; returns its exit status. */
  openEditor?: (editor: string, file: string) => number;
  /**
   * Shows `text` through the pager program `command` (argv form) with `env`, resolving when
   * the pager exits. Resolves false when the program could not be started, so the caller
   * prints the text itself. Absent: no paging.
   */
  page?(text: string, command: string[], env: Record<string, string | undefined>): Promise<boolean>;
  /**
   * While the returned function has not been called, Ctrl-C calls `handler` instead of
   * ending the program with exit 130. Absent: Ctrl-C always ends the program.
   */
  onInterrupt?(handler: () => void): () => void;
}

export interface OutStream {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface InStream {
  isTTY?: boolean;
  /**
   * Reads all of standard input as UTF-8 text, or stops reading and resolves `undefined`
   * as soon as more than `maxBytes` arrive: nothing buffers an endless stream.
   */
  readAll(maxBytes: number): Promise<string | undefined>;
  /** The next line of input without its line ending, or null at end of input. */
  readLine?(): Promise<string | null>;
}
