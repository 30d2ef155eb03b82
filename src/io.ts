/** Everything the program may touch of the outside world, handed in so tests can fake it. */
export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  stdin: InStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Local date, for `today`; injectable so tests are stable. */
  now: () => Date;
  /** Runs the user's editor on a file, in the terminal; returns its exit status. */
  openEditor?: (editor: string, file: string) => number;
}

export interface OutStream {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
  rows?: number;
}

export interface InStream {
  isTTY?: boolean;
  /** Reads all of standard input as text. */
  readAll(): Promise<string>;
}
