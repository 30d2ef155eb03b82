/**
 * Writing an export to disk, all or nothing: the files go into a new sibling directory,
 * which is renamed into place. A directory that already holds something is left alone
 * unless --force; then only the files an earlier export listed in its marker are deleted,
 * and everything else in it is kept (moved into the new export). A symbolic link as --out
 * is refused, never followed.
 */
import { randomBytes } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, rmdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { GenzError, UsageError } from '../errors.ts';
import type { ExportFiles } from '../export/index.ts';
import { existing, isInside, keptPaths, MARKER } from './export-dir.ts';

export { MARKER };

export interface WriteOptions {
  force: boolean;
  format: string;
  /** The working directory: never replaced, nor any directory above it. */
  cwd: string;
  /** Called as files are written (a progress line). */
  progress?: (written: number, total: number) => void;
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

/** Deletes what a replaced export wrote, then the directories left empty; anything else stays. */
function removePrevious(old: string, previous: string[]): boolean {
  for (const path of [...previous, MARKER]) {
    try {
      if (!lstatSync(join(old, path)).isDirectory()) unlinkSync(join(old, path));
    } catch {
      // already gone
    }
  }
  const dirs = readdirSync(old, { recursive: true, withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(d.parentPath, d.name))
    .sort((a, b) => b.length - a.length);
  for (const dir of [...dirs, old]) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty: something genz did not write
    }
  }
  try {
    lstatSync(old);
    return false;
  } catch {
    return true;
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
  const fromOut = relative(out, options.cwd);
  if (fromOut === '' || !(fromOut === '..' || fromOut.startsWith('../') || isAbsolute(fromOut))) throw new UsageError(`${shown} is the current directory or above it; export into a directory of its own`);
  const before = existing(out, shown);
  if (before.kind === 'full' && !options.force) {
    throw before.previous
      ? new UsageError(`${shown} holds an earlier export; add --force to replace it`)
      : new UsageError(`${shown} is not empty and was not made by genz export; choose a new or empty directory, or add --force`);
  }
  const previous = before.kind === 'full' ? (before.previous ?? []) : [];
  const kept = before.kind === 'full' ? keptPaths(out, shown, previous, new Set(files.keys())) : [];
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
  return removePrevious(old, previous) ? undefined : `kept ${old}: it holds files genz did not write`;
}
