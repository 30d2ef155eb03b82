/**
 * The process binding: real streams, signals, exit status. Everything else is in run().
 */
import { spawnSync } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { run } from './cli.ts';
import { EXIT } from './errors.ts';
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
  let lines: Interface | undefined;
  const buffered: string[] = [];
  const waiting: Array<(line: string | null) => void> = [];
  let ended = false;
  const open = () => {
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

export async function main(): Promise<void> {
  // A closed pipe (genz … | head -1) is the reader saying "enough": stop quietly.
  const quietOnClosedPipe = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  };
  process.stdout.on('error', quietOnClosedPipe);
  process.stderr.on('error', quietOnClosedPipe);
  // Ctrl-C ends the program, unless a command asked to handle it (the quiz prints the score
  // so far; while a pager runs, the pager handles it).
  const interruptHandlers: Array<() => void> = [];
  process.on('SIGINT', () => {
    const handler = interruptHandlers.at(-1);
    if (handler) handler();
    else process.exit(EXIT.interrupted);
  });
  const stdinLines = lineReader();

  const io: Io = {
    stdout: {
      write: (text) => process.stdout.write(text),
      get isTTY() {
        return process.stdout.isTTY === true;
      },
      get columns() {
        return process.stdout.columns;
      },
      get rows() {
        return process.stdout.rows;
      },
    },
    stderr: { write: (text) => process.stderr.write(text), isTTY: process.stderr.isTTY === true },
    stdin: { isTTY: process.stdin.isTTY === true, readAll: readStdin, readLine: stdinLines.readLine },
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
    // Through the shell, since $EDITOR often carries arguments ("code --wait").
    openEditor: (editor, file) =>
      spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'sh', file], { stdio: 'inherit' }).status ?? 1,
    page: spawnPager,
    onInterrupt: (handler) => {
      interruptHandlers.push(handler);
      return () => {
        const at = interruptHandlers.lastIndexOf(handler);
        if (at >= 0) interruptHandlers.splice(at, 1);
      };
    },
  };
  try {
    process.exitCode = await run(process.argv.slice(2), io);
  } finally {
    stdinLines.close();
  }
}
