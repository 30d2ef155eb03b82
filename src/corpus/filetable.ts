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
export const STRIDE = 9;
export const SIGNATURE = 5;
const FLAGS = 5;
const DIR = 6;
const SEGMENT = 7;
const INDEX = 8;
/** The file existed when it was stat'ed (else the signature is zeros). */
const HAS_SIGNATURE = 1;
/** Its timestamps were too young to trust (see isRacy in cache.ts): check it again. */
const RACY = 2;

export interface FileRow {
  dir: number;
  name: string;
  /** dev, ino, size, mtimeMs, ctimeMs; null when it could not be stat'ed. */
  signature: ArrayLike<number> | null;
  racy: boolean;
  slug?: string;
  segment?: string;
  index?: number;
  diagnostics: Diagnostic[];
}

export class FileTable {
  private constructor(
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
    const dirs = this.dirs.map((dir) => (dir.endsWith('/') ? dir : `${dir}/`));
    const n = this.nums;
    let changed = false;
    for (let row = 0, at = 0; row < this.names.length; row++, at += SIGNATURE) {
      let stat: Stats | undefined;
      try {
        stat = statSync(dirs[n[row * STRIDE + DIR]!]! + this.names[row], { throwIfNoEntry: false });
      } catch {
        stat = undefined; // unreadable now (permissions, a loop): gone, as far as the cache goes
      }
      if (stat) {
        signatures[at] = stat.dev;
        signatures[at + 1] = stat.ino;
        signatures[at + 2] = stat.size;
        signatures[at + 3] = stat.mtimeMs;
        signatures[at + 4] = stat.ctimeMs;
      } else signatures[at] = Number.NaN;
      if (!changed && !this.current(row, signatures, at)) changed = true;
    }
    return { changed, signatures };
  }

  static encode(dirs: string[], rows: FileRow[]): Buffer {
    const segments: string[] = [];
    const segmentAt = new Map<string, number>();
    const nums = new Float64Array(rows.length * STRIDE);
    const diagnostics: Record<number, Diagnostic[]> = {};
    rows.forEach((row, i) => {
      const at = i * STRIDE;
      if (row.signature) for (let k = 0; k < SIGNATURE; k++) nums[at + k] = row.signature[k]!;
      nums[at + FLAGS] = (row.signature ? HAS_SIGNATURE : 0) | (row.racy ? RACY : 0);
      nums[at + DIR] = row.dir;
      let segment = -1;
      if (row.segment !== undefined) {
        segment = segmentAt.get(row.segment) ?? segments.push(row.segment) - 1;
        segmentAt.set(row.segment, segment);
      }
      nums[at + SEGMENT] = segment;
      nums[at + INDEX] = row.index ?? -1;
      if (row.diagnostics.length > 0) diagnostics[i] = row.diagnostics;
    });
    const head = Buffer.from(JSON.stringify({ dirs, segments, diagnostics }), 'utf8');
    const names = Buffer.from(rows.map((r) => r.name).join('\0'), 'utf8');
    const slugs = Buffer.from(rows.map((r) => r.slug ?? '').join('\0'), 'utf8');
    const start = 20 + head.length + names.length + slugs.length;
    const pad = (8 - (start % 8)) % 8;
    const top = Buffer.alloc(20);
    top.writeUInt32LE(MAGIC, 0);
    top.writeUInt32LE(rows.length, 4);
    top.writeUInt32LE(head.length, 8);
    top.writeUInt32LE(names.length, 12);
    top.writeUInt32LE(slugs.length, 16);
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
