/**
 * Where snapshots live: $XDG_CACHE_HOME/genz/snapshots (default ~/.cache/genz/snapshots),
 * per glossary directory and build of genz `<hash of the directory>-<build>.snap` and, after
 * files changed, the delta over it, `<hash>-<build>.delta.snap` (source.ts).
 *
 * The rules that keep a user's files safe:
 * - A relative XDG_CACHE_HOME or HOME is ignored (the XDG spec says so), so genz never
 *   makes a cache in the working directory.
 * - genz/ and genz/snapshots/ are checked with lstat: each must be a real directory (not a
 *   symbolic link) owned by this user. Otherwise genz uses no cache and says so once.
 * - New files are created with O_EXCL under a random name and renamed into place; rename
 *   replaces a link planted at the final name, never what it points to.
 * - genz deletes only regular files whose names match its own patterns (TEMP_NAME,
 *   SNAPSHOT_NAME), in snapshots/ only, and never a directory: stale ones when tidying, and
 *   a directory's delta when a whole new base makes it useless (discard).
 * - A snapshot is opened without following a link (snapshot.ts), and marked in use through
 *   that open file, never by its path again.
 */
import { lstatSync, mkdirSync, readdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Snapshot, SnapshotError } from './snapshot.ts';

const SNAPSHOT_NAME = /^[0-9a-f]{16}-[0-9a-z]{1,32}(?:\.delta)?\.snap$/;

/**
 * A directory's name for its snapshot: two FNV-1a hashes, 16 hex digits. Not node:crypto,
 * whose loading costs every start-up a few ms; a collision is harmless, since a snapshot
 * names its directory and one for another is not read.
 */
function nameOf(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    a = Math.imul(a ^ text.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ text.charCodeAt(i), 0x811c9dc5 | 1);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** 12 hex digits for a temporary file's name; O_EXCL, not the name, keeps it unique. */
const tempSuffix = (): string => Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0');
const TEMP_NAME = /^[0-9a-f]{16}-[0-9a-z]{1,32}(?:\.delta)?\.snap\.[0-9a-f]{12}\.tmp$/;
/** A temporary file this old was left by a process that died mid-write. */
const TEMP_STALE_MS = 10 * 60_000;
/** A snapshot not touched for this long belongs to a directory or a genz gone away. */
const SNAPSHOT_STALE_MS = 30 * 24 * 3600_000;
/** Reading a snapshot older than this marks it in use (its mtime), so tidying spares it. */
const TOUCH_AFTER_MS = 24 * 3600_000;

/** $XDG_CACHE_HOME/genz, else $HOME/.cache/genz; undefined when neither is absolute. */
export function cacheRootOf(env: Record<string, string | undefined>): string | undefined {
  const xdg = env['XDG_CACHE_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'genz');
  const home = env['HOME'];
  return home && isAbsolute(home) ? join(home, '.cache', 'genz') : undefined;
}

/** Makes `path` if missing, then requires a real directory of this user's; the problem otherwise. */
function ownDirectory(path: string, uid: number | undefined): string | undefined {
  try {
    mkdirSync(path, { recursive: true, mode: 0o700 });
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return `${path} is a symbolic link`;
    if (!stat.isDirectory()) return `${path} is not a directory`;
    if (uid !== undefined && stat.uid !== uid) return `${path} belongs to another user`;
    return undefined;
  } catch (error) {
    return `${path} cannot be used (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

/** A directory's base snapshot, or the delta over it (source.ts). */
type Kind = 'base' | 'delta';

export class CacheDir {
  private tidied = false;

  private constructor(
    readonly dir: string,
    private readonly buildId: string,
    private readonly uid: number | undefined,
  ) {}

  /** The snapshot directory under `root`, or why it cannot be used. */
  static open(root: string, buildId: string, uid: number | undefined): CacheDir | { problem: string } {
    const dir = join(root, 'snapshots');
    const problem = ownDirectory(root, uid) ?? ownDirectory(dir, uid);
    return problem ? { problem } : new CacheDir(dir, buildId, uid);
  }

  private pathOf(termDir: string, kind: Kind): string {
    return join(this.dir, `${nameOf(termDir)}-${this.buildId}${kind === 'delta' ? '.delta' : ''}.snap`);
  }

  /** The directory's snapshot, or undefined when there is none usable (missing, damaged, another's). */
  read(termDir: string, now: number, kind: Kind = 'base'): Snapshot | undefined {
    const path = this.pathOf(termDir, kind);
    let snapshot: Snapshot;
    try {
      snapshot = Snapshot.open(path);
    } catch (error) {
      if (error instanceof SnapshotError) return undefined;
      throw error;
    }
    // A delta names its base and the lines it hides; a base does neither (a delta copied over
    // a base's name would otherwise read as a whole directory).
    const isDelta = snapshot.header.base !== undefined || snapshot.header.hidden !== undefined;
    if (snapshot.header.dir !== termDir || snapshot.header.buildId !== this.buildId || isDelta !== (kind === 'delta')) {
      snapshot.close();
      return undefined;
    }
    try {
      if (now - snapshot.mtimeMs > TOUCH_AFTER_MS) snapshot.touch(now);
    } catch {
      // only a hint for tidying
    }
    return snapshot;
  }

  /** Writes a snapshot whole, or not at all (a full disk, a read-only cache): false then. */
  write(termDir: string, bytes: Buffer, now: number, kind: Kind = 'base'): boolean {
    const path = this.pathOf(termDir, kind);
    const temp = `${path}.${tempSuffix()}.tmp`;
    try {
      writeFileSync(temp, bytes, { flag: 'wx', mode: 0o600 });
      renameSync(temp, path);
    } catch {
      try {
        unlinkSync(temp);
      } catch {
        // never created
      }
      return false;
    }
    this.tidy(now);
    return true;
  }

  /** Removes a directory's snapshot of one kind, if it is a regular file: one genz wrote. */
  discard(termDir: string, kind: Kind): void {
    const path = this.pathOf(termDir, kind);
    try {
      if (lstatSync(path).isFile()) unlinkSync(path);
    } catch {
      // not there, or not ours to remove
    }
  }

  /** Removes what dead processes and old versions left behind: own files only, never a directory. */
  tidy(now: number): void {
    if (this.tidied) return;
    this.tidied = true;
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) {
      const stale = TEMP_NAME.test(name) ? TEMP_STALE_MS : SNAPSHOT_NAME.test(name) ? SNAPSHOT_STALE_MS : undefined;
      if (stale === undefined) continue;
      const path = join(this.dir, name);
      try {
        const stat = lstatSync(path);
        if (!stat.isFile() || (this.uid !== undefined && stat.uid !== this.uid) || now - stat.mtimeMs < stale) continue;
        unlinkSync(path);
      } catch {
        // gone already, or not ours to remove
      }
    }
  }
}
