/**
 * Writing an export to disk, all or nothing: the files go into a new sibling directory,
 * which is renamed into place. A directory that already holds something is left alone
 * unless --force; then only the files a previous export listed in its marker are deleted,
 * and everything else in it is kept (moved into the new export). A symbolic link as --out
 * is refused, never followed.
 */
import { lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { GenzError, UsageError } from '../errors.ts';
import type { ExportFiles } from '../export/index.ts';

/** The file that marks a directory as genz's export and lists what it wrote. */
export const MARKER = '.genz-export';

export interface WriteOptions {
  force: boolean;
  format: string;
  /** Called as files are written (a progress line). */
  progress?: (written: number, total: number) => void;
}

/** A path inside the export: relative, "/"-separated, no "." or ".." parts. */
function isInside(path: string): boolean {
  return path !== '' && !path.startsWith('/') && path.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\'));
}

type Existing = { kind: 'missing' } | { kind: 'empty' } | { kind: 'full'; previous: string[] | undefined };

function existing(out: string, shown: string): Existing {
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(out);
  } catch {
    return { kind: 'missing' };
  }
  if (stat.isSymbolicLink()) throw new UsageError(`${shown} is a symbolic link; genz exports only into a real directory, not through a link`);
  if (!stat.isDirectory()) throw new UsageError(`${shown} exists and is not a directory`);
  const names = readdirSync(out);
  if (names.length === 0) return { kind: 'empty' };
  return { kind: 'full', previous: names.includes(MARKER) ? previousFiles(join(out, MARKER)) : undefined };
}

/** The files a previous export wrote, from its marker; a marker that cannot be read lists none. */
function previousFiles(marker: string): string[] {
  try {
    if (!lstatSync(marker).isFile()) return [];
    const files = (JSON.parse(readFileSync(marker, 'utf8')) as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && isInside(f)) : [];
  } catch {
    return [];
  }
}

/** Every file, link and directory under dir (relative paths), not following links. */
function walk(dir: string, prefix = ''): Array<{ path: string; isDir: boolean }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = prefix ? `${prefix}/${d.name}` : d.name;
    return d.isDirectory() ? [{ path, isDir: true }, ...walk(join(dir, d.name), path)] : [{ path, isDir: false }];
  });
}

function writeTree(dir: string, files: ExportFiles, options: WriteOptions): void {
  let written = 0;
  for (const [path, content] of files) {
    if (!isInside(path)) throw new Error(`an exporter produced the path "${path}"`);
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content, { flag: 'wx' });
    options.progress?.(++written, files.size);
  }
  const marker = { genzExport: 1, format: options.format, files: [...files.keys()].sort() };
  writeFileSync(join(dir, MARKER), `${JSON.stringify(marker, null, 2)}\n`, { flag: 'wx' });
}

/** What of a forced directory to keep (everything a previous export did not write); refuses to overwrite any of it. */
function keptFiles(out: string, shown: string, previous: string[], files: ExportFiles): string[] {
  const ours = new Set([...previous, MARKER]);
  const newDirs = new Set([...files.keys()].flatMap((f) => f.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))));
  const kept: string[] = [];
  for (const { path, isDir } of walk(out)) {
    if (ours.has(path)) continue;
    if (files.has(path) || (!isDir && newDirs.has(path))) {
      throw new UsageError(`${shown}/${path} was not written by genz export and would be overwritten; move it away`);
    }
    if (!isDir) kept.push(path);
  }
  return kept;
}

/** Deletes what a replaced export wrote, then the directories left empty; anything else stays. */
function removePrevious(old: string, previous: string[]): boolean {
  for (const path of [...previous, MARKER]) {
    try {
      if (!lstatSync(join(old, path)).isDirectory()) unlinkSync(join(old, path));
    } catch {
      // already gone
    }
  }
  const dirs = walk(old).filter((e) => e.isDir).map((e) => e.path).reverse();
  for (const path of [...dirs, '']) {
    try {
      rmdirSync(join(old, path));
    } catch {
      // not empty: something genz did not write
    }
  }
  return !existsQuietly(old);
}

function existsQuietly(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function move(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  renameSync(from, to);
}

/**
 * Writes `files` as the directory `out` (absolute). Returns a warning when something of a
 * replaced export could not be cleaned up. Usage errors (exit 2) for a directory it will not
 * touch; GenzError (exit 1) when writing fails, with nothing changed.
 */
export function writeExport(out: string, shown: string, files: ExportFiles, options: WriteOptions): string | undefined {
  const before = existing(out, shown);
  if (before.kind === 'full' && !options.force) {
    throw before.previous
      ? new UsageError(`${shown} holds an earlier export; add --force to replace it`)
      : new UsageError(`${shown} is not empty and was not made by genz export; choose a new or empty directory, or add --force`);
  }
  const kept = before.kind === 'full' ? keptFiles(out, shown, before.previous ?? [], files) : [];
  const parent = dirname(out);
  const unique = randomBytes(6).toString('hex');
  const temp = join(parent, `.${basename(out)}.genz-new-${unique}`);
  try {
    mkdirSync(parent, { recursive: true });
    mkdirSync(temp);
    writeTree(temp, files, options);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw new GenzError(`could not write the export: ${(error as Error).message}`, 1);
  }
  if (before.kind !== 'full') {
    try {
      // rename(2) replaces an empty directory, and fails if one with files appeared meanwhile.
      renameSync(temp, out);
      return undefined;
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      throw new GenzError(`could not move the export into ${shown}: ${(error as Error).message}`, 1);
    }
  }
  const old = join(parent, `.${basename(out)}.genz-old-${unique}`);
  const moved: string[] = [];
  try {
    for (const path of kept) {
      move(join(out, path), join(temp, path));
      moved.push(path);
    }
    renameSync(out, old);
    try {
      renameSync(temp, out);
    } catch (error) {
      renameSync(old, out);
      throw error;
    }
  } catch (error) {
    for (const path of moved) move(join(temp, path), join(out, path));
    rmSync(temp, { recursive: true, force: true });
    throw new GenzError(`could not replace ${shown}: ${(error as Error).message}`, 1);
  }
  return removePrevious(old, before.previous ?? []) ? undefined : `kept ${old}: it holds files genz did not write`;
}
