/**
 * The compiled-directory cache: the user's term directories compiled under
 * $XDG_CACHE_HOME/genz, one cache per search path, recompiled only where files changed.
 *
 * How a change is noticed (the cheap checks, cheapest first):
 * 1. Every command stats each directory of the search path. Adding, deleting or renaming a
 *    file, and every editor that saves by writing a new file and renaming it over the old
 *    one, changes the directory's mtime/ctime: the cache is brought up to date first (which
 *    stats every file, so it counts as check 3 for the rest of the command).
 * 2. A file edited in place (same inode, same directory) changes only its own ctime. The
 *    entry `define` prints and the entries it links to are stat'ed before printing;
 *    a changed one brings the cache up to date first (compiled.ts).
 * 3. Everything else that answers from many entries (a miss, fuzzy matches, search,
 *    explain, list…) first stats every file ("full check", FileTable.scan): 10,000 stat
 *    calls, 20–35 ms on the machines genz is measured on, the largest part of those answers'
 *    time at that size. The signatures it reads are reused by the update that follows.
 * The gap left: a `define` that hits exactly does not notice another file, edited in place,
 * that now claims the same word (a duplicate, which `genz validate` reports, or an override
 * of a built-in entry) until a command that makes the full check runs. Closing it would put
 * the full check in front of every `define`.
 *
 * Signatures are dev, ino, size, mtimeMs and ctimeMs (fractional milliseconds where the file
 * system keeps nanoseconds); ctime cannot be set back by tools that preserve mtimes (cp -p,
 * rsync, tar). A timestamp younger than the file system's granularity when it was read is
 * "racy" (a second write in the same tick would not change it) and is checked again.
 *
 * Layout: state.json names the current generation and the directories' signatures;
 * gen-*\/ holds files.bin (filetable.ts: every file's signature, diagnostics and record) and the pack
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
import { FileTable, FileTableBuilder, SIGNATURE, statInside } from './filetable.ts';
import { type DirectoryReport, listTermNames } from './load.ts';
import { type FileSignature, type KeysDelta, Pack, PACK_FORMAT, type Source, slugRow, type Winner, writeAtomic } from './pack.ts';
import type { Diagnostic } from './parse.ts';
import { type EntryBrief, type EntryParts, PART_KINDS, type PartTexts, Records, writeRecords } from './parts.ts';

const STATE_FORMAT = 3;

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
  /** Brought up to date by this call: every file was just looked at. */
  updated?: boolean;
}

function signatureOf(stat: Stats): FileSignature {
  return [stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs];
}

function sameSignature(a: ArrayLike<number> | null, b: ArrayLike<number> | null): boolean {
  if (a === null || b === null) return false;
  for (let i = 0; i < SIGNATURE; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whole-second timestamps mean a coarse file system: allow two seconds, else 100 ms. */
function isRacy(signature: ArrayLike<number>, now: number): boolean {
  const mtimeMs = signature[3]!; // (indexed: destructuring a typed array runs its iterator)
  const ctimeMs = signature[4]!;
  const granularity = ctimeMs % 1000 === 0 ? 2000 : 100;
  return now - Math.max(ctimeMs, mtimeMs) < granularity;
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
  private table?: { generation: string; table: FileTable };
  /** The signatures the last full check found, which the update that follows reuses. */
  private scanned?: { table: FileTable; signatures: Float64Array };

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

  private compiled(state: State, table?: FileTable): Compiled {
    const sources = new Map<string, Source>();
    if (this.options.builtin) sources.set('b', this.options.builtin.source);
    for (const segment of state.segments) sources.set(segment, { records: new Records(join(this.dir, segment)), root: '/' });
    const listWinners = () => {
      const files = table ?? this.readTable(state.generation);
      return files ? this.winners(files) : [];
    };
    return { pack: new Pack(join(this.dir, state.generation), sources, listWinners), diagnostics: state.diagnostics, directories: state.directories };
  }

  /** Each slug's entry in use: the first file that has it, in search-path order (row numbers). */
  private static userWinners(table: { count: number; slug(row: number): string | undefined }): Map<string, number> {
    const winners = new Map<string, number>();
    for (let row = 0; row < table.count; row++) {
      const slug = table.slug(row);
      if (slug !== undefined && !winners.has(slug)) winners.set(slug, row);
    }
    return winners;
  }

  /** The entries in use: the user's winners, then the built-in entries they leave (unsorted). */
  private winners(table: FileTable): Winner[] {
    const winners: Winner[] = [];
    for (const [slug, row] of DirectoryCache.userWinners(table)) {
      winners.push({ slug, source: table.segment(row)!, index: table.index(row), path: table.path(row), signature: table.signature(row) });
    }
    const builtin = this.options.builtin;
    if (builtin) {
      const seen = new Set(winners.map((w) => w.slug));
      for (const w of builtin.pack.winners()) if (!seen.has(w.slug)) winners.push({ ...w, path: join(builtin.source.root, w.path) });
    }
    return winners;
  }

  /** Check 3: every directory and file as recorded. */
  fullyCurrent(): boolean {
    const state = this.state;
    const table = state && this.readTable(state.generation);
    if (!state || !table) return false;
    if (!state.dirs.every((d) => !d.racy && unchanged(d.dir, d.signature))) return false;
    const { changed, signatures } = table.scan();
    if (changed) this.scanned = { table, signatures };
    return !changed;
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

  private readTable(generation: string): FileTable | undefined {
    if (this.table?.generation === generation) return this.table.table;
    try {
      const table = FileTable.decode(readFileSync(join(this.dir, generation, 'files.bin')));
      // A table written for other directories (it cannot be, short of a hash collision) is no table.
      if (table.dirs.length !== this.options.dirs.length || table.dirs.some((d, i) => d !== this.options.dirs[i])) return undefined;
      this.table = { generation, table };
      return table;
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
      this.table = undefined;
      return this.write(true);
    }
  }

  private write(fresh: boolean): Compiled {
    mkdirSync(this.dir, { recursive: true });
    const previous = fresh ? undefined : (this.state ?? this.readState());
    if (!previous) this.removeSuperseded();
    const before = previous && this.readTable(previous.generation);
    const live = new Set(previous?.segments ?? []);
    const segment = unique('seg');
    const now = Date.now();
    // Signatures the full check just read (taken before the listing below, so a change made
    // meanwhile leaves a signature that differs next time).
    const scanned = before && this.scanned?.table === before ? this.scanned.signatures : undefined;
    this.scanned = undefined;

    // Pass 1: list each directory (stat'ed before it is listed) and pair its files with the old
    // table's rows: both are in directory order, then name order. A file whose signature is
    // the recorded one keeps its row; every other file is parsed. Old rows left unpaired
    // (files gone, or changed) are remembered for the keys delta.
    const dirs: DirState[] = [];
    const listings = this.options.dirs.map((dir) => {
      const dirStat = statOrNull(dir);
      const names = listTermNames(dir);
      if (dirStat) {
        const signature = signatureOf(dirStat);
        dirs.push({ dir, signature, racy: isRacy(signature, now) });
      }
      return names;
    });
    const builder = new FileTableBuilder(this.options.dirs, listings.reduce((n, names) => n + names.length, 0));
    const toParse: Array<{ row: number; path: string }> = [];
    const replaced: number[] = []; // old rows not carried over
    const signature = new Float64Array(SIGNATURE); // the current file's
    let old = 0;
    listings.forEach((names, dirIndex) => {
      const dir = this.options.dirs[dirIndex]!;
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      statInside(dir, (stat) => {
        for (const name of names) {
          while (before && old < before.count && (before.dir(old) < dirIndex || (before.dir(old) === dirIndex && before.names[old]! < name))) replaced.push(old++);
          const match = before && old < before.count && before.dir(old) === dirIndex && before.names[old] === name ? old++ : undefined;
          let found: boolean;
          if (match !== undefined && scanned) {
            found = !Number.isNaN(scanned[match * SIGNATURE]!);
            for (let k = 0; found && k < SIGNATURE; k++) signature[k] = scanned[match * SIGNATURE + k]!;
          } else found = stat(name, signature, 0);
          const current = found ? signature : null;
          const racy = found && isRacy(signature, now);
          const segmentOf = match === undefined ? undefined : before!.segment(match);
          if (match !== undefined && !before!.racy(match) && before!.sameSignature(match, current) && (segmentOf === undefined || live.has(segmentOf))) {
            builder.copy(before!, match, racy);
          } else {
            if (match !== undefined) replaced.push(match);
            toParse.push({ row: builder.add(dirIndex, name, current, racy), path: prefix + name });
          }
        }
      });
    });
    while (before && old < before.count) replaced.push(old++);

    // Pass 2: parse what changed into the new segment (and, when there are too many
    // segments, copy every other entry into it too).
    const texts: Array<string | Buffer> = [];
    const parts: PartTexts[] = [];
    const results = compileFiles(toParse.map((p) => p.path));
    toParse.forEach(({ row }, i) => {
      const result = results[i]!;
      builder.setDiagnostics(row, result.diagnostics);
      if (result.entry) {
        builder.setEntry(row, result.entry.slug, segment, texts.length);
        texts.push(result.entry.json);
        parts.push(result.entry.parts);
      }
    });
    let table = builder.table();
    if (live.size >= MAX_SEGMENTS) table = this.compact(table, segment, texts, parts);
    if (texts.length > 0) writeRecords(join(this.dir, segment), texts, parts);

    const counts = this.options.dirs.map(() => 0);
    for (let row = 0; row < table.count; row++) if (table.slug(row) !== undefined) counts[table.dir(row)]!++;
    const directories: DirectoryReport[] = this.options.dirs.map((dir, i) => ({ dir, builtin: false, count: counts[i]! }));
    const builtin = this.options.builtin;
    if (builtin) directories.push({ dir: join(builtin.source.root, 'data', 'terms'), builtin: true, count: builtin.pack.count });
    const generation = unique('gen');
    mkdirSync(join(this.dir, generation));
    writeAtomic(join(this.dir, generation, 'files.bin'), table.encode());
    const affected = new Set<string>();
    for (const row of replaced) if (before!.slug(row) !== undefined) affected.add(before!.slug(row)!);
    for (let row = 0; row < table.count; row++) if (table.segment(row) === segment) affected.add(table.slug(row)!);
    const ownParts = (row: number) => {
      const own = parts[table.index(row)]!;
      const parse = <K extends 'brief' | 'keys' | 'forms'>(kind: K) => JSON.parse(own[kind].toString()) as EntryParts[K];
      return { brief: parse('brief'), keys: parse('keys'), forms: parse('forms') };
    };
    const delta = previous && before && this.keysDelta(previous, before, table, affected, ownParts, segment);
    if (delta) writeAtomic(join(this.dir, generation, 'keys-delta.json'), JSON.stringify(delta));
    const state: State = {
      format: STATE_FORMAT,
      packFormat: PACK_FORMAT,
      key: this.key,
      generation,
      ...(delta ? { base: delta.base } : {}),
      segments: table.segments,
      dirs,
      diagnostics: table.allDiagnostics(),
      directories,
    };
    writeAtomic(join(this.dir, 'state.json'), JSON.stringify(state));
    this.state = state;
    this.table = { generation, table };
    this.removeUnused(state);
    return { ...this.compiled(state, table), updated: true };
  }

  /** Too many segments: a table whose every entry is in the new one (texts and parts grow). */
  private compact(table: FileTable, segment: string, texts: Array<string | Buffer>, parts: PartTexts[]): FileTable {
    const sources = new Map<string, { records: Records; texts: Buffer[] }>();
    const builder = new FileTableBuilder(table.dirs, table.count);
    for (let row = 0; row < table.count; row++) {
      const at = builder.copy(table, row, table.racy(row));
      const from = table.segment(row);
      if (from === undefined || from === segment) continue;
      let source = sources.get(from);
      if (!source) {
        const records = new Records(join(this.dir, from));
        source = { records, texts: records.entryTexts() };
        sources.set(from, source);
      }
      const index = table.index(row);
      builder.setEntry(at, table.slug(row)!, segment, texts.length);
      texts.push(source.texts[index]!);
      parts.push(Object.fromEntries(PART_KINDS.map((kind) => [kind, source.records.rawParts(kind)[index]])) as PartTexts);
    }
    return builder.table();
  }

  /**
   * The new generation's exact keys as changes to the newest generation that has its own,
   * when few entries changed; undefined when they must be rebuilt. Only the `affected` slugs
   * (those of files added, removed or parsed again) can have a new winner, so a change costs
   * about the same at any size.
   */
  private keysDelta(
    previous: State,
    before: FileTable,
    after: FileTable,
    affected: Set<string>,
    ownParts: (row: number) => Pick<EntryParts, 'brief' | 'keys' | 'forms'>,
    segment: string,
  ): KeysDelta | undefined {
    try {
      if (affected.size > MAX_KEYS_DELTA) return undefined;
      const previousDir = join(this.dir, previous.generation);
      let base = previous.generation;
      let changed: KeysDelta['changed'] = {};
      if (!existsSync(join(previousDir, 'keys.hash'))) {
        const older = JSON.parse(readFileSync(join(previousDir, 'keys-delta.json'), 'utf8')) as KeysDelta;
        if (!existsSync(join(this.dir, older.base, 'keys.hash'))) return undefined;
        base = older.base;
        changed = older.changed;
      }
      // Each affected slug's winning row (its first file) before and after.
      const firstRows = (table: FileTable) => {
        const first = new Map<string, number>();
        for (let row = 0; row < table.count; row++) {
          const slug = table.slug(row);
          if (slug !== undefined && affected.has(slug) && !first.has(slug)) first.set(slug, row);
        }
        return first;
      };
      const was = firstRows(before);
      const now = firstRows(after);
      const builtin = this.options.builtin;
      for (const slug of affected) {
        const row = now.get(slug);
        const old = was.get(slug);
        if (row !== undefined && old !== undefined && after.samePlace(row, before, old) && after.segment(row) === before.segment(old) && after.index(row) === before.index(old) && before.sameSignature(old, after.signature(row))) continue;
        if (row !== undefined) {
          const source = after.segment(row)!;
          const index = after.index(row);
          const records = source === segment ? undefined : new Records(join(this.dir, source));
          const own = records ? { brief: records.parts('brief')[index]!, keys: records.parts('keys')[index]!, forms: records.parts('forms')[index]! } : ownParts(row);
          const w: Winner = { slug, source, index, path: after.path(row), signature: after.signature(row) };
          changed[slug] = { row: slugRow(w, own.brief), keys: own.keys, forms: own.forms };
          continue;
        }
        // No user file has it now: the built-in entry, if there is one, is back in use.
        const info = builtin?.pack.slug(slug);
        if (!info || !builtin) {
          changed[slug] = null;
          continue;
        }
        const records = builtin.source.records;
        const brief: EntryBrief = info.brief;
        const w: Winner = { slug, source: 'b', index: info.index, path: join(builtin.source.root, info.path), signature: info.signature };
        changed[slug] = { row: slugRow(w, brief), keys: records.parts('keys')[info.index]!, forms: records.parts('forms')[info.index]! };
      }
      return Object.keys(changed).length > MAX_KEYS_DELTA ? undefined : { base, changed };
    } catch {
      return undefined;
    }
  }

  /**
   * When a cache is compiled afresh: the caches that older builds of genz (or older cache
   * formats) made for the same directories, which no build will read again. Each is as big as
   * the compiled directories (~50 MB at 10,000 entries) and an upgrade would otherwise leave
   * one behind every time. Caches of other search paths are left alone.
   */
  private removeSuperseded(): void {
    try {
      const root = this.options.cacheRoot;
      for (const version of readdirSync(root)) {
        if (!/^v\d+$/.test(version)) continue;
        for (const name of readdirSync(join(root, version))) {
          const dir = join(root, version, name);
          if (dir === this.dir) continue;
          try {
            const { key } = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { key?: unknown };
            const dirs = typeof key === 'string' ? (JSON.parse(key) as { dirs?: unknown }).dirs : undefined;
            if (JSON.stringify(dirs) === JSON.stringify(this.options.dirs)) rmSync(dir, { recursive: true, force: true });
          } catch {
            // not a cache of ours, or half written: left alone
          }
        }
      }
    } catch {
      // tidying is optional
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
