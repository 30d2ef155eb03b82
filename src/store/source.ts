/**
 * One compiled glossary directory as the store reads it: a base snapshot and, after files
 * changed, a delta snapshot beside it. The delta holds the lines of the files added or
 * changed since the base was written (in file-name order) and lists the base lines they
 * replace or that were removed (`hidden`). So a change to one file of 10,000 writes a
 * snapshot of one file, not of 10,000; when the delta grows past a tenth of the base, the
 * next compile writes a whole new base instead (directory.ts).
 *
 * Lines are numbered base first (0 … base.count-1), then delta; a hidden base line reads as
 * null, like a file that gave no entry. `order()` is the file-name order that ties between
 * entries of one directory follow.
 */
import { join, sep } from 'node:path';
import type { Entry } from '../corpus/entry.ts';
import type { EntryParts } from '../search/parts.ts';
import type { Steps } from '../text/steps.ts';
import { matches, matchesAt, statOrUndefined } from './signature.ts';
import { type FileRecord, type LineSection, type ProblemRecord, type Signature, type Snapshot, SnapshotError } from './snapshot.ts';

/** What the index section says of an entry: enough for related names and result rows. */
export type IndexRow = EntryParts['brief'] & { file: string; signature: Signature };

/** Where the winning entry of each slug is: its source and line. */
export type Winners = Map<string, { source: number; n: number }>;

/** Files stat'ed between steps of the full check (a step costs more than a stat). */
const STEP_FILES = 64;

export class Source {
  /** Base lines that the delta replaces or whose files were removed. */
  readonly hidden: Set<number>;
  private readonly merged = new Map<string, unknown[]>();
  private sorted?: number[];
  private statsTable?: [string[], Float64Array];

  constructor(
    readonly dir: string,
    readonly base: Snapshot,
    readonly delta?: Snapshot,
    readonly builtin = false,
    /** Compiled from its files by this process: current for the rest of it. */
    readonly fresh = false,
  ) {
    const hidden = delta?.header.hidden ?? [];
    if (!hidden.every((n) => Number.isInteger(n) && n >= 0 && n < base.header.count)) throw new SnapshotError('bad delta');
    this.hidden = new Set(hidden);
  }

  get count(): number {
    return this.base.header.count + (this.delta?.header.count ?? 0);
  }

  get dirSignature(): Signature {
    return (this.delta ?? this.base).header.dirSignature;
  }

  /** The snapshot line n is in, and its number there. */
  private locate(n: number): [Snapshot, number] {
    const baseCount = this.base.header.count;
    if (n < baseCount) return [this.base, n];
    if (!this.delta || n >= this.count) throw new SnapshotError('no such line');
    return [this.delta, n - baseCount];
  }

  /** Every line of a line section, hidden ones null. */
  lines<T>(section: LineSection): Array<T | null> {
    let lines = this.merged.get(section) as Array<T | null> | undefined;
    if (!lines) {
      lines = this.base.lines<T>(section);
      if (this.delta) lines = [...lines.map((line, n) => (this.hidden.has(n) ? null : line)), ...this.delta.lines<T>(section)];
      this.merged.set(section, lines);
    }
    return lines;
  }

  line<T>(section: LineSection, n: number): T | null {
    if (this.hidden.has(n)) return null;
    const [snapshot, at] = this.locate(n);
    return snapshot.line<T>(section, at);
  }

  /** The visible lines of a section that contain `needle` (snapshot.ts), numbered as above. */
  linesContaining<T>(section: LineSection, needle: string): Array<{ n: number; value: T }> {
    const found = this.base.linesContaining<T>(section, needle).filter(({ n }) => !this.hidden.has(n));
    const shift = this.base.header.count;
    for (const { n, value } of this.delta?.linesContaining<T>(section, needle) ?? []) found.push({ n: n + shift, value });
    return found;
  }

  /**
   * The visible lines of `keys` or `generated` that hold `key`: a base lists them by key
   * (`keysLines`, `generatedLines`: directory.ts), a delta's few are scanned. The caller still
   * checks where in the line the key is.
   */
  linesWithKey<T>(section: 'keys' | 'generated', key: string): Array<{ n: number; value: T }> {
    const listed = this.base.lineByKey<number[]>(`${section}Lines`, key) ?? [];
    const found = listed.filter((n) => !this.hidden.has(n)).map((n) => ({ n, value: this.base.line<T>(section, n) }));
    const shift = this.base.header.count;
    for (const { n, value } of this.delta?.linesContaining<T>(section, JSON.stringify(key)) ?? []) found.push({ n: n + shift, value });
    return found;
  }

  row(n: number): IndexRow {
    const row = this.line<IndexRow>('index', n);
    if (!row) throw new SnapshotError('no entry');
    return row;
  }

  entry(n: number): Entry {
    const fields = this.line<Omit<Entry, 'source'>>('entries', n);
    if (!fields) throw new SnapshotError('no entry');
    return { ...fields, source: { path: join(this.dir, this.row(n).file), builtin: this.builtin } };
  }

  /** Line numbers in file-name order: base and delta merged. */
  order(): number[] {
    this.sorted ??= this.merge();
    return this.sorted;
  }

  private merge(): number[] {
    const baseCount = this.base.header.count;
    const all = [...Array(this.count).keys()];
    if (!this.delta) return all;
    // The base's names from its stats table (the full check's, not its every `files` line).
    const names = [...this.stats()[0], ...this.delta.lines<FileRecord>('files').map((file) => file.name)];
    const visible = all.slice(0, baseCount).filter((n) => !this.hidden.has(n));
    const added = all.slice(baseCount);
    const out: number[] = [];
    let b = 0;
    let d = 0;
    while (b < visible.length || d < added.length) {
      const takeBase = d >= added.length || (b < visible.length && names[visible[b]!]! < names[added[d]!]!);
      out.push(takeBase ? visible[b++]! : added[d++]!);
    }
    return out;
  }

  /** Each line's place in file-name order (only a delta moves lines out of line order). */
  ranks(): (n: number) => number {
    if (!this.delta) return (n) => n;
    const rank = new Int32Array(this.count);
    for (const [r, n] of this.order().entries()) rank[n] = r;
    return (n) => rank[n]!;
  }

  /** The files with diagnostics, in file-name order. */
  problems(): ProblemRecord[] {
    if (!this.delta) return this.base.lines<ProblemRecord>('problems');
    const replaced = new Set([...this.hidden].map((n) => this.base.line<FileRecord>('files', n)?.name));
    const all = [...this.base.lines<ProblemRecord>('problems').filter((file) => !replaced.has(file.name)), ...this.delta.lines<ProblemRecord>('problems')];
    return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /** Every file as recorded: none added, removed or changed (stats them all), as steps. */
  *currentSteps(): Steps<boolean> {
    if (this.builtin || this.fresh) return true;
    if (!matches(this.dirSignature, statOrUndefined(this.dir))) return false;
    const prefix = this.dir + sep; // join() normalises each path: ~10 ms at 10,000 files
    // The base's files from its stats table (snapshot.ts), then the delta's own lines.
    const [names, flat] = this.stats();
    for (let i = 0; i < names.length; i++) {
      if (this.hidden.has(i)) continue;
      if (!matchesAt(flat, 5 * i, statOrUndefined(prefix + names[i]))) return false;
      if (i % STEP_FILES === 0) yield;
    }
    for (const file of this.delta?.lines<FileRecord>('files') ?? []) {
      if (!matches(file.signature, statOrUndefined(prefix + file.name))) return false;
      yield;
    }
    return true;
  }

  /**
   * Every line's file as the full check sees it, hidden ones null: the base's from its stats
   * table, the delta's from its lines. A compile judges what changed by these same records, so
   * a table the check misreads (damage) has those files compiled again, not an empty delta
   * written on every run.
   */
  recordedFiles(): Array<FileRecord | null> {
    const [names, flat] = this.stats();
    const base = names.map((name, i): FileRecord | null => {
      if (this.hidden.has(i)) return null;
      const at = 5 * i;
      return { name, signature: flat[at] === -1 ? null : [flat[at]!, flat[at + 1]!, flat[at + 2]!, flat[at + 3]!, flat[at + 4]!] };
    });
    return [...base, ...(this.delta?.lines<FileRecord>('files') ?? [])];
  }

  /** The base's stats table (directory.ts): every file's name, then the five numbers of every signature. */
  private stats(): [string[], Float64Array] {
    if (!this.statsTable) {
      const [names] = this.base.lines<string[]>('stats');
      const flat = this.base.float64s('statSignatures');
      if (!Array.isArray(names) || names.length !== this.base.header.count || flat.length !== 5 * names.length) throw new SnapshotError('bad stats');
      this.statsTable = [names, flat];
    }
    return this.statsTable;
  }

  close(): void {
    if (this.builtin) return;
    this.base.close();
    this.delta?.close();
  }
}
