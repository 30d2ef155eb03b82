/**
 * The snapshot file: everything genz knows about one glossary directory, in one file.
 *
 *   GENZ-SNAPSHOT 2\n
 *   {"buildId":…,"dir":…,"dirSignature":…,"sections":{"files":[offset,length],…}}\n
 *   <files><problems><slugs><index><generated><forms><explain><postings><lengths><entries>
 *
 * Every section but `entries` is JSON Lines: one line per term file (files; problems holds
 * only the files with diagnostics) or per entry (the others, in the same order). `index` holds what `define` needs of an entry (slug,
 * term, gist, file, signature, keys, and where its JSON text is in `entries`), so a lookup
 * finds the quoted key's bytes in that section and parses only the lines that hold them.
 * `generated` holds each entry's generated forms (`{"slug":…,"keys":[…]}`), read the same
 * way, and only when no term or alias is the query. `postings` is the full-text index, one line per word (`["word", entry, field, count, …]`),
 * read the same way by `search`, with `lengths` (each entry's field lengths) beside it.
 * Commands that need every entry parse whole sections, and only those they use.
 *
 * A snapshot is written to a new temporary file and renamed over the old one, so a reader
 * sees the old file or the new one, whole. Reading never trusts the file: a wrong magic
 * line, a size that does not add up, an offset past the end or bad JSON is a SnapshotError,
 * and the caller compiles afresh.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../corpus/parse.ts';
import type { SearchParts } from '../search/fulltext.ts';
import type { EntryParts } from '../search/parts.ts';

const MAGIC = 'GENZ-SNAPSHOT 2\n';
const HEADER_MAX = 64 * 1024;
const NEWLINE = 10;

/** dev, ino, size, mtimeMs, ctimeMs; null where it was racy when recorded (see directory.ts). */
export type Signature = [number, number, number, number, number] | null;

export interface FileRecord {
  name: string;
  signature: Signature;
  diagnostics: Diagnostic[];
  /** Number of its entry, or -1 when the file gave none. */
  entry: number;
}

/** What the index section says of one entry. */
export type IndexRow = EntryParts['brief'] &
  EntryParts['keys'] & {
    /** Its number: its line in the other sections. */
    n: number;
    file: string;
    signature: Signature;
    /** Offset and length of its JSON text in `entries`. */
    at: [number, number];
  };

export type PartSection = 'generated' | 'forms' | 'explain' | 'search';

/** One entry as compiled. */
export interface CompiledEntry {
  brief: EntryParts['brief'] & { file: string; signature: Signature };
  keys: EntryParts['keys'];
  /** Its generated, forms, explain and search parts as JSON texts: copied as they are while its file is unchanged. */
  json: Record<PartSection, string>;
  /** The entry (without its `source`) as JSON text. */
  text: Buffer;
}

/** A directory as compiled, in memory: what a snapshot file holds. */
export interface SnapshotContent {
  buildId: string;
  dir: string;
  dirSignature: Signature;
  files: FileRecord[];
  entries: CompiledEntry[];
}

export class SnapshotError extends Error {}

export type SectionName = 'files' | 'problems' | 'slugs' | 'index' | 'generated' | 'forms' | 'explain' | 'postings' | 'lengths';

const lines = (items: unknown[]): Buffer => Buffer.from(items.map((item) => `${JSON.stringify(item)}\n`).join(''));

/** JSON Lines text → its items; anything else is a SnapshotError. */
function parseLines<T>(text: string): T[] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  if (body === '') return [];
  try {
    return JSON.parse(`[${body.replaceAll('\n', ',')}]`) as T[];
  } catch {
    throw new SnapshotError('bad section');
  }
}

export function indexRows(content: SnapshotContent): IndexRow[] {
  let offset = 0;
  return content.entries.map((e, n) => {
    const at: [number, number] = [offset, e.text.length];
    offset += at[1];
    return { ...e.brief, ...e.keys, n, at };
  });
}

/** The full-text index of a directory: postings by word, and each entry's field lengths. */
function postingsAndLengths(parts: SearchParts[]): { postings: Buffer; lengths: Buffer } {
  const byWord = new Map<string, Array<string | number>>();
  parts.forEach(({ counts }, n) => {
    for (let i = 0; i < counts.length; i += 3) {
      const word = counts[i] as string;
      const line = byWord.get(word) ?? [word];
      byWord.set(word, line);
      line.push(n, counts[i + 1]!, counts[i + 2]!);
    }
  });
  const words = [...byWord.keys()].sort();
  return { postings: lines(words.map((word) => byWord.get(word))), lengths: lines(parts.map((p) => p.lengths)) };
}

/** Each entry's search parts again, from the postings and lengths lines (to copy them on a rebuild). */
export function searchPartsOf(postings: Array<Array<string | number>>, lengths: number[][]): SearchParts[] {
  const parts: SearchParts[] = lengths.map((l) => ({ lengths: l, counts: [] }));
  for (const [word, ...rest] of postings) {
    for (let i = 0; i < rest.length; i += 3) parts[rest[i] as number]?.counts.push(word!, rest[i + 1]!, rest[i + 2]!);
  }
  return parts;
}

export function snapshotBytes(content: SnapshotContent): Buffer {
  const bodies: Record<string, Buffer> = {
    files: lines(content.files),
    problems: lines(content.files.filter((file) => file.diagnostics.length > 0)),
    slugs: lines(content.entries.map((e) => e.brief.slug)),
    index: lines(indexRows(content)),
    generated: Buffer.from(content.entries.map((e) => `${e.json.generated}\n`).join('')),
    forms: Buffer.from(content.entries.map((e) => `${e.json.forms}\n`).join('')),
    explain: Buffer.from(content.entries.map((e) => `${e.json.explain}\n`).join('')),
    ...postingsAndLengths(content.entries.map((e) => JSON.parse(e.json.search) as SearchParts)),
    entries: Buffer.concat(content.entries.map((e) => e.text)),
  };
  const sections: Record<string, [number, number]> = {};
  let at = 0;
  for (const [name, body] of Object.entries(bodies)) {
    sections[name] = [at, body.length];
    at += body.length;
  }
  const header = { buildId: content.buildId, dir: content.dir, dirSignature: content.dirSignature, sections };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), ...Object.values(bodies)]);
}

/** An open snapshot file; sections are read when first asked for. */
export class Snapshot {
  readonly header: { buildId: string; dir: string; dirSignature: Signature; sections: Record<string, [number, number]> };
  private readonly fd: number;
  private readonly size: number;
  private readonly bodyStart: number;
  private readonly bodies = new Map<SectionName, Buffer>();
  private readonly parsed = new Map<SectionName, unknown[]>();

  /** Opens without following a link, and never a FIFO or device: those are SnapshotErrors. */
  constructor(readonly path: string) {
    try {
      this.fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
      throw new SnapshotError(`cannot open: ${(error as NodeJS.ErrnoException).code}`);
    }
    try {
      const stat = fstatSync(this.fd);
      if (!stat.isFile()) throw new SnapshotError('not a regular file');
      this.size = stat.size;
      const head = this.read(0, Math.min(HEADER_MAX, this.size)).toString('utf8');
      const end = head.indexOf('\n', MAGIC.length);
      if (!head.startsWith(MAGIC) || end === -1) throw new SnapshotError('not a snapshot');
      this.header = JSON.parse(head.slice(MAGIC.length, end));
      this.bodyStart = Buffer.byteLength(head.slice(0, end + 1));
      const ranges = Object.values(this.header.sections ?? {});
      const bodySize = ranges.reduce((sum, range) => sum + (Array.isArray(range) ? Number(range[1]) : Number.NaN), 0);
      if (this.bodyStart + bodySize !== this.size) throw new SnapshotError('truncated or extended');
    } catch (error) {
      closeSync(this.fd);
      throw error instanceof SnapshotError ? error : new SnapshotError(String(error));
    }
  }

  close(): void {
    closeSync(this.fd);
  }

  private read(position: number, length: number): Buffer {
    if (!(position >= 0 && length >= 0 && position + length <= this.size)) throw new SnapshotError('out of range');
    const buffer = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const n = readSync(this.fd, buffer, done, length - done, position + done);
      if (n === 0) throw new SnapshotError('truncated');
      done += n;
    }
    return buffer;
  }

  private range(name: string): [number, number] {
    const range = this.header.sections?.[name];
    if (!Array.isArray(range)) throw new SnapshotError(`no ${name} section`);
    return range;
  }

  private body(name: SectionName): Buffer {
    let body = this.bodies.get(name);
    if (!body) {
      const [offset, length] = this.range(name);
      body = this.read(this.bodyStart + offset, length);
      this.bodies.set(name, body);
    }
    return body;
  }

  /** Every line of a section as JSON text. */
  rawLines(name: SectionName): string[] {
    const text = this.body(name).toString('utf8');
    return text === '' ? [] : text.slice(0, -1).split('\n');
  }

  /** Every line of a section, parsed (once). */
  section<T>(name: SectionName): T[] {
    let items = this.parsed.get(name);
    if (!items) {
      items = parseLines(this.body(name).toString('utf8'));
      this.parsed.set(name, items);
    }
    return items as T[];
  }

  /** The lines of a section that contain `needle`, parsed: finds a key without parsing the rest. */
  linesContaining<T>(name: SectionName, needle: string): T[] {
    const body = this.body(name);
    const found: T[] = [];
    for (let at = body.indexOf(needle); at !== -1; ) {
      const start = body.lastIndexOf(NEWLINE, at) + 1;
      const end = body.indexOf(NEWLINE, at);
      if (end === -1) throw new SnapshotError(`bad ${name} section`);
      found.push(...parseLines<T>(body.toString('utf8', start, end)));
      at = body.indexOf(needle, end);
    }
    return found;
  }

  /** An entry's JSON text. */
  entryText(row: IndexRow): Buffer {
    const [offset, length] = this.range('entries');
    const [at, size] = row.at;
    if (!(at >= 0 && size >= 0 && at + size <= length)) throw new SnapshotError('entry out of range');
    return this.read(this.bodyStart + offset + at, size);
  }
}
