/**
 * Loading the glossary: the compiled built-in one (no YAML parsed at run time) and the
 * user's directories (YAML, validated with the basic profile; cache.ts keeps them compiled). Directories earlier in the
 * list win over later ones and over the built-in glossary.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { Pack, PACK_FORMAT, type Source } from './pack.ts';
import { Records } from './parts.ts';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, UsageError } from '../errors.ts';
import type { Entry } from './entry.ts';
import { type Diagnostic, MAX_FILE_BYTES, type ParseResult, parseTermText } from './parse.ts';
import type { Profile } from './validate.ts';

export interface DirectoryReport {
  dir: string;
  builtin: boolean;
  /** Entries this directory gave (before precedence). */
  count: number;
}

export interface LoadOptions {
  /** User directories, highest precedence first. */
  dirs: string[];
  includeBuiltin: boolean;
  /** Path of the compiled built-in glossary; found next to the code by default. */
  builtinPath?: string;
}

export class Glossary {
  readonly bySlug = new Map<string, Entry>();
  /** Entries hidden by a higher-precedence entry with the same slug. */
  readonly shadowed: Entry[] = [];

  constructor(
    entriesByPrecedence: Entry[],
    readonly diagnostics: Diagnostic[] = [],
    readonly directories: DirectoryReport[] = [],
  ) {
    for (const entry of entriesByPrecedence) {
      if (this.bySlug.has(entry.slug)) this.shadowed.push(entry);
      else this.bySlug.set(entry.slug, entry);
    }
  }

  get entries(): Entry[] {
    return [...this.bySlug.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  }

  get(slug: string): Entry | undefined {
    return this.bySlug.get(slug);
  }

  /** Load errors (files that could not be read or parsed). */
  get errors(): Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === 'error');
  }
}

const HERE = dirname(fileURLToPath(import.meta.url));
// In the bundle the compiled glossary sits beside the code (dist/, or dist/ above a chunk);
// from the sources (tests) it is two folders up.
const BUILTIN_CANDIDATES = [join(HERE, 'glossary'), join(HERE, '..', 'glossary'), join(HERE, '..', '..', 'dist', 'glossary')];

/** The compiled built-in glossary (a pack directory, see pack.ts). */
export function builtinGlossaryPath(): string {
  const found = BUILTIN_CANDIDATES.find((path) => existsSync(join(path, 'head.json')));
  if (!found) throw new DataError('the built-in glossary is missing', 'run "npm run build" in the genz folder');
  return found;
}

/** The package root, to show built-in entries' files as real paths. */
export function packageRoot(builtinPath: string): string {
  return resolve(builtinPath, '..', '..');
}

/** The built-in glossary: its pack (indexes) and record store (entries and parts). */
export function openBuiltin(path = builtinGlossaryPath()): { pack: Pack; source: Source } {
  try {
    const head = JSON.parse(readFileSync(join(path, 'head.json'), 'utf8')) as { format: number };
    if (head.format !== PACK_FORMAT) throw new Error('it was compiled by another version of genz');
    const source: Source = { records: new Records(join(path, 'records')), root: packageRoot(path) };
    return { pack: new Pack(path, new Map([['b', source]])), source };
  } catch (error) {
    throw new DataError(`the built-in glossary ${path} cannot be read: ${(error as Error).message}`, 'run "npm run build"');
  }
}

export function loadBuiltin(path = builtinGlossaryPath()): Entry[] {
  return openBuiltin(path).pack.allEntries();
}

export function builtinDirectory(path: string, count: number): DirectoryReport {
  return { dir: join(packageRoot(path), 'data', 'terms'), builtin: true, count };
}

const TERM_FILE = /\.ya?ml$/i;

/** Reads one term file with the checks every untrusted file needs. */
export function readTermFile(file: string, options: { builtin?: boolean; profile?: Profile; fast?: boolean } = {}): ParseResult {
  const fail = (message: string, rule: string) => ({
    diagnostics: [{ file, line: 1, col: 1, severity: 'error' as const, message, rule }],
  });
  let text: string;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return fail('is a directory, not a term file', 'not-a-file');
    // A FIFO would block the read forever and a device (a link to /dev/zero) never end it.
    if (!stat.isFile()) return fail('is not a regular file', 'not-a-file');
    if (stat.size > MAX_FILE_BYTES) return fail(`is ${stat.size} bytes; term files are limited to ${MAX_FILE_BYTES}`, 'file-size');
    const bytes = readFileSync(file);
    // The file may have grown since stat().
    if (bytes.length > MAX_FILE_BYTES) return fail(`is ${bytes.length} bytes; term files are limited to ${MAX_FILE_BYTES}`, 'file-size');
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === 'ELOOP') return fail('is a symbolic link loop', 'unreadable');
    if (err.code === 'EACCES' || err.code === 'EPERM') return fail('cannot be read: permission denied', 'unreadable');
    if (err.code === 'ENOENT') return fail('does not exist', 'unreadable');
    if (err instanceof TypeError) return fail('is not valid UTF-8 text', 'encoding');
    return fail(`cannot be read: ${err.message}`, 'unreadable');
  }
  return parseTermText(text, file, options);
}

/** Term files of a directory, sorted; throws a usage error when it is not a directory. */
export function listTermFiles(dir: string): string[] {
  return listTermNames(dir).map((name) => (dir.endsWith(sep) ? dir + name : dir + sep + name)); // join() costs ~10 ms at 10,000 files
}

/** The names of listTermFiles' files. */
export function listTermNames(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : 'cannot be read';
    throw new UsageError(`${dir}: ${reason}`, 'check the --data or GENZ_PATH directories');
  }
  return names.filter((name) => TERM_FILE.test(name) && !name.startsWith('.')).sort();
}

export function loadGlossary(options: LoadOptions): Glossary {
  const entries: Entry[] = [];
  const diagnostics: Diagnostic[] = [];
  const directories: DirectoryReport[] = [];
  for (const dir of options.dirs) {
    let count = 0;
    for (const file of listTermFiles(dir)) {
      const result = readTermFile(file);
      diagnostics.push(...result.diagnostics);
      if (result.entry) {
        entries.push(result.entry);
        count++;
      }
    }
    directories.push({ dir, builtin: false, count });
  }
  if (options.includeBuiltin) {
    const path = options.builtinPath ?? builtinGlossaryPath();
    const builtin = loadBuiltin(path);
    entries.push(...builtin);
    directories.push(builtinDirectory(path, builtin.length));
  }
  return new Glossary(entries, diagnostics, directories);
}
