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
import { type FileRow, FileTable, SIGNATURE } from './filetable.ts';
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
}

export function signatureOf(stat: Stats): FileSignature {
  return [stat.dev, stat.ino, stat.size, stat.mtimeMs, stat.ctimeMs];
}

function sameSignature(a: ArrayLike<number> | null, b: ArrayLike<number> | null): boolean {
  if (a === null || b === null) return false;
  for (let i = 0; i < SIGNATURE; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whole-second timestamps mean a coarse file system: allow two seconds, else 100 ms. */
function isRacy(signature: ArrayLike<number>, now: number): boolean {
  const [, , , mtimeMs, ctimeMs] = signature as FileSignature;
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

/** A file as an update sees it: where it is, its signature now, and its row in the old table if that row can be reused. */
interface Slot {
  dir: number;
  name: string;
  path: string;
  signature: FileSignature | null;
  reuse?: number;
}

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

  /** Every term file now, with its signature, and the old table's row where it can be reused. */
  private survey(before: FileTable | undefined, live: Set<string>): { slots: Slot[]; dirs: DirState[] } {
    const now = Date.now();
    const scanned = before && this.scanned?.table === before ? this.scanned.signatures : undefined;
    const rowOf = new Map<string, number>();
    if (before) for (let row = 0; row < before.count; row++) rowOf.set(before.path(row), row);
    const slots: Slot[] = [];
    const dirs: DirState[] = [];
    this.options.dirs.forEach((dir, dirIndex) => {
      // The directory is stat'ed before it is listed and each file before it is read, so a
      // change made meanwhile leaves a signature that differs next time. (The full check's
      // signatures, when there was one, were taken before this listing too.)
      const dirStat = statOrNull(dir);
      const prefix = dir.endsWith('/') ? dir : `${dir}/`;
      for (const name of listTermNames(dir)) {
        const path = prefix + name;
        const row = rowOf.get(path);
        let signature: FileSignature | null;
        if (row !== undefined && scanned) {
          const at = row * SIGNATURE;
          signature = Number.isNaN(scanned[at]!) ? null : (Array.from(scanned.subarray(at, at + SIGNATURE)) as FileSignature);
        } else {
          const stat = statOrNull(path);
          signature = stat ? signatureOf(stat) : null;
        }
        const segment = row === undefined ? undefined : before!.segment(row);
        const reuse = row !== undefined && !before!.racy(row) && sameSignature(before!.signature(row), signature) && (segment === undefined || live.has(segment));
        slots.push({ dir: dirIndex, name, path, signature, ...(reuse ? { reuse: row } : {}) });
      }
      if (dirStat) dirs.push({ dir, signature: signatureOf(dirStat), racy: isRacy(signatureOf(dirStat), now) });
    });
    this.scanned = undefined;
    return { slots, dirs };
  }

  private write(fresh: boolean): Compiled {
    mkdirSync(this.dir, { recursive: true });
    const previous = fresh ? undefined : (this.state ?? this.readState());
    const before = previous && this.readTable(previous.generation);
    const live = new Set(previous?.segments ?? []);
    const compact = live.size >= MAX_SEGMENTS;
    const segment = unique('seg');
    const texts: Array<string | Buffer> = [];
    const parts: PartTexts[] = [];
    const copied = new Map<string, { records: Records; texts: Buffer[] }>();
    const now = Date.now();
    const rows: FileRow[] = [];
    const diagnostics: Diagnostic[] = [];

    // Pass 1: what each file is, and which files must be parsed.
    const { slots, dirs } = this.survey(before, live);
    // Pass 2: parse what changed.
    const toParse = slots.filter((slot) => slot.reuse === undefined);
    const parsed = new Map(compileFiles(toParse.map((slot) => slot.path)).map((result, i) => [toParse[i]!, result]));
    // Pass 3: the file table, and the new segment's records, in order.
    const counts = this.options.dirs.map(() => 0);
    for (const slot of slots) {
      const racy = slot.signature ? isRacy(slot.signature, now) : false;
      let row: FileRow = { dir: slot.dir, name: slot.name, signature: slot.signature, racy, diagnostics: [] };
      if (slot.reuse !== undefined) {
        const old = slot.reuse;
        const slug = before!.slug(old);
        row.diagnostics = before!.diagnostics(old);
        if (slug !== undefined) {
          row = { ...row, slug, segment: before!.segment(old)!, index: before!.index(old) };
          if (compact) {
            // Too many segments: copy this entry into the new one.
            const from = row.segment!;
            let source = copied.get(from);
            if (!source) {
              const records = new Records(join(this.dir, from));
              source = { records, texts: records.entryTexts() };
              copied.set(from, source);
            }
            texts.push(source.texts[row.index!]!);
            parts.push(Object.fromEntries(PART_KINDS.map((kind) => [kind, source.records.rawParts(kind)[row.index!]])) as PartTexts);
            row = { ...row, segment, index: texts.length - 1 };
          }
        }
      } else {
        const result = parsed.get(slot)!;
        row.diagnostics = result.diagnostics;
        if (result.entry) {
          row = { ...row, slug: result.entry.slug, segment, index: texts.length };
          texts.push(result.entry.json);
          parts.push(result.entry.parts);
        }
      }
      rows.push(row);
      diagnostics.push(...row.diagnostics);
      if (row.slug !== undefined) counts[slot.dir]!++;
    }
    const directories: DirectoryReport[] = this.options.dirs.map((dir, i) => ({ dir, builtin: false, count: counts[i]! }));

    if (texts.length > 0) writeRecords(join(this.dir, segment), texts, parts);
    const builtin = this.options.builtin;
    if (builtin) directories.push({ dir: join(builtin.source.root, 'data', 'terms'), builtin: true, count: builtin.pack.count });
    const generation = unique('gen');
    mkdirSync(join(this.dir, generation));
    const bytes = FileTable.encode(this.options.dirs, rows);
    writeAtomic(join(this.dir, generation, 'files.bin'), bytes);
    const table = FileTable.decode(bytes);
    const delta = previous && before && this.keysDelta(previous, before, table, (row) => {
      const own = parts[table.index(row)]!;
      const parse = <K extends 'brief' | 'keys' | 'forms'>(kind: K) => JSON.parse(own[kind].toString()) as EntryParts[K];
      return { brief: parse('brief'), keys: parse('keys'), forms: parse('forms') };
    }, segment);
    if (delta) writeAtomic(join(this.dir, generation, 'keys-delta.json'), JSON.stringify(delta));
    const state: State = {
      format: STATE_FORMAT,
      packFormat: PACK_FORMAT,
      key: this.key,
      generation,
      ...(delta ? { base: delta.base } : {}),
      segments: table.segments,
      dirs,
      diagnostics,
      directories,
    };
    writeAtomic(join(this.dir, 'state.json'), JSON.stringify(state));
    this.state = state;
    this.table = { generation, table };
    this.removeUnused(state);
    return this.compiled(state, table);
  }

  /**
   * The new generation's exact keys as changes to the newest generation that has its own,
   * when few entries changed; undefined when they must be rebuilt. Only the slugs whose
   * winning file changed are looked at, so a change costs the same at any size.
   */
  private keysDelta(
    previous: State,
    before: FileTable,
    after: FileTable,
    ownParts: (row: number) => Pick<EntryParts, 'brief' | 'keys' | 'forms'>,
    segment: string,
  ): KeysDelta | undefined {
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
      const old = DirectoryCache.userWinners(before);
      const now = DirectoryCache.userWinners(after);
      const same = (a: number, b: number) =>
        before.segment(a) === after.segment(b) && before.index(a) === after.index(b) && before.path(a) === after.path(b) && sameSignature(before.signature(a), after.signature(b));
      const slugs = new Set<string>();
      for (const [slug, row] of now) {
        const was = old.get(slug);
        if (was === undefined || !same(was, row)) slugs.add(slug);
      }
      for (const slug of old.keys()) if (!now.has(slug)) slugs.add(slug);
      if (slugs.size > MAX_KEYS_DELTA) return undefined;
      const builtin = this.options.builtin;
      for (const slug of slugs) {
        const row = now.get(slug);
        if (row !== undefined) {
          const source = after.segment(row)!;
          const own = source === segment ? ownParts(row) : undefined;
          const records = new Records(join(this.dir, source));
          const partsOf = own ?? { brief: records.parts('brief')[after.index(row)]!, keys: records.parts('keys')[after.index(row)]!, forms: records.parts('forms')[after.index(row)]! };
          const w: Winner = { slug, source, index: after.index(row), path: after.path(row), signature: after.signature(row) };
          changed[slug] = { row: slugRow(w, partsOf.brief), keys: partsOf.keys, forms: partsOf.forms };
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
