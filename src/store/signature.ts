/**
 * The freshness rules the cache's correctness rests on:
 * - A file's signature is dev, ino, size, mtimeMs and ctimeMs. ctime cannot be set back by
 *   tools that keep mtimes (cp -p, rsync, tar), and an editor that saves by rename changes
 *   the inode.
 * - Racy timestamps: a file changed within the file system's timestamp granularity of the
 *   moment it was recorded (100 ms; 2 s where timestamps are whole seconds) could change
 *   again without its signature changing. Its signature is recorded as null, which matches
 *   nothing, so the next look at it parses it again (as git does with racily clean files).
 * - The directory's own signature changes when a file is added, removed or renamed.
 * The checks that use them are in glossary.ts and open.ts.
 */
import { type Stats, statSync } from 'node:fs';
import type { Signature } from './snapshot.ts';

export function signatureOf(stat: Stats, recordedAt: number): Signature {
  const coarse = stat.mtimeMs % 1000 === 0 && stat.ctimeMs % 1000 === 0;
  if (recordedAt - Math.max(stat.mtimeMs, stat.ctimeMs) < (coarse ? 2000 : 100)) return null;
  return [stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs];
}

export function matches(signature: Signature, stat: Stats | undefined): boolean {
  if (signature === null || stat === undefined) return false;
  const [dev, ino, size, mtimeMs, ctimeMs] = signature;
  return stat.dev === dev && stat.ino === ino && stat.size === size && stat.mtimeMs === mtimeMs && stat.ctimeMs === ctimeMs;
}

/** matches() against the five numbers at `at` of a flat list of signatures (a base's `stats`). */
export function matchesAt(flat: ArrayLike<number>, at: number, stat: Stats | undefined): boolean {
  if (stat === undefined) return false;
  return stat.dev === flat[at] && stat.ino === flat[at + 1] && stat.size === flat[at + 2] && stat.mtimeMs === flat[at + 3] && stat.ctimeMs === flat[at + 4];
}

export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
