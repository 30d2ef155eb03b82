/**
 * The compiled-directory cache: user term directories compiled once into a pack (pack.ts)
 * under $XDG_CACHE_HOME/genz, one per search path, and recompiled only where files changed.
 *
 * How a change is noticed (the cheap checks, cheapest first):
 * 1. Every command stats each directory of the search path. Adding, deleting or renaming a
 *    file, and every editor that saves by writing a new file and renaming it over the old
 *    one, changes the directory's mtime/ctime: the cache is brought up to date.
 * 2. A file edited in place (same inode, same directory) changes only its own ctime. The
 *    entry `define` prints and the entries it links to are stat'ed before printing;
 *    a changed one brings the cache up to date first (pack.ts keeps each file's signature).
 * 3. Everything else that answers from many entries (a miss, fuzzy matches, search,
 *    explain, list…) first stats every file ("full check"): 10,000 stats, ~20–40 ms.
 * The gap left: a `define` that hits exactly does not notice another file, edited in place,
 * that now claims the same word; that is a duplicate `genz validate` reports as an error.
 *
 * Signatures are dev, ino, size, mtimeMs and ctimeMs (sub-millisecond where the file system
 * has it): ctime cannot be set back by tools that preserve mtimes (cp -p, rsync, tar).
 * A timestamp younger than the file system's granularity when we read it is "racy" (a later
 * write in the same tick would not change it), so it is checked again next time.
 *
 * Bringing the cache up to date re-parses only files whose signature changed and merges
 * the rest from stored parts. The cache is an optimisation only: unreadable, corrupt,
 * from another version, or unwritable, it is rebuilt or bypassed and the answer is the same.
 * Writers build a new pack in a fresh directory and rename the small state file over the
 * old one, so two processes never leave a half-written cache behind.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, type Stats, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Entry } from './entry.ts';
import { type DirectoryReport, listTermFiles, readTermFile } from './load.ts';
import { type EntryParts, entryParts, type FileSignature, Pack, type PackItem, PACK_FORMAT, writePack } from './pack.ts';
import type { Diagnostic } from './parse.ts';
import { RecordFile, recordFileBytes } from './store.ts';

const STATE_FORMAT = 1;
/** Unused pack directories older than this are removed (readers may still hold a young one). */
const STALE_PACK_MS = 60_000;

export interface CacheOptions {
  /** User directories, highest precedence first. */
  dirs: string[];
  builtin?: { pack: Pack; path: string };
  /** $XDG_CACHE_HOME/genz */
  cacheRoot: string;
}

interface DirState {
  dir: string;
  signature: FileSignature;
  racy: boolean;
}

interface FileState {
  path: string;
  signature: FileSignature | null;
  racy: boolean;
  diagnostics: Diagnostic[];
  /** Index of its entry in the user records, or -1. */
  record: number;
}

interface State {
  format: number;
  packFormat: number;
  key: string;
  pack: string;
  dirs: DirState[];
  diagnostics: Diagnostic[];
  directories: DirectoryReport[];
}

export interface Compiled {
  pack: Pack;
  diagnostics: Diagnostic[];
  directories: DirectoryReport[];
}

export function signatureOf(stat: Stats): FileSignature {
  return [stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs];
}

function sameSignature(a: FileSignature | null, b: FileSignature | null): boolean {
  return a !== null && b !== null && a.every((value, i) => value === b[i]);
}

/** Whole-second timestamps mean a coarse file system: allow two seconds, else 100 ms. */
function isRacy(stat: Stats, now: number): boolean {
  const granularity = stat.ctimeMs % 1000 === 0 ? 2000 : 100;
  return now - Math.max(stat.ctimeMs, stat.mtimeMs) < granularity;
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

/** The current signature of a file matches the recorded one (and the record was not racy). */
export function unchanged(path: string, signature: FileSignature | null): boolean {
  const stat = statOrNull(path);
  return stat !== null && signature !== null && sameSignature(signatureOf(stat), signature) && !isRacy(stat, Date.now());
}

export class DirectoryCache {
  readonly dir: string;
  private readonly key: string;
  private state?: State;

  constructor(readonly options: CacheOptions) {
    this.key = JSON.stringify({ dirs: options.dirs, builtin: options.builtin?.path ?? null, builtinId: builtinId(options.builtin) });
    // The state file repeats the key, so a hash collision costs a rebuild, never a wrong answer.
    this.dir = join(options.cacheRoot, `packs-${PACK_FORMAT}`, hash64(this.key));
  }

  /** The pack for the directories, brought up to date if a directory changed (check 1). */
  open(): Compiled {
    const state = this.readState();
    if (state && state.dirs.length === this.options.dirs.length && state.dirs.every((d, i) => d.dir === this.options.dirs[i] && !d.racy && unchanged(d.dir, d.signature))) {
      try {
        return { pack: new Pack(join(this.dir, state.pack), '/', false), diagnostics: state.diagnostics, directories: state.directories };
      } catch {
        // a broken pack: rebuild below
      }
    }
    return this.rebuild();
  }

  /** Check 3: every file and directory as recorded. */
  fullyCurrent(): boolean {
    const state = this.state;
    if (!state) return false;
    const files = this.readFiles(state.pack);
    if (!files) return false;
    const dirsOk = state.dirs.every((d) => !d.racy && unchanged(d.dir, d.signature));
    return dirsOk && files.every((f) => (f.signature === null ? statOrNull(f.path) === null : !f.racy && unchanged(f.path, f.signature)));
  }

  private readState(): State | undefined {
    try {
      const state = JSON.parse(readFileSync(join(this.dir, 'state.json'), 'utf8')) as State;
      if (state.format !== STATE_FORMAT || state.packFormat !== PACK_FORMAT || state.key !== this.key || !Array.isArray(state.dirs)) return undefined;
      this.state = state;
      return state;
    } catch {
      return undefined;
    }
  }

  private readFiles(pack: string): FileState[] | undefined {
    try {
      return JSON.parse(readFileSync(join(this.dir, pack, 'files.json'), 'utf8')) as FileState[];
    } catch {
      return undefined;
    }
  }

  /** Compiles the directories again, re-parsing only the files whose signature changed. */
  rebuild(): Compiled {
    const previous = this.state ?? this.readState();
    const old = previous ? this.previousRecords(previous.pack) : new Map<string, { file: FileState; entry: Buffer; parts: Buffer }>();
    const now = Date.now();
    const dirs: DirState[] = [];
    const files: FileState[] = [];
    const entryTexts: Buffer[] = [];
    const partTexts: Buffer[] = [];
    const diagnostics: Diagnostic[] = [];
    const directories: DirectoryReport[] = [];
    const items: PackItem[] = [];
    const seen = new Set<string>();

    for (const dir of this.options.dirs) {
      // The directory is stat'ed before it is listed and each file before it is read, so a
      // change made meanwhile leaves a signature that differs next time.
      const dirStat = statOrNull(dir);
      const paths = listTermFiles(dir);
      let count = 0;
      for (const path of paths) {
        const stat = statOrNull(path);
        const signature = stat ? signatureOf(stat) : null;
        const racy = stat ? isRacy(stat, now) : false;
        const before = old.get(path);
        let entryText: Buffer | undefined;
        let partsText: Buffer | undefined;
        let fileDiagnostics: Diagnostic[];
        if (before && !before.file.racy && sameSignature(before.file.signature, signature)) {
          fileDiagnostics = before.file.diagnostics;
          if (before.file.record >= 0) [entryText, partsText] = [before.entry, before.parts];
        } else {
          const result = readTermFile(path);
          fileDiagnostics = result.diagnostics;
          if (result.entry) {
            entryText = Buffer.from(JSON.stringify(result.entry));
            const e = result.entry;
            const brief = [e.slug, e.term, e.category, e.workplace, e.gist, e.source.path];
            partsText = Buffer.from(JSON.stringify({ brief, parts: entryParts(e) }));
          }
        }
        diagnostics.push(...fileDiagnostics);
        let record = -1;
        if (entryText && partsText) {
          record = entryTexts.length;
          entryTexts.push(entryText);
          partTexts.push(partsText);
          count++;
          const item = userItem(entryText, partsText, signature);
          if (!seen.has(item.slug)) {
            seen.add(item.slug);
            items.push(item);
          }
        }
        files.push({ path, signature, racy, diagnostics: fileDiagnostics, record });
      }
      if (dirStat) dirs.push({ dir, signature: signatureOf(dirStat), racy: isRacy(dirStat, now) });
      directories.push({ dir, builtin: false, count });
    }
    const builtin = this.options.builtin;
    if (builtin) {
      const entries = builtin.pack.allEntries();
      const parts = builtin.pack.allParts();
      entries.forEach((entry, i) => {
        if (seen.has(entry.slug)) return;
        seen.add(entry.slug);
        items.push(builtinItem(entry, parts[i]!));
      });
      directories.push({ dir: join(builtin.pack.root, 'data', 'terms'), builtin: true, count: entries.length });
    }
    return this.save(items, { files, entryTexts, partTexts }, { dirs, diagnostics, directories });
  }

  private previousRecords(pack: string): Map<string, { file: FileState; entry: Buffer; parts: Buffer }> {
    const out = new Map<string, { file: FileState; entry: Buffer; parts: Buffer }>();
    try {
      const files = this.readFiles(pack);
      if (!files) return out;
      const entries = new RecordFile(join(this.dir, pack, 'user-entries.data'), join(this.dir, pack, 'user-entries.idx')).all();
      const parts = new RecordFile(join(this.dir, pack, 'user-parts.data'), join(this.dir, pack, 'user-parts.idx')).all();
      for (const file of files) out.set(file.path, { file, entry: entries[file.record] ?? Buffer.alloc(0), parts: parts[file.record] ?? Buffer.alloc(0) });
    } catch {
      out.clear(); // a damaged cache: parse everything again
    }
    return out;
  }

  private save(
    items: PackItem[],
    records: { files: FileState[]; entryTexts: Buffer[]; partTexts: Buffer[] },
    meta: Omit<State, 'format' | 'packFormat' | 'key' | 'pack'>,
  ): Compiled {
    const name = `pack-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    try {
      mkdirSync(this.dir, { recursive: true });
      const tmp = join(this.dir, `${name}.tmp`);
      writePack(tmp, items);
      const entries = recordFileBytes(records.entryTexts);
      const parts = recordFileBytes(records.partTexts);
      writeFileSync(join(tmp, 'user-entries.data'), entries.data);
      writeFileSync(join(tmp, 'user-entries.idx'), entries.index);
      writeFileSync(join(tmp, 'user-parts.data'), parts.data);
      writeFileSync(join(tmp, 'user-parts.idx'), parts.index);
      writeFileSync(join(tmp, 'files.json'), JSON.stringify(records.files));
      renameSync(tmp, join(this.dir, name));
      const state: State = { format: STATE_FORMAT, packFormat: PACK_FORMAT, key: this.key, pack: name, ...meta };
      const stateTmp = join(this.dir, `state.json.${name}.tmp`);
      writeFileSync(stateTmp, JSON.stringify(state));
      renameSync(stateTmp, join(this.dir, 'state.json'));
      this.state = state;
      this.removeOldPacks(name);
      return { pack: new Pack(join(this.dir, name), '/', false), diagnostics: meta.diagnostics, directories: meta.directories };
    } catch {
      // Read-only or full: compile into a temporary directory that goes away with us.
      return this.inTemp(items, meta);
    }
  }

  private inTemp(items: PackItem[], meta: Omit<State, 'format' | 'packFormat' | 'key' | 'pack'>): Compiled {
    const dir = mkdtempSync(join(tmpdir(), 'genz-pack-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    writePack(join(dir, 'pack'), items);
    return { pack: new Pack(join(dir, 'pack'), '/', false), diagnostics: meta.diagnostics, directories: meta.directories };
  }

  private removeOldPacks(keep: string): void {
    try {
      const current = this.readState()?.pack;
      for (const name of readdirSync(this.dir)) {
        if (name === keep || name === current || name === 'state.json') continue;
        const stat = statOrNull(join(this.dir, name));
        if (stat && Date.now() - stat.mtimeMs > STALE_PACK_MS) rmSync(join(this.dir, name), { recursive: true, force: true });
      }
    } catch {
      // tidying is optional
    }
  }
}

/** A 64-bit FNV-1a hash in hex: a directory name for a cache key (node:crypto costs start-up time). */
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) + (a >>> 7);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function builtinId(builtin: CacheOptions['builtin']): string | null {
  if (!builtin) return null;
  const stat = statOrNull(join(builtin.path, 'head.json'));
  return stat ? signatureOf(stat).join(':') : null;
}

/** A user file's pack item from its stored texts: the entry itself is copied, not parsed. */
function userItem(entryText: Buffer, partsText: Buffer, signature: FileSignature | null): PackItem {
  const { brief, parts } = JSON.parse(partsText.toString('utf8')) as { brief: string[]; parts: EntryParts };
  const [slug, term, category, workplace, gist, path] = brief as [string, string, string, string, string, string];
  return { entryJson: entryText, slug, term, category, workplace, gist, path, signature, parts };
}

function builtinItem(entry: Entry, parts: EntryParts): PackItem {
  return {
    entryJson: JSON.stringify(entry),
    slug: entry.slug,
    term: entry.term,
    category: entry.category,
    workplace: entry.workplace,
    gist: entry.gist,
    path: entry.source.path,
    signature: null,
    parts,
  };
}
