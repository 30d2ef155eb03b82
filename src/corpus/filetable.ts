/**
 * The cache's record of every term file (cache.ts): where it is, its signature when it was
 * read, and where its entry is stored. It is read before every answer drawn from many
 * entries and rewritten after every change, so it is one binary file that decodes without
 * building an object per file:
 *
 *   u32 magic "GZF1" | u32 file count | u32 head bytes | u32 names bytes | u32 slugs bytes
 *   head  JSON {dirs, segments, diagnostics: {row: Diagnostic[]}} (diagnostics are rare)
 *   names file names (within their directory), NUL-separated: NUL is the one character a
 *         file name cannot hold
 *   slugs the entry slug of each file ("" for none), NUL-separated
 *   nums  Float64 × STRIDE per file, 8-byte aligned: dev, ino, size, mtimeMs, ctimeMs (the
 *         signature), flags, directory, segment, index
 */
import { type Stats, statSync } from 'node:fs';
import type { Diagnostic } from './parse.ts';

const MAGIC = 0x31465a47; // "GZF1"
const STRIDE = 9;
export const SIGNATURE = 5;
const FLAGS = 5;
const DIR = 6;
const SEGMENT = 7;
const INDEX = 8;
/** The file existed when it was stat'ed (else the signature is zeros). */
const HAS_SIGNATURE = 1;
/** Its timestamps were too young to trust (see isRacy in cache.ts): check it again. */
const RACY = 2;

export class FileTable {
  constructor(
    readonly dirs: string[],
    readonly segments: string[],
    readonly names: string[],
    private readonly slugList: string[],
    readonly nums: Float64Array,
    private readonly diagnosticsByRow: Record<number, Diagnostic[]>,
  ) {}

  get count(): number {
    return this.names.length;
  }

  path(row: number): string {
    const dir = this.dirs[this.nums[row * STRIDE + DIR]!]!;
    return dir.endsWith('/') ? dir + this.names[row] : `${dir}/${this.names[row]}`;
  }

  dir(row: number): number {
    return this.nums[row * STRIDE + DIR]!;
  }

  slug(row: number): string | undefined {
    return this.slugList[row] || undefined;
  }

  /** Where the row's file is: its directory's number and its name. */
  samePlace(row: number, other: FileTable, otherRow: number): boolean {
    return this.names[row] === other.names[otherRow] && this.dir(row) === other.dir(otherRow);
  }

  segment(row: number): string | undefined {
    const at = this.nums[row * STRIDE + SEGMENT]!;
    return at < 0 ? undefined : this.segments[at];
  }

  index(row: number): number {
    return this.nums[row * STRIDE + INDEX]!;
  }

  racy(row: number): boolean {
    return (this.nums[row * STRIDE + FLAGS]! & RACY) !== 0;
  }

  signature(row: number): [number, number, number, number, number] | null {
    const at = row * STRIDE;
    if ((this.nums[at + FLAGS]! & HAS_SIGNATURE) === 0) return null;
    const n = this.nums;
    return [n[at]!, n[at + 1]!, n[at + 2]!, n[at + 3]!, n[at + 4]!];
  }

  diagnostics(row: number): Diagnostic[] {
    return this.diagnosticsByRow[row] ?? [];
  }

  /** Whether the file's current signature (5 numbers at `at` in `now`, NaN if it is gone) is the recorded one; a racy file never is. */
  private current(row: number, now: Float64Array, at: number): boolean {
    const n = this.nums;
    const base = row * STRIDE;
    const flags = n[base + FLAGS]!;
    if (flags & RACY) return false;
    if ((flags & HAS_SIGNATURE) === 0) return Number.isNaN(now[at]!);
    return now[at + 4] === n[base + 4] && now[at + 3] === n[base + 3] && now[at + 2] === n[base + 2] && now[at + 1] === n[base + 1] && now[at] === n[base];
  }

  /**
   * Stats every file (the "full check"): whether any changed, and every file's signature
   * now (SIGNATURE numbers per row, NaN for a file that is gone), which an update reuses
   * instead of stat'ing again. Each stat is a system call (~2 µs here, so 20 ms at 10,000
   * files, and two threads take as long as one): the loop does nothing else that costs.
   */
  scan(): { changed: boolean; signatures: Float64Array } {
    const signatures = new Float64Array(this.names.length * SIGNATURE);
    const n = this.nums;
    let changed = false;
    let row = 0;
    this.dirs.forEach((dir, dirIndex) => {
      statInside(dir, (stat) => {
        for (; row < this.names.length && n[row * STRIDE + DIR] === dirIndex; row++) {
          const at = row * SIGNATURE;
          if (!stat(this.names[row]!, signatures, at)) signatures[at] = Number.NaN;
          if (!changed && !this.current(row, signatures, at)) changed = true;
        }
      });
    });
    return { changed, signatures };
  }

  /** The recorded signature equals `signature` (5 numbers at `at`). */
  sameSignature(row: number, signature: ArrayLike<number> | null, at = 0): boolean {
    const base = row * STRIDE;
    const n = this.nums;
    if (signature === null || (n[base + FLAGS]! & HAS_SIGNATURE) === 0) return false;
    for (let k = 0; k < SIGNATURE; k++) if (n[base + k] !== signature[at + k]) return false;
    return true;
  }

  /** Every file's diagnostics, in file order. */
  allDiagnostics(): Diagnostic[] {
    return Object.keys(this.diagnosticsByRow)
      .map(Number)
      .sort((a, b) => a - b)
      .flatMap((row) => this.diagnosticsByRow[row]!);
  }

  encode(): Buffer {
    const head = Buffer.from(JSON.stringify({ dirs: this.dirs, segments: this.segments, diagnostics: this.diagnosticsByRow }), 'utf8');
    const names = Buffer.from(this.names.join('\0'), 'utf8');
    const slugs = Buffer.from(this.slugList.join('\0'), 'utf8');
    const start = 20 + head.length + names.length + slugs.length;
    const pad = (8 - (start % 8)) % 8;
    const top = Buffer.alloc(20);
    top.writeUInt32LE(MAGIC, 0);
    top.writeUInt32LE(this.names.length, 4);
    top.writeUInt32LE(head.length, 8);
    top.writeUInt32LE(names.length, 12);
    top.writeUInt32LE(slugs.length, 16);
    const nums = this.nums.subarray(0, this.names.length * STRIDE);
    return Buffer.concat([top, head, names, slugs, Buffer.alloc(pad), Buffer.from(nums.buffer, nums.byteOffset, nums.byteLength)]);
  }

  /** Throws on anything that is not a whole table. */
  static decode(bytes: Buffer): FileTable {
    if (bytes.length < 20 || bytes.readUInt32LE(0) !== MAGIC) throw new Error('not a genz file table');
    const count = bytes.readUInt32LE(4);
    const headEnd = 20 + bytes.readUInt32LE(8);
    const namesEnd = headEnd + bytes.readUInt32LE(12);
    const slugsEnd = namesEnd + bytes.readUInt32LE(16);
    const numsAt = slugsEnd + ((8 - (slugsEnd % 8)) % 8);
    if (numsAt + count * STRIDE * 8 !== bytes.length) throw new Error('truncated genz file table');
    const head = JSON.parse(bytes.toString('utf8', 20, headEnd)) as { dirs: string[]; segments: string[]; diagnostics: Record<number, Diagnostic[]> };
    const split = (start: number, end: number) => (count === 0 ? [] : bytes.toString('utf8', start, end).split('\0'));
    const names = split(headEnd, namesEnd);
    const slugs = split(namesEnd, slugsEnd);
    if (names.length !== count || slugs.length !== count) throw new Error('damaged genz file table');
    // A copy, aligned whatever the Buffer's offset in its pool.
    const nums = new Float64Array(count * STRIDE);
    new Uint8Array(nums.buffer).set(bytes.subarray(numsAt));
    return new FileTable(head.dirs, head.segments, names, slugs, nums, head.diagnostics);
  }
}

/**
 * Calls `visit` with a function that stats a file of `dir` by name, writing its signature
 * (SIGNATURE numbers) into `into` at `at`; false when the file cannot be stat'ed. Files are
 * stat'ed from inside the directory, by name: the kernel then walks one path component, not
 * the whole path (~15% of the time here). The working directory is restored after; where it
 * cannot be entered or read, full paths are used.
 */
export function statInside<T>(dir: string, visit: (stat: (name: string, into: Float64Array, at: number) => boolean) => T): T {
  let cwd: string | undefined;
  let prefix = dir.endsWith('/') ? dir : `${dir}/`;
  try {
    cwd = process.cwd();
    process.chdir(dir);
    prefix = '';
  } catch {
    cwd = undefined;
  }
  const stat = (name: string, into: Float64Array, at: number): boolean => {
    let found: Stats | undefined;
    try {
      found = statSync(prefix + name, { throwIfNoEntry: false });
    } catch {
      return false; // unreadable now (permissions, a loop): gone, as far as the cache goes
    }
    if (!found) return false;
    into[at] = found.dev;
    into[at + 1] = found.ino;
    into[at + 2] = found.size;
    into[at + 3] = found.mtimeMs;
    into[at + 4] = found.ctimeMs;
    return true;
  };
  try {
    return visit(stat);
  } finally {
    if (cwd !== undefined) {
      try {
        process.chdir(cwd);
      } catch {
        // it was removed meanwhile: genz resolves every path against the cwd it started in
      }
    }
  }
}

/** A new table, file by file (in search-path order, each directory's files in name order). */
export class FileTableBuilder {
  private readonly names: string[] = [];
  private readonly slugs: string[] = [];
  private readonly segments: string[] = [];
  private readonly segmentAt = new Map<string, number>();
  private readonly diagnostics: Record<number, Diagnostic[]> = {};
  private nums: Float64Array;

  constructor(
    private readonly dirs: string[],
    capacity: number,
  ) {
    this.nums = new Float64Array(Math.max(1, capacity) * STRIDE);
  }

  get count(): number {
    return this.names.length;
  }

  private segmentNumber(segment: string | undefined): number {
    if (segment === undefined) return -1;
    let at = this.segmentAt.get(segment);
    if (at === undefined) {
      at = this.segments.push(segment) - 1;
      this.segmentAt.set(segment, at);
    }
    return at;
  }

  /** Adds a file; its entry (setEntry) and diagnostics come later if it is being parsed. Returns its row. */
  add(dir: number, name: string, signature: ArrayLike<number> | null, racy: boolean, at0 = 0): number {
    const row = this.names.length;
    if ((row + 1) * STRIDE > this.nums.length) {
      const grown = new Float64Array(this.nums.length * 2);
      grown.set(this.nums);
      this.nums = grown;
    }
    this.names.push(name);
    this.slugs.push('');
    const at = row * STRIDE;
    if (signature) for (let k = 0; k < SIGNATURE; k++) this.nums[at + k] = signature[at0 + k]!;
    this.nums[at + FLAGS] = (signature ? HAS_SIGNATURE : 0) | (racy ? RACY : 0);
    this.nums[at + DIR] = dir;
    this.nums[at + SEGMENT] = -1;
    this.nums[at + INDEX] = -1;
    return row;
  }

  /** Adds a file whose old row still holds (same signature): its entry and diagnostics as they were. */
  copy(from: FileTable, fromRow: number, racy: boolean): number {
    const row = this.add(from.dir(fromRow), from.names[fromRow]!, from.nums, racy, fromRow * STRIDE);
    const slug = from.slug(fromRow);
    if (slug !== undefined) this.setEntry(row, slug, from.segment(fromRow)!, from.index(fromRow));
    this.setDiagnostics(row, from.diagnostics(fromRow));
    return row;
  }

  setEntry(row: number, slug: string, segment: string, index: number): void {
    this.slugs[row] = slug;
    this.nums[row * STRIDE + SEGMENT] = this.segmentNumber(segment);
    this.nums[row * STRIDE + INDEX] = index;
  }

  setDiagnostics(row: number, diagnostics: Diagnostic[]): void {
    if (diagnostics.length > 0) this.diagnostics[row] = diagnostics;
  }

  table(): FileTable {
    // Only the segments some row still uses (compaction moves every row off the old ones).
    const used = new Set<number>();
    for (let row = 0; row < this.names.length; row++) used.add(this.nums[row * STRIDE + SEGMENT]!);
    const kept: string[] = [];
    const renumber = new Map<number, number>();
    this.segments.forEach((name, i) => {
      if (used.has(i)) renumber.set(i, kept.push(name) - 1);
    });
    const nums = this.nums.slice(0, this.names.length * STRIDE);
    for (let row = 0; row < this.names.length; row++) {
      const at = row * STRIDE + SEGMENT;
      if (nums[at]! >= 0) nums[at] = renumber.get(nums[at]!)!;
    }
    return new FileTable(this.dirs, kept, this.names, this.slugs, nums, this.diagnostics);
  }
}
