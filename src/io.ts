/** Everything the program may touch of the outside world, handed in so tests can fake it. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Local date, for `today`; injectable so tests are stable. */
  now: () => Date;
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
}
