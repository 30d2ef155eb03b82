/**
 * Running the real binary for the fault tests (issue 17). GENZ_TEST_BIN points them at
 * another build (the report's "old result" column comes from running them against the
 * build before the fix); fault stand-ins are preloaded from fs-faults.cjs.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BIN, cleanEnv, type Outcome, ROOT } from '../helpers.ts';

export const GENZ_BIN = process.env['GENZ_TEST_BIN'] ?? BIN;
export const FS_FAULTS = join(ROOT, 'test', 'faults', 'fs-faults.cjs');

export interface RunOptions {
  env?: Record<string, string>;
  input?: string;
  cwd?: string;
  /** Load fs-faults.cjs first (its behaviour chosen by GENZ_FAULT_* in env). */
  faults?: boolean;
  /** A shell prefix, e.g. "ulimit -f 0;" (the command then runs through sh). */
  shell?: string;
}

export function run(args: string[], options: RunOptions = {}): Outcome {
  const node = [...(options.faults ? ['-r', FS_FAULTS] : []), GENZ_BIN, ...args];
  const env = options.env ?? cleanEnv();
  const result = options.shell
    ? spawnSync('sh', ['-c', `${options.shell} exec "$0" "$@"`, process.execPath, ...node], { env, input: options.input ?? '', cwd: options.cwd ?? ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, node, { env, input: options.input ?? '', cwd: options.cwd ?? ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  return { status: result.status ?? (result.signal ? `signal ${result.signal}` : -1) as number, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal sent to the exit. */
  ms: number;
}

/** Starts genz, sends `signal` after `afterMs`, and reports how it ended and how long that took. */
export function interrupt(args: string[], options: { env: Record<string, string>; input?: string | Buffer; afterMs: number; signal?: NodeJS.Signals }): Promise<Ended> {
  const child: ChildProcess = spawn(process.execPath, [GENZ_BIN, ...args], { env: options.env, cwd: ROOT, stdio: ['pipe', 'pipe', 'ignore'] });
  child.stdin?.on('error', () => {});
  child.stdin?.end(options.input ?? '');
  child.stdout?.resume();
  let sent = 0;
  const timer = setTimeout(() => {
    sent = Date.now();
    child.kill(options.signal ?? 'SIGINT');
  }, options.afterMs);
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: sent ? Date.now() - sent : -1 });
    });
  });
}
