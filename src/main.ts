/**
 * The process binding: real streams, signals, exit status. Everything else is in run().
 */
import { EXIT } from './errors.ts';
import { fastRoute, runRoute } from './fast.ts';
import type { Io } from './io.ts';

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

export async function main(): Promise<void> {
  // A closed pipe (genz … | head -1) is the reader saying "enough": stop quietly.
  const quietOnClosedPipe = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  };
  process.stdout.on('error', quietOnClosedPipe);
  process.stderr.on('error', quietOnClosedPipe);
  process.on('SIGINT', () => process.exit(EXIT.interrupted));

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
    stdin: { isTTY: process.stdin.isTTY === true, readAll: readStdin },
    env: process.env,
    cwd: process.cwd(),
    now: () => new Date(),
  };
  const argv = process.argv.slice(2);
  // Common commands skip commander (fast.ts); the rest load the full command line.
  const route = fastRoute(argv);
  if (route) process.exitCode = await runRoute(route, io);
  else process.exitCode = await (await import('./cli.ts')).run(argv, io);
}
