/**
 * What is already at --out, for export-write.ts: nothing, an empty directory, or a full one
 * (with the files an earlier export listed in its marker). Reads only; never follows a link.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../errors.ts';

/** The file that marks a directory as genz's export and lists what it wrote. */
export const MARKER = '.genz-export';

export type Existing = { kind: 'missing' } | { kind: 'empty' } | { kind: 'full'; previous: string[] | undefined };

/** A path inside the export: relative, "/"-separated, no "." or ".." parts. */
export function isInside(path: string): boolean {
  return path !== '' && !path.startsWith('/') && path.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !part.includes('\\'));
}

export function existing(out: string, shown: string): Existing {
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

/** The files an earlier export wrote, from its marker; a marker that cannot be read lists none. */
function previousFiles(marker: string): string[] {
  try {
    if (!lstatSync(marker).isFile()) return [];
    const files = (JSON.parse(readFileSync(marker, 'utf8')) as { files?: unknown }).files;
    return Array.isArray(files) ? files.filter((f): f is string => typeof f === 'string' && isInside(f)) : [];
  } catch {
    return [];
  }
}

/** Every directory a list of file paths implies ("a/b/c" → "a", "a/b"). */
function directoriesOf(paths: Iterable<string>): Set<string> {
  const dirs = new Set<string>();
  for (const path of paths) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return dirs;
}

/**
 * What of a full directory must be kept when the export replaces it: everything an earlier
 * export did not write, as the fewest paths (a directory of the user's is one entry). Looks
 * only inside directories the export uses, so a forced export into a big directory costs
 * what the export costs. Refuses (exit 2) when the export would overwrite one of them.
 */
export function keptPaths(out: string, shown: string, previous: string[], newFiles: ReadonlySet<string>): string[] {
  const ours = new Set([...previous, MARKER]);
  const newDirs = directoriesOf(newFiles);
  const usedDirs = new Set([...newDirs, ...directoriesOf(previous)]);
  const kept: string[] = [];
  const visit = (prefix: string) => {
    for (const entry of readdirSync(join(out, prefix), { withFileTypes: true })) {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (ours.has(path) && !entry.isDirectory()) continue;
      if (entry.isDirectory() && usedDirs.has(path)) visit(path);
      else if (newFiles.has(path) || newDirs.has(path)) {
        throw new UsageError(`${shown}/${path} was not written by genz export and would be overwritten; move it away`);
      } else kept.push(path);
    }
  };
  visit('');
  return kept;
}
