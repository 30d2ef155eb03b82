import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { run } from '../src/cli.ts';
import type { Io } from '../src/io.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'bin', 'genz.js');
export const FIXTURES = join(ROOT, 'test', 'fixtures');

export interface Outcome {
  status: number;
  stdout: string;
  stderr: string;
}

/** An environment with no colour hints and an empty home, so a developer's own files don't leak in. */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  const home = mkdtempSync(join(tmpdir(), 'genz-home-'));
  return { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), ...extra };
}

/** Runs the real binary, as a user would. */
export function genz(args: string[], options: { env?: Record<string, string>; input?: string; cwd?: string } = {}): Outcome {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    env: options.env ?? cleanEnv(),
    input: options.input ?? '',
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export interface FakeIoOptions {
  env?: Record<string, string>;
  isTTY?: boolean;
  columns?: number;
  stdin?: string;
  stdinIsTTY?: boolean;
  cwd?: string;
  now?: Date;
}

/** Runs the whole program in-process with fake streams. */
export async function genzInProcess(argv: string[], options: FakeIoOptions = {}): Promise<Outcome> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: {
      write: (t) => {
        stdout += t;
      },
      isTTY: options.isTTY ?? false,
      columns: options.columns ?? 80,
    },
    stderr: {
      write: (t) => {
        stderr += t;
      },
    },
    stdin: {
      isTTY: options.stdinIsTTY ?? false,
      readAll: async (maxBytes) => {
        const text = options.stdin ?? '';
        return Buffer.byteLength(text, 'utf8') > maxBytes ? undefined : text;
      },
    },
    env: options.env ?? cleanEnv(),
    cwd: options.cwd ?? ROOT,
    now: () => options.now ?? new Date(2026, 0, 15),
  };
  const status = await run(argv, io);
  return { status, stdout, stderr };
}

/** A temporary directory holding the given files. */
export function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'genz-test-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export const ANSI = /\u001b\[/;

/** Validates a --json document against schema/output.schema.json; errors in the message. */
const outputSchema = JSON.parse(readFileSync(join(ROOT, 'schema', 'output.schema.json'), 'utf8'));
const outputValidator = new Ajv2020({ strict: false, allErrors: true }).compile(outputSchema);
export function schemaErrors(doc: unknown): string | null {
  return outputValidator(doc) ? null : JSON.stringify(outputValidator.errors?.slice(0, 5));
}
