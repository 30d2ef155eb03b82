/**
 * The snapshot file: everything genz knows about one glossary directory, in one file.
 *
 *   GENZ-SNAPSHOT 3\n
 *   {"buildId":…,"dir":…,"dirSignature":…,"count":…,"sections":{"files":[offset,length],…}}\n
 *   <section bodies>
 *
 * A line section holds one JSON line per term file, in file-name order: line n of every line
 * section is about file n (`null` where the file gave no entry). Nothing in a line refers to
 * another line, so a rebuild copies the lines of unchanged files as bytes, in runs, without
 * parsing them. Each line section X has a companion section `X@`, the byte offset of each of
 * its lines, so one line is read without reading the others; so has every other section.
 * `problems` lists the files with diagnostics (their `files` lines with them). A base (not a
 * delta, source.ts) also carries indexes over the whole directory: the full check's table of
 * names and signatures (`stats`, and `statSignatures` as raw doubles; source.ts), each trigram's forms for typo matching and each
 * word's postings (index-store.ts), and explain's (explain-store.ts).
 *
 * A snapshot is written to a new temporary file and renamed over the old one, so a reader
 * sees the old file or the new one, whole. Reading never trusts the file: a wrong magic
 * line, sizes that do not add up, an offset past the end or bad JSON is a SnapshotError, and
 * the caller compiles afresh.
 */
import { closeSync, constants, fstatSync, futimesSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../corpus/parse.ts';

const MAGIC = 'GENZ-SNAPSHOT 3\n';
const HEADER_MAX = 64 * 1024;
const NEWLINE = 10;
const QUOTE = 0x22;
/** Lines of one section read one by one before the whole section is read instead. */
const LINE_READS = 16;

export const LINE_SECTIONS = ['files', 'slugs', 'keys', 'index', 'generated', 'forms', 'explain', 'search', 'lengths', 'entries'] as const;
export type LineSection = (typeof LINE_SECTIONS)[number];

/** dev, ino, size, mtimeMs, ctimeMs; null where it was racy when recorded (see directory.ts). */
export type Signature = [number, number, number, number, number] | null;

/** A `files` line: what the full check reads of every file. */
export interface FileRecord {
  name: string;
  signature: Signature;
}

/** A `problems` line: a file with diagnostics. */
export interface ProblemRecord extends FileRecord {
  diagnostics: Diagnostic[];
}

export interface Header {
  buildId: string;
  dir: string;
  dirSignature: Signature;
  /** Term files: lines in each line section. */
  count: number;
  sections: Record<string, [number, number]>;
  /** Names this snapshot, for a delta to say which base it is over (source.ts). */
  id: string;
  /** A delta's: the id of its base, and the base lines it replaces or that were removed. */
  base?: string;
  hidden?: number[];
}

/** 12 random hex digits: a snapshot's id. */
export const snapshotId = (): string => Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0');

export class SnapshotError extends Error {}

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

/**
 * Sections for lookups by key (Snapshot.lineByKey): `<name>Keys`, a line per key, sorted by
 * the bytes of its JSON; `<name>`, the line of each. A lookup compares bytes: it never parses
 * the keys (37,000 strings for explain at 10,000 entries).
 */
export function keyedSections(name: string, byKey: Map<string, unknown>): Record<string, unknown[]> {
  const keys = [...byKey.keys()].map((key) => ({ key, bytes: Buffer.from(JSON.stringify(key)) })).sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  return { [`${name}Keys`]: keys.map(({ key }) => key), [name]: keys.map(({ key }) => byKey.get(key)) };
}

/**
 * How bytes start..end of `body` sort against `key`: below, at or above 0. (Buffer.compare's
 * argument checks cost more, called thousands of times by explain.) A JSON string ends at its
 * only unescaped quote, so no key's bytes begin another's: the lengths decide only equal keys.
 */
function compareBytes(body: Buffer, start: number, end: number, key: Buffer): number {
  const length = Math.min(end - start, key.length);
  for (let i = 0; i < length; i++) if (body[start + i] !== key[i]) return body[start + i]! - key[i]!;
  return end - start - key.length;
}

/** Builds a snapshot: one file's lines at a time, or runs of an old snapshot's lines copied as bytes. */
export class SnapshotWriter {
  private readonly bodies = new Map<string, Buffer[]>(LINE_SECTIONS.map((s) => [s, []]));
  private readonly sizes = new Map<string, number>(LINE_SECTIONS.map((s) => [s, 0]));
  private readonly starts = new Map<string, number[]>(LINE_SECTIONS.map((s) => [s, []]));
  private count = 0;

  /** One term file's lines, as JSON texts. */
  add(lines: Record<LineSection, string>): void {
    for (const section of LINE_SECTIONS) this.push(section, Buffer.from(`${lines[section]}\n`), [0]);
    this.count++;
  }

  /** Lines [first, end) of every line section of `from`, as they are. */
  copy(from: Snapshot, first: number, end: number): void {
    for (const section of LINE_SECTIONS) {
      const body = from.body(section);
      const starts = from.starts(section);
      const base = starts[first]!;
      const stop = end < starts.length ? starts[end]! : body.length;
      this.push(section, body.subarray(base, stop), starts.slice(first, end).map((at) => at - base));
    }
    this.count += end - first;
  }

  /** The lines written so far to one line section, parsed (for the indexes a base carries). */
  lines<T>(section: LineSection): T[] {
    return parseLines<T>(Buffer.concat(this.bodies.get(section)!).toString('utf8'));
  }

  private push(section: LineSection, bytes: Buffer, starts: number[]): void {
    const size = this.sizes.get(section)!;
    for (const at of starts) this.starts.get(section)!.push(size + at);
    this.bodies.get(section)!.push(bytes);
    this.sizes.set(section, size + bytes.length);
  }

  /** The whole file. `extra` are the problems and any derived sections, as JSON Lines, or raw doubles (Snapshot.float64s). */
  bytes(header: Omit<Header, 'sections' | 'count'>, extra: Record<string, unknown[] | Float64Array>): Buffer {
    const bodies: Array<[string, Buffer[]]> = [];
    for (const section of LINE_SECTIONS) {
      bodies.push([section, this.bodies.get(section)!], [`${section}@`, [Buffer.from(JSON.stringify(this.starts.get(section)))]]);
    }
    for (const [name, items] of Object.entries(extra)) {
      if (items instanceof Float64Array) {
        bodies.push([name, [Buffer.from(items.buffer, items.byteOffset, items.byteLength)]]);
        continue;
      }
      const lines = items.map((item) => `${JSON.stringify(item)}\n`);
      const starts: number[] = [];
      let at = 0;
      for (const line of lines) {
        starts.push(at);
        at += Buffer.byteLength(line);
      }
      bodies.push([name, [Buffer.from(lines.join(''))]], [`${name}@`, [Buffer.from(JSON.stringify(starts))]]);
    }
    const sections: Record<string, [number, number]> = {};
    let at = 0;
    for (const [name, parts] of bodies) {
      const length = parts.reduce((sum, part) => sum + part.length, 0);
      sections[name] = [at, length];
      at += length;
    }
    const head = Buffer.from(`${MAGIC}${JSON.stringify({ ...header, count: this.count, sections })}\n`);
    return Buffer.concat([head, ...bodies.flatMap(([, parts]) => parts)]);
  }
}

/** An open snapshot, a file or bytes in memory; sections are read when first asked for. */
export class Snapshot {
  readonly header: Header;
  /** The file's mtime when opened (0 for bytes in memory). */
  readonly mtimeMs: number;
  private readonly size: number;
  private readonly bodyStart: number;
  private readonly bodies = new Map<string, Buffer>();
  private readonly parsed = new Map<string, unknown[]>();
  private readonly offsets = new Map<string, number[]>();
  private readonly lineReads = new Map<string, number>();
  private closed = false;

  /** Opens a file without following a link, and never a FIFO or device: those are SnapshotErrors. */
  static open(path: string): Snapshot {
    let fd: number;
    try {
      fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    } catch (error) {
      throw new SnapshotError(`cannot open: ${(error as NodeJS.ErrnoException).code}`);
    }
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) throw new SnapshotError('not a regular file');
      return new Snapshot(fd, stat.size, stat.mtimeMs);
    } catch (error) {
      closeSync(fd);
      throw error instanceof SnapshotError ? error : new SnapshotError(String(error));
    }
  }

  /** `source` is an open file descriptor, or the snapshot's bytes. */
  constructor(
    private readonly source: number | Buffer,
    size = typeof source === 'number' ? 0 : source.length,
    mtimeMs = 0,
  ) {
    this.size = size;
    this.mtimeMs = mtimeMs;
    const head = this.read(0, Math.min(HEADER_MAX, this.size)).toString('utf8');
    const end = head.indexOf('\n', MAGIC.length);
    if (!head.startsWith(MAGIC) || end === -1) throw new SnapshotError('not a snapshot');
    try {
      this.header = JSON.parse(head.slice(MAGIC.length, end));
    } catch {
      throw new SnapshotError('bad header');
    }
    this.bodyStart = Buffer.byteLength(head.slice(0, end + 1));
    const ranges = Object.values(this.header.sections ?? {});
    const bodySize = ranges.reduce((sum, range) => sum + (Array.isArray(range) ? Number(range[1]) : Number.NaN), 0);
    if (this.bodyStart + bodySize !== this.size || !Number.isInteger(this.header.count)) throw new SnapshotError('truncated or extended');
    const { dirSignature, hidden } = this.header;
    const numbers = (value: unknown, length?: number) => Array.isArray(value) && (length === undefined || value.length === length) && value.every(Number.isFinite);
    if ((dirSignature !== null && !numbers(dirSignature, 5)) || (hidden !== undefined && !numbers(hidden))) throw new SnapshotError('bad header');
  }

  /** Sets the open file's times: through its descriptor, so a link swapped in at its path since is never followed. */
  touch(now: number): void {
    if (typeof this.source === 'number' && !this.closed) futimesSync(this.source, now / 1000, now / 1000);
  }

  close(): void {
    if (typeof this.source === 'number' && !this.closed) closeSync(this.source);
    this.closed = true;
  }

  private read(position: number, length: number): Buffer {
    if (!(position >= 0 && length >= 0 && position + length <= this.size)) throw new SnapshotError('out of range');
    if (typeof this.source !== 'number') return this.source.subarray(position, position + length);
    const buffer = Buffer.allocUnsafe(length);
    for (let done = 0; done < length; ) {
      const n = readSync(this.source, buffer, done, length - done, position + done);
      if (n === 0) throw new SnapshotError('truncated');
      done += n;
    }
    return buffer;
  }

  has(name: string): boolean {
    return Array.isArray(this.header.sections?.[name]);
  }

  body(name: string): Buffer {
    let body = this.bodies.get(name);
    if (!body) {
      const range = this.header.sections?.[name];
      if (!Array.isArray(range)) throw new SnapshotError(`no ${name} section`);
      body = this.read(this.bodyStart + range[0], range[1]);
      this.bodies.set(name, body);
    }
    return body;
  }

  /**
   * A section of raw doubles, in this machine's byte order: a cache is read where it was
   * written (the built-in glossary's are never read: it is not checked). 50,000 numbers in
   * ~0.3 ms, where JSON takes ~3 ms.
   */
  float64s(name: string): Float64Array {
    const body = this.body(name);
    if (body.length % 8 !== 0) throw new SnapshotError(`bad ${name} section`);
    const out = new Float64Array(body.length / 8);
    Buffer.from(out.buffer).set(body);
    return out;
  }

  /** Where each line of a section starts. */
  starts(section: string): number[] {
    let starts = this.offsets.get(section);
    if (!starts) {
      try {
        starts = JSON.parse(this.body(`${section}@`).toString('utf8')) as number[];
      } catch {
        throw new SnapshotError('bad offsets');
      }
      if (!Array.isArray(starts)) throw new SnapshotError('bad offsets');
      const count = LINE_SECTIONS.includes(section as LineSection) ? this.header.count : starts.length;
      if (starts.length !== count) throw new SnapshotError('bad offsets');
      this.offsets.set(section, starts);
    }
    return starts;
  }

  /** Every line of a section, parsed (once). */
  lines<T>(name: string): T[] {
    let items = this.parsed.get(name);
    if (!items) {
      items = parseLines(this.body(name).toString('utf8'));
      if (LINE_SECTIONS.includes(name as LineSection) && items.length !== this.header.count) throw new SnapshotError('bad line count');
      this.parsed.set(name, items);
    }
    return items as T[];
  }

  /** Line n of a section, parsed. */
  line<T>(section: string, n: number): T {
    const starts = this.starts(section);
    if (!(n >= 0 && n < starts.length)) throw new SnapshotError('no such line');
    const range = this.header.sections[section]!;
    const end = n + 1 < starts.length ? starts[n + 1]! : range[1];
    // A section not read whole yet: read just the line (a define at 10,000 entries reads a
    // few hundred bytes of the 6 MB index), unless it is read line by line many times.
    const reads = (this.lineReads.get(section) ?? 0) + 1;
    this.lineReads.set(section, reads);
    const body = reads > LINE_READS ? this.body(section) : this.bodies.get(section);
    const bytes = body ? body.subarray(starts[n], end) : this.read(this.bodyStart + range[0] + starts[n]!, end - starts[n]!);
    return parseLines<T>(bytes.toString('utf8'))[0]!;
  }

  /** The line of a keyed section (keyedSections) for `key`, found by bisection over the keys' bytes; undefined when none. */
  lineByKey<T>(name: string, key: string): T | undefined {
    const body = this.body(`${name}Keys`);
    const starts = this.starts(`${name}Keys`);
    const needle = Buffer.from(JSON.stringify(key));
    let low = 0;
    let high = starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const start = starts[mid]!;
      const end = (mid + 1 < starts.length ? starts[mid + 1]! : body.length) - 1; // before its newline
      // Each key read must be one JSON string and its newline: damage is a SnapshotError, not a miss.
      if (!(Number.isInteger(start) && end > start && body[start] === QUOTE && body[end - 1] === QUOTE && body[end] === NEWLINE)) throw new SnapshotError(`bad ${name}Keys section`);
      const order = compareBytes(body, start, end, needle);
      if (order === 0) return this.line<T>(name, mid);
      if (order < 0) low = mid + 1;
      else high = mid - 1;
    }
    return undefined;
  }

  /** The lines of a section that contain `needle`, with their numbers: finds a key without parsing the rest. */
  linesContaining<T>(section: string, needle: string): Array<{ n: number; value: T }> {
    const body = this.body(section);
    const found: Array<{ n: number; value: T }> = [];
    for (let at = body.indexOf(needle); at !== -1; ) {
      const start = body.lastIndexOf(NEWLINE, at) + 1;
      const end = body.indexOf(NEWLINE, at);
      if (end === -1) throw new SnapshotError(`bad ${section} section`);
      found.push({ n: this.lineAt(section, start), value: parseLines<T>(body.toString('utf8', start, end))[0]! });
      at = body.indexOf(needle, end);
    }
    return found;
  }

  /** The number of the line that starts at byte `start` (binary search in its offsets). */
  private lineAt(section: string, start: number): number {
    const starts = this.starts(section);
    let low = 0;
    let high = starts.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      if (starts[mid] === start) return mid;
      if (starts[mid]! < start) low = mid + 1;
      else high = mid - 1;
    }
    throw new SnapshotError(`bad ${section} offsets`);
  }
}
