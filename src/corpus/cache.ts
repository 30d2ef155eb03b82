/**
 * The compiled-directory cache: the user's term directories compiled under
 * $XDG_CACHE_HOME/genz, one cache per search path, recompiled only where files changed.
 *
 * How a change is noticed (the cheap checks, cheapest first):
 * 1. Every command stats each directory of the search path. Adding, deleting or renaming a
 *    file, and every editor that saves by writing a new file and renaming it over the old
 *    one, changes the directory's mtime/ctime: the cache is brought up to date first.
 * 2. A file edited in place (same inode, same directory) changes only its own ctime. The
 *    entry `define` prints and the entries it links to are stat'ed before printing;
 *    a changed one brings the cache up to date first (compiled.ts).
 * 3. Everything else that answers from many entries (a miss, fuzzy matches, search,
 *    explain, list…) first stats every file ("full check", `fullyCurrent`).
 * The gap left: a `define` that hits exactly does not notice another file, edited in place,
 * that now claims the same word; that is a duplicate `genz validate` reports as an error.
 *
 * Signatures are dev, ino, size, mtimeMs and ctimeMs (fractional milliseconds where the file
 * system keeps nanoseconds); ctime cannot be set back by tools that preserve mtimes (cp -p,
 * rsync, tar). A timestamp younger than the file system's granularity when it was read is
 * "racy" (a second write in the same tick would not change it) and is checked again.
 *
 * Layout: state.json names the current generation and the directories' signatures;
 * gen-*\/ holds files.json (every file's signature, diagnostics and record) and the pack
 * (pack.ts: winners and lazily built indexes); seg-*.* are immutable record stores of
 * parsed files. An update parses only changed files into a new segment, and writes a new
 * generation; state.json is replaced by rename, so a reader sees the old or the new cache,
 * and two writers never leave a broken one. The cache is an optimisation only: missing,
 * corrupt, from another version or unwritable, it is rebuilt or bypassed (a temporary
 * directory), and the answer is the same.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, type Stats, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileFiles } from './compile-files.ts';
import { type DirectoryReport, listTermFiles } from './load.ts';
import { type FileSignature, type KeysDelta, Pack, PACK_FORMAT, type Source, slugRow, type Winner, writeAtomic } from './pack.ts';
import type { Diagnostic } from './parse.ts';
import { type EntryParts, PART_KINDS, type PartTexts, Records, writeRecords } from './parts.ts';

const STATE_FORMAT = 2;

declare const __GENZ_BUILD_ID__: string | undefined;
/** A hash of the sources, set by scripts/build.mjs; "source" when run from src/ (tests). */
const BUILD_ID = typeof __GENZ_BUILD_ID__ === 'string' ? __GENZ_BUILD_ID__ : 'source';
/** Unused generations and segments older than this are removed (a reader may hold a young one). */
const STALE_MS = 60_000;
/** More segments than this are compacted into one. */
const MAX_SEGMENTS = 8;
/** Up to this many changed entries, a generation's exact keys are a delta over an older one's. */
const MAX_KEYS_DELTA = 200;

export interface CacheOptions {
  /** User directories, highest precedence first. */
  dirs: string[];
  builtin?: { pack: Pack; source: Source; path: string };
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
  /** Where its entry is stored, if it has one. */
  slug?: string;
  segment?: string;
  index?: number;
}

/** files.json: one row per file, short (it is read and written on every update). */
type FileRow = [path: string, signature: FileSignature | null, racy: 0 | 1, slug: string | null, segment: number, index: number, diagnostics?: Diagnostic[]];

function encodeFiles(files: FileState[]): string {
  const segments = [...new Set(files.flatMap((f) => (f.segment === undefined ? [] : [f.segment])))];
  const at = new Map(segments.map((name, i) => [name, i]));
  const rows = files.map((f): FileRow => {
    const row: FileRow = [f.path, f.signature, f.racy ? 1 : 0, f.slug ?? null, f.segment === undefined ? -1 : at.get(f.segment)!, f.index ?? -1];
    if (f.diagnostics.length > 0) row.push(f.diagnostics);
    return row;
  });
  return JSON.stringify({ segments, rows });
}

function decodeFiles(text: string): FileState[] {
  const { segments, rows } = JSON.parse(text) as { segments: string[]; rows: FileRow[] };
  return rows.map(([path, signature, racy, slug, segment, index, diagnostics]) => ({
    path,
    signature,
    racy: racy === 1,
    diagnostics: diagnostics ?? [],
    ...(slug === null ? {} : { slug, segment: segments[segment]!, index }),
  }));
}

interface State {
  format: number;
  packFormat: number;
  key: string;
  generation: string;
  /** The generation whose exact keys this one's delta applies to. */
  base?: string;
  segments: string[];
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

/** The file's signature is still the recorded one. */
export function unchanged(path: string, signature: FileSignature | null): boolean {
  const stat = statOrNull(path);
  return stat !== null && signature !== null && sameSignature(signatureOf(stat), signature);
}

const unique = (prefix: string) => `${prefix}-${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;

export class DirectoryCache {
  private dir: string;
  private readonly key: string;
  private state?: State;

  constructor(readonly options: CacheOptions) {
    // The build is part of the key: a genz whose parsing or indexing changed never trusts a
    // cache an older build wrote, even if nobody remembered to bump PACK_FORMAT.
    this.key = JSON.stringify({ build: BUILD_ID, dirs: options.dirs, builtin: options.builtin?.path ?? null, builtinId: builtinId(options.builtin?.path) });
    // The state file repeats the key, so a hash collision costs a rebuild, never a wrong answer.
    this.dir = join(options.cacheRoot, `v${PACK_FORMAT}`, hash64(this.key));
  }

  /** The compiled glossary, brought up to date first if a directory changed (check 1). */
  open(): Compiled {
    const state = this.readState();
    const dirsCurrent = state?.dirs.length === this.options.dirs.length && state.dirs.every((d, i) => d.dir === this.options.dirs[i] && !d.racy && unchanged(d.dir, d.signature));
    if (state && dirsCurrent) return this.compiled(state);
    return this.update();
  }

  private compiled(state: State, files?: FileState[]): Compiled {
    const sources = new Map<string, Source>();
    if (this.options.builtin) sources.set('b', this.options.builtin.source);
    for (const segment of state.segments) sources.set(segment, { records: new Records(join(this.dir, segment)), root: '/' });
    const listWinners = () => this.winners(files ?? this.readFiles(state.generation) ?? []);
    return { pack: new Pack(join(this.dir, state.generation), sources, listWinners), diagnostics: state.diagnostics, directories: state.directories };
  }

  /** The entries in use: the first file with a slug wins, then the built-in entries (unsorted). */
  private winners(files: FileState[]): Winner[] {
    const winners: Winner[] = [];
    const seen = new Set<string>();
    for (const f of files) {
      if (f.slug === undefined || seen.has(f.slug)) continue;
      seen.add(f.slug);
      winners.push({ slug: f.slug, source: f.segment!, index: f.index!, path: f.path, signature: f.signature });
    }
    const builtin = this.options.builtin;
    for (const w of builtin?.pack.winners() ?? []) {
      if (seen.has(w.slug)) continue;
      seen.add(w.slug);
      winners.push({ ...w, path: join(builtin!.source.root, w.path) });
    }
    return winners;
  }

  /** Check 3: every directory and file as recorded. */
  fullyCurrent(): boolean {
    const state = this.state;
    const files = state && this.readFiles(state.generation);
    if (!state || !files) return false;
    return (
      state.dirs.every((d) => !d.racy && unchanged(d.dir, d.signature)) &&
      files.every((f) => (f.signature === null ? statOrNull(f.path) === null : !f.racy && unchanged(f.path, f.signature)))
    );
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

  private readFiles(generation: string): FileState[] | undefined {
    try {
      return decodeFiles(readFileSync(join(this.dir, generation, 'files.json'), 'utf8'));
    } catch {
      return undefined;
    }
  }

  /**
   * Brings the cache up to date, parsing only the files whose signature changed; `fresh`
   * parses every file (after the cache was found damaged).
   */
  update(fresh = false): Compiled {
    try {
      if (fresh) this.state = undefined;
      return this.write(fresh);
    } catch {
      // Unwritable (read-only, full) or damaged beyond reuse: compile afresh into a
      // temporary directory that goes away with the process.
      this.dir = mkdtempSync(join(tmpdir(), 'genz-cache-'));
      const dir = this.dir;
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      this.state = undefined;
      return this.write(true);
    }
  }

  private write(fresh: boolean): Compiled {
    mkdirSync(this.dir, { recursive: true });
    const previous = fresh ? undefined : (this.state ?? this.readState());
    const before = new Map((previous && this.readFiles(previous.generation))?.map((f) => [f.path, f]) ?? []);
    const live = new Set(previous?.segments ?? []);
    const compact = live.size >= MAX_SEGMENTS;
    const segment = unique('seg');
    const texts: Array<string | Buffer> = [];
    const parts: PartTexts[] = [];
    const copied = new Map<string, Records>();
    const now = Date.now();
    const dirs: DirState[] = [];
    const files: FileState[] = [];
    const diagnostics: Diagnostic[] = [];
    const directories: DirectoryReport[] = [];

    // Pass 1: what each file is, and which files must be parsed.
    const slots: Array<{ file?: FileState; path: string; signature: FileSignature | null; stat: Stats | null; dir: number }> = [];
    this.options.dirs.forEach((dir, dirIndex) => {
      // The directory is stat'ed before it is listed and each file before it is read, so a
      // change made meanwhile leaves a signature that differs next time.
      const dirStat = statOrNull(dir);
      for (const path of listTermFiles(dir)) {
        const stat = statOrNull(path);
        const signature = stat ? signatureOf(stat) : null;
        const known = before.get(path);
        const reuse = known && !known.racy && sameSignature(known.signature, signature) && (known.segment === undefined || live.has(known.segment));
        slots.push({ ...(reuse ? { file: known } : {}), path, signature, stat, dir: dirIndex });
      }
      if (dirStat) dirs.push({ dir, signature: signatureOf(dirStat), racy: isRacy(dirStat, now) });
    });
    // Pass 2: parse what changed (on worker threads when there is a lot).
    const toParse = slots.filter((slot) => !slot.file);
    const parsed = new Map(compileFiles(toParse.map((slot) => slot.path)).map((result, i) => [toParse[i]!, result]));
    // Pass 3: the file list, and the new segment's records, in order.
    const counts = this.options.dirs.map(() => 0);
    const segmentTexts = new Map<string, Buffer[]>();
    for (const slot of slots) {
      let file: FileState;
      const known = slot.file;
      if (known) {
        file = known;
        if (compact && known.segment !== undefined) {
          const records = copied.get(known.segment) ?? new Records(join(this.dir, known.segment));
          copied.set(known.segment, records);
          const all = segmentTexts.get(known.segment) ?? records.entryTexts();
          segmentTexts.set(known.segment, all);
          file = { ...known, segment, index: texts.length };
          texts.push(all[known.index!]!);
          parts.push(Object.fromEntries(PART_KINDS.map((kind) => [kind, records.rawParts(kind)[known.index!]])) as PartTexts);
        }
      } else {
        const result = parsed.get(slot)!;
        file = { path: slot.path, signature: slot.signature, racy: false, diagnostics: result.diagnostics };
        if (result.entry) {
          file = { ...file, slug: result.entry.slug, segment, index: texts.length };
          texts.push(result.entry.json);
          parts.push(result.entry.parts);
        }
      }
      file.racy = slot.stat ? isRacy(slot.stat, now) : false;
      files.push(file);
      diagnostics.push(...file.diagnostics);
      if (file.slug !== undefined) counts[slot.dir]!++;
    }
    this.options.dirs.forEach((dir, i) => {
      directories.push({ dir, builtin: false, count: counts[i]! });
    });

    if (texts.length > 0) writeRecords(join(this.dir, segment), texts, parts);
    const builtin = this.options.builtin;
    if (builtin) directories.push({ dir: join(builtin.source.root, 'data', 'terms'), builtin: true, count: builtin.pack.count });
    const winners = this.winners(files);
    const generation = unique('gen');
    mkdirSync(join(this.dir, generation));
    writeAtomic(join(this.dir, generation, 'files.json'), encodeFiles(files));
    const partsAt = (w: Winner) => {
      if (w.source === segment) {
        const own = parts[w.index]!;
        const parse = <K extends 'brief' | 'keys' | 'forms'>(kind: K) => JSON.parse(own[kind].toString()) as EntryParts[K];
        return { brief: parse('brief'), keys: parse('keys'), forms: parse('forms') };
      }
      const records = w.source === 'b' ? builtin!.source.records : new Records(join(this.dir, w.source));
      return { brief: records.parts('brief')[w.index]!, keys: records.parts('keys')[w.index]!, forms: records.parts('forms')[w.index]! };
    };
    const delta = previous && this.keysDelta(previous, before, winners, partsAt);
    if (delta) writeAtomic(join(this.dir, generation, 'keys-delta.json'), JSON.stringify(delta));
    const segments = [...new Set(files.flatMap((f) => (f.segment === undefined ? [] : [f.segment])))];
    const state: State = {
      format: STATE_FORMAT,
      packFormat: PACK_FORMAT,
      key: this.key,
      generation,
      ...(delta ? { base: delta.base } : {}),
      segments,
      dirs,
      diagnostics,
      directories,
    };
    writeAtomic(join(this.dir, 'state.json'), JSON.stringify(state));
    this.state = state;
    this.removeUnused(state);
    return this.compiled(state, files);
  }

  /**
   * The new generation's exact keys as changes to the newest generation that has its own,
   * when few entries changed; undefined when they must be rebuilt.
   */
  private keysDelta(previous: State, previousFiles: Map<string, FileState>, winners: Winner[], partsAt: (w: Winner) => Pick<EntryParts, 'brief' | 'keys' | 'forms'>): KeysDelta | undefined {
    try {
      const previousDir = join(this.dir, previous.generation);
      let base = previous.generation;
      let changed: KeysDelta['changed'] = {};
      if (!existsSync(join(previousDir, 'keys.hash'))) {
        const older = JSON.parse(readFileSync(join(previousDir, 'keys-delta.json'), 'utf8')) as KeysDelta;
        if (!existsSync(join(this.dir, older.base, 'keys.hash'))) return undefined;
        base = older.base;
        changed = older.changed;
      }
      const before = new Map(this.winners([...previousFiles.values()]).map((w) => [w.slug, w]));
      const now = new Set<string>();
      for (const w of winners) {
        now.add(w.slug);
        const old = before.get(w.slug);
        if (old && old.source === w.source && old.index === w.index && old.path === w.path && (old.signature === w.signature || sameSignature(old.signature, w.signature))) continue;
        const { brief, keys, forms } = partsAt(w);
        changed[w.slug] = { row: slugRow(w, brief), keys, forms };
        if (Object.keys(changed).length > MAX_KEYS_DELTA) return undefined;
      }
      for (const slug of before.keys()) if (!now.has(slug)) changed[slug] = null;
      return Object.keys(changed).length > MAX_KEYS_DELTA ? undefined : { base, changed };
    } catch {
      return undefined;
    }
  }

  private removeUnused(state: State): void {
    try {
      const keep = new Set([state.generation, ...(state.base ? [state.base] : []), ...state.segments]);
      for (const name of readdirSync(this.dir)) {
        const base = name.split('.')[0]!;
        if (name === 'state.json' || keep.has(base)) continue;
        const stat = statOrNull(join(this.dir, name));
        if (stat && Date.now() - stat.mtimeMs > STALE_MS) rmSync(join(this.dir, name), { recursive: true, force: true });
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

/** The built-in glossary's identity: a rebuilt one gets new caches. */
function builtinId(path: string | undefined): string | null {
  const stat = path ? statOrNull(join(path, 'head.json')) : null;
  return stat ? signatureOf(stat).join(':') : null;
}
