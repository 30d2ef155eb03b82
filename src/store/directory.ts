/**
 * One glossary directory, compiled: its files' signatures, its entries' parts and the
 * entries themselves, from a snapshot file or fresh in memory.
 *
 * Freshness (the rules the cache's correctness rests on):
 * - A file's signature is dev, ino, size, mtimeMs and ctimeMs. ctime cannot be set back by
 *   tools that keep mtimes (cp -p, rsync, tar), and an editor that saves by rename changes
 *   the inode.
 * - Racy timestamps: a file changed within the file system's timestamp granularity of the
 *   moment it was recorded (100 ms; 2 s where timestamps are whole seconds) could change
 *   again without its signature changing. Its signature is recorded as null, which matches
 *   nothing, so the next look at it parses it again (as git does with racily clean files).
 * - The directory's own signature changes when a file is added, removed or renamed.
 * The checks that use them are in glossary.ts.
 */
import { type Stats, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import type { Entry } from '../corpus/entry.ts';
import { listTermNames, readTermFile } from '../corpus/read.ts';
import { type EntryParts, entryParts } from '../search/parts.ts';
import { finish, type Steps } from '../text/steps.ts';
import type { SearchParts } from '../search/fulltext.ts';
import { type FileRecord, type IndexRow, indexRows, type PartSection, type Signature, type Snapshot, type SnapshotContent, SnapshotError, searchPartsOf } from './snapshot.ts';

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

export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}


/** A compiled directory, read from a snapshot section by section, or held in memory. */
export class CompiledDirectory {
  private memoryRows?: IndexRow[];
  private memoryPostings?: Map<string, number[]>;
  private memoryLines?: string[];

  private constructor(
    readonly dir: string,
    readonly builtin: boolean,
    readonly dirSignature: Signature,
    private readonly snapshot: Snapshot | undefined,
    private readonly content: SnapshotContent | undefined,
  ) {}

  static fromSnapshot(dir: string, snapshot: Snapshot, builtin = false): CompiledDirectory {
    return new CompiledDirectory(dir, builtin, snapshot.header.dirSignature, snapshot, undefined);
  }

  static fromContent(content: SnapshotContent): CompiledDirectory {
    return new CompiledDirectory(content.dir, false, content.dirSignature, undefined, content);
  }

  files(): FileRecord[] {
    return this.content?.files ?? this.snapshot!.section<FileRecord>('files');
  }

  /** The files with diagnostics. */
  problems(): FileRecord[] {
    return this.content?.files.filter((file) => file.diagnostics.length > 0) ?? this.snapshot!.section<FileRecord>('problems');
  }

  rows(): IndexRow[] {
    if (this.content) this.memoryRows ??= indexRows(this.content);
    return this.memoryRows ?? this.snapshot!.section<IndexRow>('index');
  }

  /** Each entry's slug, in entry order. */
  slugs(): string[] {
    return this.content?.entries.map((e) => e.brief.slug) ?? this.snapshot!.section<string>('slugs');
  }

  /** The slugs of the entries that have a generated form whose line holds `needle`, with those forms. */
  generatedContaining(needle: string): Array<{ slug: string; keys: string[] }> {
    if (this.snapshot) return this.snapshot.linesContaining('generated', needle);
    return this.content!.entries.filter((e) => e.json.generated.includes(needle)).map((e) => JSON.parse(e.json.generated));
  }

  /** The rows whose line holds `needle` (a quoted key or slug), without reading the others. */
  rowsContaining(needle: string): IndexRow[] {
    if (this.snapshot) return this.snapshot.linesContaining<IndexRow>('index', needle);
    this.memoryLines ??= this.rows().map((row) => JSON.stringify(row));
    return this.rows().filter((_, n) => this.memoryLines![n]!.includes(needle));
  }

  parts<K extends 'forms' | 'explain'>(kind: K): Array<EntryParts[K]> {
    if (this.content) return this.content.entries.map((e) => JSON.parse(e.json[kind]));
    return this.snapshot!.section<EntryParts[K]>(kind);
  }

  /** A part section's lines as JSON texts, to copy without parsing. */
  rawParts(kind: PartSection): string[] {
    if (this.content) return this.content.entries.map((e) => e.json[kind]);
    if (kind !== 'search') return this.snapshot!.rawLines(kind);
    const parts = searchPartsOf(this.snapshot!.section('postings'), this.snapshot!.section('lengths'));
    return parts.map((p) => JSON.stringify(p));
  }

  /** The postings of one word: [entry, field, count, …], or undefined. */
  postings(word: string): number[] | undefined {
    if (this.content) {
      if (!this.memoryPostings) {
        this.memoryPostings = new Map();
        for (const [n, e] of this.content.entries.entries()) {
          const { counts } = JSON.parse(e.json.search) as SearchParts;
          for (let i = 0; i < counts.length; i += 3) {
            const list = this.memoryPostings.get(counts[i] as string) ?? [];
            list.push(n, counts[i + 1] as number, counts[i + 2] as number);
            this.memoryPostings.set(counts[i] as string, list);
          }
        }
      }
      return this.memoryPostings.get(word);
    }
    const line = this.snapshot!.linesContaining<Array<string | number>>('postings', `[${JSON.stringify(word)},`).find((l) => l[0] === word);
    return line?.slice(1) as number[] | undefined;
  }

  /** Every word of the full-text index. */
  vocabulary(): string[] {
    if (this.content) return this.content.entries.flatMap((e) => (JSON.parse(e.json.search) as SearchParts).counts.filter((_, i) => i % 3 === 0) as string[]);
    return this.snapshot!.section<Array<string | number>>('postings').map((line) => line[0] as string);
  }

  /** Each entry's field lengths. */
  lengths(): number[][] {
    if (this.content) return this.content.entries.map((e) => (JSON.parse(e.json.search) as SearchParts).lengths);
    return this.snapshot!.section<number[]>('lengths');
  }

  entryText(row: IndexRow): Buffer {
    return this.content ? this.content.entries[row.n]!.text : this.snapshot!.entryText(row);
  }

  entry(row: IndexRow): Entry {
    let fields: Omit<Entry, 'source'>;
    try {
      fields = JSON.parse(this.entryText(row).toString('utf8'));
    } catch {
      throw new SnapshotError('bad entry');
    }
    return { ...fields, source: { path: join(this.dir, row.file), builtin: this.builtin } };
  }

  /** Every file as recorded: none added, removed or changed (stats them all). */
  current(): boolean {
    return finish(this.currentSteps());
  }

  /** current() as steps (text/steps.ts), one per file, so Ctrl-C works meanwhile. */
  *currentSteps(): Steps<boolean> {
    if (!matches(this.dirSignature, statOrUndefined(this.dir))) return false;
    const prefix = this.dir + sep; // join() normalises each path: ~10 ms at 10,000 files
    for (const file of this.files()) {
      if (!matches(file.signature, statOrUndefined(prefix + file.name))) return false;
      yield;
    }
    return true;
  }

  close(): void {
    this.snapshot?.close();
  }
}

/**
 * Compiles `dir`, parsing only the files whose signature differs from `previous`'s.
 * Throws a UsageError when the directory cannot be listed.
 */
export function compileDirectory(dir: string, previous: CompiledDirectory | undefined, buildId: string, now: () => number): SnapshotContent {
  return finish(compileSteps(dir, previous, buildId, now));
}

/** compileDirectory as steps: one per term file. */
export function* compileSteps(dir: string, previous: CompiledDirectory | undefined, buildId: string, now: () => number): Steps<SnapshotContent> {
  const recordedAt = now();
  // Stat the directory before listing it: a file added meanwhile makes the next look compile again.
  const dirStat = statOrUndefined(dir);
  const names = listTermNames(dir);
  const before = new Map<string, FileRecord>();
  if (previous) for (const file of previous.files()) before.set(file.name, file);
  const old = previous && {
    rows: previous.rows(),
    generated: previous.rawParts('generated'),
    forms: previous.rawParts('forms'),
    explain: previous.rawParts('explain'),
    search: previous.rawParts('search'),
  };
  const content: SnapshotContent = { buildId, dir, dirSignature: dirStat ? signatureOf(dirStat, recordedAt) : null, files: [], entries: [] };
  for (const name of names) {
    const path = dir + sep + name;
    const stat = statOrUndefined(path);
    const signature = stat ? signatureOf(stat, recordedAt) : null;
    const record = before.get(name);
    if (record && old && matches(record.signature, stat)) {
      // Unchanged: its parts and text are copied, not parsed again.
      const n = record.entry;
      content.files.push({ ...record, entry: n < 0 ? -1 : content.entries.length });
      if (n >= 0) {
        const row = old.rows[n]!;
        const { slug, term, category, workplace, gist, terms, aliases } = row;
        content.entries.push({
          brief: { slug, term, category, workplace, gist, file: name, signature: record.signature },
          keys: { terms, aliases },
          json: { generated: old.generated[n]!, forms: old.forms[n]!, explain: old.explain[n]!, search: old.search[n]! },
          text: previous!.entryText(row),
        });
      }
      continue;
    }
    const result = readTermFile(path, { dir });
    content.files.push({ name, signature, diagnostics: result.diagnostics, entry: result.entry ? content.entries.length : -1 });
    if (result.entry) {
      const { source: _source, ...fields } = result.entry;
      const parts = entryParts(result.entry);
      content.entries.push({
        brief: { ...parts.brief, file: name, signature },
        keys: parts.keys,
        json: {
          generated: JSON.stringify({ slug: parts.brief.slug, keys: parts.generated }),
          forms: JSON.stringify(parts.forms),
          explain: JSON.stringify(parts.explain),
          search: JSON.stringify(parts.search),
        },
        text: Buffer.from(JSON.stringify(fields)),
      });
    }
    yield;
  }
  return content;
}
