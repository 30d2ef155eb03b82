/**
 * The process binding: real streams, signals, exit status. Everything else is in run().
 */
import { run } from './cli.ts';
import { EXIT } from './errors.ts';
import type { Io } from './io.ts';

function readStdin(maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const { stdin } = process;
    const chunks: Buffer[] = [];
    let size = 0;
    stdin.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Enough: stop reading (the writer gets EPIPE, as with `head`) and say so.
        stdin.destroy();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stdin.on('error', reject);
  });
}

export async function main(): Promise<void> {
  // A closed pipe (genz … | head -1) is the reader saying "enough": stop quietly. Any other
  // failure to write the answer (genz list > /dev/full) ends the run with one line, not a
  // stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    process.stderr.write(`genz: cannot write to standard output: ${error.code ?? error.message}\n`);
    process.exit(EXIT.output);
  });
  // Messages that cannot be written are lost, but the answer and the exit status still count.
  process.stderr.on('error', () => {});
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
  process.exitCode = await run(process.argv.slice(2), io);
}
