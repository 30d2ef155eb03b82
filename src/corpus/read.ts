/**
 * Reading term files from a directory, with the checks every untrusted file needs: a
 * regular file (a FIFO would block the read forever, a device never end it), inside its
 * directory (a link to /proc/self/environ or ~/.ssh must not be quoted back), at most
 * MAX_FILE_BYTES of UTF-8 text.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { sep } from 'node:path';
import { UsageError } from '../errors.ts';
import { MAX_FILE_BYTES, type ParseResult, parseTermText } from './parse.ts';
import type { Profile } from './validate.ts';

const TERM_FILE = /\.ya?ml$/i;

export interface ReadOptions {
  builtin?: boolean;
  profile?: Profile;
  /** The term directory the file was listed in: a symbolic link may not lead out of it. */
  dir?: string;
  /** Parse with positions even when the file is clean (cross-file checks locate their findings). */
  positions?: boolean;
}

function inside(path: string, dir: string): boolean {
  return path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** Reads and parses one term file; every failure is a diagnostic, never an exception. */
export function readTermFile(file: string, options: ReadOptions = {}): ParseResult {
  const fail = (message: string, rule: string) => ({
    diagnostics: [{ file, line: 1, col: 1, severity: 'error' as const, message, rule }],
  });
  let text: string;
  try {
    if (options.dir !== undefined && lstatSync(file).isSymbolicLink()) {
      // Said without naming or reading the target: its content could be anyone's secret.
      if (!inside(realpathSync(file), realpathSync(options.dir))) {
        return fail('is a symbolic link that leads outside its term directory; not read', 'outside-link');
      }
    }
    const stat = statSync(file);
    if (stat.isDirectory()) return fail('is a directory, not a term file', 'not-a-file');
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
    return fail(`cannot be read: ${err.code ?? 'unknown error'}`, 'unreadable');
  }
  return parseTermText(text, file, options);
}

/** The names of a directory's term files, sorted; a usage error when it cannot be listed. */
export function listTermNames(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : code === 'EACCES' ? 'permission denied' : 'cannot be read';
    throw new UsageError(`${dir}: ${reason}`, 'check the --data or GENZ_PATH directories');
  }
  return names.filter((name) => TERM_FILE.test(name) && !name.startsWith('.')).sort();
}

/** A directory's term files as paths. */
export function listTermFiles(dir: string): string[] {
  return listTermNames(dir).map((name) => (dir.endsWith(sep) ? dir + name : dir + sep + name));
}
