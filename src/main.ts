/**
 * The process binding: real streams, signals, exit status. Everything else is in run().
 */
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { EXIT } from './errors.ts';
import { fastRoute, runRoute } from './fast.ts';
import type { Io } from './io.ts';
import { spawnPager, stopPager } from './pager.ts';

/**
 * What stdin holds now, without waiting and without process.stdin (whose streams cost ~5 ms
 * to load): all of a regular file; of a pipe, what its writer has written so far, read
 * through a non-blocking descriptor of its own (Linux's /proc/self/fd/0, which leaves fd 0 as
 * it is). `complete` when the end was reached; undefined when stdin is something else.
 */
function readStdinNow(maxBytes: number): { chunks: Buffer[]; size: number; complete: boolean } | undefined {
  let fd = 0;
  try {
    const stat = fstatSync(0);
    if (stat.isDirectory()) throw Object.assign(new Error('standard input is a directory'), { code: 'EISDIR' });
    if (stat.isFIFO()) fd = openSync('/proc/self/fd/0', constants.O_RDONLY | constants.O_NONBLOCK);
    else if (!stat.isFile()) return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EISDIR') throw error;
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for (;;) {
      const buffer = Buffer.allocUnsafe(64 * 1024);
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) return { chunks, size, complete: true };
      chunks.push(buffer.subarray(0, n));
      size += n;
      if (size > maxBytes) return { chunks, size, complete: true };
    }
  } catch (error) {
    // EAGAIN: the writer has more to come. Anything else (EBADF: fd 0 open for writing
    // only; EISDIR) is the answer: standard input cannot be read.
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    return { chunks, size, complete: false };
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

/** All of stdin, or undefined past maxBytes. */
function readStdin(maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const now = readStdinNow(maxBytes); // throws, rejecting, when stdin cannot be read
    const chunks = now?.chunks ?? [];
    let size = now?.size ?? 0;
    const finish = () => resolve(size > maxBytes ? undefined : Buffer.concat(chunks).toString('utf8'));
    if (now?.complete) return finish();
    // The rest as it comes. The stream waits in the event loop, so Ctrl-C still works.
    const { stdin } = process;
    stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        stdin.destroy(); // enough: the writer gets EPIPE, as with `head`
        finish();
        return;
      }
      chunks.push(chunk);
    });
    stdin.on('end', finish);
    stdin.on('error', reject);
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

/**
 * What a failed write means. On stdout, a closed pipe (genz … | head -1) is the reader
 * saying "enough": stop quietly, with 0; any other failure (genz list > /dev/full) ends
 * the run with one line and exit 74, not a stack trace. On stderr, messages that cannot be
 * written are lost, but the answer and the exit status still count.
 */
function onWriteError(fd: 1 | 2, error: NodeJS.ErrnoException): void {
  if (fd === 2) return;
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  try {
    writeSync(2, `genz: cannot write to standard output: ${error.code ?? error.message}\n`);
  } catch {
    // stderr is gone too; the exit status still says it
  }
  process.exit(EXIT.output);
}

/**
 * Writes to fd 1 or 2 directly: process.stdout and process.stderr load Node's whole stream
 * machinery (~8 ms of every run). Only the first SYNC_BYTES go this way: a synchronous write
 * to a full pipe would block the event loop, and with it Ctrl-C, until the reader reads; a
 * fresh pipe holds 64 KiB, so an answer that size never blocks. Past it, or when the
 * descriptor is non-blocking (EAGAIN), the text goes to the stream, and everything after
 * it too, so the order holds.
 */
const SYNC_BYTES = 48 * 1024;

function writer(fd: 1 | 2): (text: string) => void {
  let stream: NodeJS.WriteStream | undefined;
  let written = 0;
  const toStream = () => {
    stream = fd === 1 ? process.stdout : process.stderr;
    stream.on('error', (e: NodeJS.ErrnoException) => onWriteError(fd, e));
    return stream;
  };
  return (text) => {
    let bytes = Buffer.from(text, 'utf8');
    if (!stream && written + bytes.length <= SYNC_BYTES) {
      try {
        while (bytes.length > 0) {
          const n = writeSync(fd, bytes);
          written += n;
          bytes = bytes.subarray(n);
        }
        return;
      } catch (error) {
        const err = error as NodeJS.ErrnoException;
        if (err.code !== 'EAGAIN') return onWriteError(fd, err);
      }
    }
    (stream ?? toStream()).write(bytes);
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

/** The working directory; one that was removed under us reads as $PWD (or /), marked removed. */
function workingDirectory(): { cwd: string; cwdRemoved?: true } {
  try {
    return { cwd: process.cwd() };
  } catch {
    return { cwd: process.env['PWD'] || '/', cwdRemoved: true };
  }
}

/** For scripts/code-cache.cjs: the dist/ chunks this process loaded. */
export { bundledScripts } from './bundled.ts';

export async function main(): Promise<void> {
  // Ctrl-C ends the program, unless a command asked to handle it (the quiz prints the score
  // so far; while a pager runs, the pager handles it).
  const interruptHandlers: Array<() => void> = [];
  process.on('SIGINT', () => {
    const handler = interruptHandlers.at(-1);
    if (handler) handler();
    else process.exit(EXIT.interrupted);
  });
  // Killed by SIGTERM, SIGHUP (the terminal closed) or SIGQUIT: the pager goes first, so the
  // terminal is left usable, then genz exits as that signal would have it (128 + its number).
  // Nothing is left half-written either way: every file is written and renamed in one
  // synchronous step, and a handler runs only between such steps.
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGQUIT'] as const) {
    process.on(signal, () => {
      void stopPager(signal).finally(() => process.exit(128 + process.getBuiltinModule('node:os').constants.signals[signal]));
    });
  }
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
    ...workingDirectory(),
    now: () => new Date(),
    clock: Date.now,
    ...(process.getuid ? { uid: process.getuid() } : {}),
    // Through the shell, since $EDITOR often carries arguments ("code --wait").
    openEditor: (editor, file) =>
      process.getBuiltinModule('node:child_process').spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' })
        .status ?? 1,
    page: spawnPager,
    pause: () => new Promise((resolve) => setImmediate(resolve)),
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
