/**
 * Writing the file `genz new` makes: its directory made one level at a time, the file
 * written whole under a temporary name and linked into place. Every failure is a GenzError
 * that says why, in the user's terms: never an internal error, never a loop.
 */
import { linkSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { DataError, EXIT, GenzError, UsageError } from '../errors.ts';

/** Longest file name most file systems take, in bytes. */
export const NAME_MAX = 255;

/** Why a write failed, by errno: a bad path is a usage error (2), a refusing file system a data error (3). */
function failure(path: string, error: unknown): GenzError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return new UsageError(`cannot write ${path}: a part of that path is a file, not a directory`, 'give --dir a directory');
    case 'ENAMETOOLONG':
      return new UsageError(`cannot write ${path}: a name in that path is too long`, 'use a shorter term or directory');
    case 'EACCES':
    case 'EPERM':
      return new DataError(`cannot write ${path}: permission denied`);
    case 'EROFS':
      return new DataError(`cannot write ${path}: the file system is read-only`);
    case 'ENOSPC':
    case 'EDQUOT':
      return new DataError(`cannot write ${path}: no space left on the device`);
    default:
      return new DataError(`cannot write ${path}: ${code ?? (error as Error).message}`);
  }
}

function isDirectory(path: string): boolean | undefined {
  try {
    return statSync(path).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * mkdir -p, one level at a time: find the nearest ancestor that exists, then make each
 * missing level below it. Each mkdir must make progress (Node's recursive mkdir loops
 * forever on /proc, where mkdir keeps answering ENOENT), so this ends after at most one
 * step per path component.
 */
export function makeDirectory(dir: string): void {
  const missing: string[] = [];
  let at = dir;
  for (;;) {
    let found: boolean | undefined;
    try {
      found = isDirectory(at);
    } catch (error) {
      throw failure(at, error);
    }
    if (found === true) break;
    if (found === false) throw failure(at, Object.assign(new Error('not a directory'), { code: 'ENOTDIR' }));
    missing.unshift(at);
    const parent = dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      throw failure(level, error);
    }
  }
}

/**
 * Writes `text` to `dir/name` unless that exists: written whole under a temporary name, then
 * linked into place (link() refuses an existing name atomically, where rename would replace
 * it), so the file appears complete or not at all.
 */
export function writeNewFile(dir: string, name: string, text: string): string {
  const file = join(dir, name);
  if (Buffer.byteLength(name) > NAME_MAX) {
    throw new UsageError(`the file name ${name.slice(0, 40)}… would be ${Buffer.byteLength(name)} bytes; file names are limited to ${NAME_MAX}`, 'use a shorter term');
  }
  makeDirectory(dir);
  const temporary = join(dir, `.genz-new-${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(temporary, text, { flag: 'wx' });
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new GenzError(`${file} already exists; not overwriting it`, EXIT.notFound, 'edit it, or choose another name');
    }
    throw failure(file, error);
  } finally {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // never created
    }
  }
  return file;
}
