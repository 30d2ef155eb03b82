/**
 * The process binding: real streams, signals, exit status. Everything else is in run().
 */
import { fstatSync, writeSync } from 'node:fs';
import { EXIT } from './errors.ts';
import { fastRoute, runRoute } from './fast.ts';
import type { Io } from './io.ts';
import { spawnPager } from './pager.ts';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

/** Line-at-a-time reading of stdin, opened on first use (the quiz); closed by close(). */
function lineReader(): { readLine: () => Promise<string | null>; close: () => void } {
  let lines: import('node:readline').Interface | undefined;
  const buffered: string[] = [];
  const waiting: Array<(line: string | null) => void> = [];
  let ended = false;
  const open = () => {
    // Loaded on first use: only the quiz reads lines.
    const { createInterface } = process.getBuiltinModule('node:readline');
    lines = createInterface({ input: process.stdin, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on('line', (line) => (waiting.length > 0 ? waiting.shift()!(line) : buffered.push(line)));
    lines.on('close', () => {
      ended = true;
      for (const resolve of waiting.splice(0)) resolve(null);
    });
  };
  return {
    readLine: () => {
      if (!lines) open();
      if (buffered.length > 0) return Promise.resolve(buffered.shift()!);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () => {
      if (!lines) return;
      lines.close();
      process.stdin.destroy();
    },
  };
}

// A closed pipe (genz … | head -1) is the reader saying "enough": stop quietly.
function quietOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
}

/**
 * Writes to fd 1 or 2 directly: process.stdout and process.stderr load Node's whole stream
 * machinery (~8 ms of every run). A descriptor that is non-blocking (EAGAIN) is handed to
 * the stream, and everything after it too, so the order holds.
 */
function writer(fd: 1 | 2): (text: string) => void {
  let stream: NodeJS.WriteStream | undefined;
  return (text) => {
    let bytes = Buffer.from(text, 'utf8');
    if (!stream) {
      try {
        while (bytes.length > 0) bytes = bytes.subarray(writeSync(fd, bytes));
        return;
      } catch (error) {
        const err = error as NodeJS.ErrnoException;
        if (err.code !== 'EAGAIN') return quietOnClosedPipe(err);
        stream = fd === 1 ? process.stdout : process.stderr;
        stream.on('error', quietOnClosedPipe);
      }
    }
    stream.write(bytes);
  };
}

/**
 * Whether fd is a terminal. A pipe or a file is not, and fstat says so without loading
 * node:tty (which loads node:net and the streams, ~5 ms); a character device may be one.
 */
function isTerminal(fd: 0 | 1 | 2): boolean {
  try {
    if (!fstatSync(fd).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.getBuiltinModule('node:tty').isatty(fd);
}

export async function main(): Promise<void> {
  // Ctrl-C ends the program, unless a command asked to handle it (the quiz prints the score
  // so far; while a pager runs, the pager handles it).
  const interruptHandlers: Array<() => void> = [];
  process.on('SIGINT', () => {
    const handler = interruptHandlers.at(-1);
    if (handler) handler();
    else process.exit(EXIT.interrupted);
  });
  const stdinLines = lineReader();

  const stdoutIsTTY = isTerminal(1);
  const io: Io = {
    stdout: {
      write: writer(1),
      isTTY: stdoutIsTTY,
      get columns() {
        return process.stdout.columns;
      },
      get rows() {
        return process.stdout.rows;
      },
    },
    stderr: {
      write: writer(2),
      get isTTY() {
        return isTerminal(2);
      },
    },
    stdin: {
      get isTTY() {
        return isTerminal(0);
      },
      readAll: readStdin,
      readLine: stdinLines.readLine,
    },
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    // Through the shell, since $EDITOR often carries arguments ("code --wait").
    openEditor: (editor, file) =>
      process.getBuiltinModule('node:child_process').spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' })
        .status ?? 1,
    page: spawnPager,
    onInterrupt: (handler) => {
      interruptHandlers.push(handler);
      return () => {
        const at = interruptHandlers.lastIndexOf(handler);
        if (at >= 0) interruptHandlers.splice(at, 1);
      };
    },
  };
  const argv = process.argv.slice(2);
  try {
    // Common commands skip commander (fast.ts); the rest load the full command line.
    const route = fastRoute(argv);
    if (route) process.exitCode = await runRoute(route, io);
    else process.exitCode = await (await import('./cli.ts')).run(argv, io);
  } finally {
    stdinLines.close();
  }
}
