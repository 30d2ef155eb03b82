import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { CacheDir } from '../src/store/cache-dir.ts';
import { openBuiltin, StoredGlossary } from '../src/store/glossary.ts';
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
  rows?: number;
  stdin?: string;
  stdinIsTTY?: boolean;
  /** Lines typed at the terminal, one per readLine(); CTRL_C instead of a line presses Ctrl-C. */
  lines?: string[];
  /** What the fake pager reports: true (it ran) or false (it could not be started). */
  pagerStarts?: boolean;
  cwd?: string;
  now?: Date;
  /** Parse with commander even where the fast path (src/fast.ts) would answer. */
  noFastPath?: boolean;
  /** Io.pause: long work is done in slices with this between them (absent: in one piece). */
  pause?: () => Promise<void>;
}

export const CTRL_C = '\u0003';

export interface PagerCall {
  text: string;
  command: string[];
  env: Record<string, string | undefined>;
}

export interface InProcessOutcome extends Outcome {
  /** Every time the program asked for a pager. */
  pages: PagerCall[];
}

/** Runs the whole program in-process with fake streams, a fake pager and a fake keyboard. */
export async function genzInProcess(argv: string[], options: FakeIoOptions = {}): Promise<InProcessOutcome> {
  let stdout = '';
  let stderr = '';
  const pages: PagerCall[] = [];
  const typed = [...(options.lines ?? [])];
  const interruptHandlers: Array<() => void> = [];
  const io: Io = {
    stdout: {
      write: (t) => {
        stdout += t;
      },
      isTTY: options.isTTY ?? false,
      columns: options.columns ?? 80,
      ...(options.rows ? { rows: options.rows } : {}),
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
      readLine: async () => {
        const line = typed.shift();
        if (line !== CTRL_C) return line ?? null;
        // Like a terminal: the read never completes, the interrupt handler runs instead.
        interruptHandlers.at(-1)?.();
        return new Promise<string | null>(() => {});
      },
    },
    env: options.env ?? cleanEnv(),
    cwd: options.cwd ?? ROOT,
    now: () => options.now ?? new Date(2026, 0, 15),
    page: async (text, command, env) => {
      pages.push({ text, command, env });
      return options.pagerStarts ?? true;
    },
    ...(options.pause ? { pause: options.pause } : {}),
    onInterrupt: (handler) => {
      interruptHandlers.push(handler);
      return () => {
        interruptHandlers.splice(interruptHandlers.lastIndexOf(handler), 1);
      };
    },
  };
  const status = await run(argv, io, options.noFastPath ? { noFastPath: true } : {});
  return { status, stdout, stderr, pages };
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

/**
 * The glossary as a command opens it (store/glossary.ts): the given directories over the
 * built-in glossary, with snapshots under `cacheRoot`, or compiled in memory without one.
 */
export function openStore(dirs: string[], options: { cacheRoot?: string; builtin?: boolean } = {}): StoredGlossary {
  const cache = options.cacheRoot === undefined ? undefined : CacheDir.open(options.cacheRoot, 'test', process.getuid?.());
  if (cache && 'problem' in cache) throw new Error(cache.problem);
  return new StoredGlossary({
    dirs,
    ...(options.builtin === false ? {} : { builtin: openBuiltin() }),
    ...(cache ? { cache } : {}),
    buildId: 'test',
    now: Date.now,
  });
}
