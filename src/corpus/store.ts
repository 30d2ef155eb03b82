/**
 * Two read-one-thing-without-parsing-everything file formats for compiled glossaries:
 *
 * - a hash file maps string keys to string values. A lookup hashes the key, reads two
 *   offsets and one small bucket (two `pread`s), whatever the number of keys;
 * - a record file holds numbered records (one JSON text each) with a table of byte
 *   offsets, so record i costs two `pread`s too.
 *
 * Both are written whole (to a temporary name, then renamed by the caller's directory
 * swap) and never patched in place.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';

const HASH_MAGIC = 0x31485a47; // "GZH1"
/** Typed arrays use the machine's byte order; the files are little-endian. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const KEYS_PER_BUCKET = 4;

/** FNV-1a over UTF-16 code units: the same on both sides, and good enough for buckets. */
function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Keys and values must not contain a tab or a newline (JSON values never do). */
export function hashFileBytes(map: Map<string, string>): Buffer {
  const buckets = Math.max(1, Math.ceil(map.size / KEYS_PER_BUCKET));
  const bucketLines: string[] = new Array(buckets).fill('');
  for (const [key, value] of map) {
    if (key.includes('\t') || key.includes('\n') || value.includes('\n')) continue;
    bucketLines[hash(key) % buckets] += `${key}\t${value}\n`;
  }
  const head = Buffer.alloc(8 + 4 * (buckets + 1));
  head.writeUInt32LE(HASH_MAGIC, 0);
  head.writeUInt32LE(buckets, 4);
  let offset = 0;
  for (let i = 0; i < buckets; i++) {
    head.writeUInt32LE(offset, 8 + 4 * i);
    offset += Buffer.byteLength(bucketLines[i]!, 'utf8');
  }
  head.writeUInt32LE(offset, 8 + 4 * buckets);
  return Buffer.concat([head, Buffer.from(bucketLines.join(''), 'utf8')]);
}

/** `length` bytes at `position`; throws if the file ends first. */
export function preadExactly(fd: number, length: number, position: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Error('truncated file');
    done += n;
  }
  return buffer;
}

export class HashFile {
  private readonly fd: number;
  /** The bucket offsets (buckets + 1), read once: each lookup is then one read. */
  private readonly offsets: Uint32Array;
  private readonly bodyStart: number;

  constructor(readonly path: string) {
    this.fd = openSync(path, 'r');
    const head = preadExactly(this.fd, 8, 0);
    if (head.readUInt32LE(0) !== HASH_MAGIC) throw new Error(`${path}: not a genz hash file`);
    const buckets = head.readUInt32LE(4);
    const table = preadExactly(this.fd, 4 * (buckets + 1), 8);
    if (LITTLE_ENDIAN && table.byteOffset % 4 === 0) this.offsets = new Uint32Array(table.buffer, table.byteOffset, buckets + 1);
    else {
      this.offsets = new Uint32Array(buckets + 1);
      for (let i = 0; i <= buckets; i++) this.offsets[i] = table.readUInt32LE(4 * i);
    }
    this.bodyStart = 8 + 4 * (buckets + 1);
  }

  get(key: string): string | undefined {
    const bucket = hash(key) % (this.offsets.length - 1);
    const start = this.offsets[bucket]!;
    const end = this.offsets[bucket + 1]!;
    if (end <= start) return undefined;
    const body = preadExactly(this.fd, end - start, this.bodyStart + start).toString('utf8');
    const prefix = `${key}\t`;
    for (const line of body.split('\n')) if (line.startsWith(prefix)) return line.slice(prefix.length);
    return undefined;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Records as one buffer of concatenated texts plus a Uint32 offset table (count + 1). */
export function recordFileBytes(records: Array<string | Buffer>): { data: Buffer; index: Buffer } {
  const index = Buffer.alloc(4 * (records.length + 1));
  let offset = 0;
  records.forEach((r, i) => {
    index.writeUInt32LE(offset, 4 * i);
    offset += typeof r === 'string' ? Buffer.byteLength(r, 'utf8') : r.length;
  });
  index.writeUInt32LE(offset, 4 * records.length);
  const data = records.every((r) => typeof r === 'string')
    ? Buffer.from((records as string[]).join(''), 'utf8')
    : Buffer.concat(records.map((r) => (typeof r === 'string' ? Buffer.from(r, 'utf8') : r)));
  return { data, index };
}

export class RecordFile {
  private fd?: number;
  private indexFd?: number;

  constructor(
    readonly dataPath: string,
    readonly indexPath: string,
  ) {}

  /** Record i's text. */
  get(i: number): string {
    this.indexFd ??= openSync(this.indexPath, 'r');
    const range = preadExactly(this.indexFd, 8, 4 * i);
    this.fd ??= openSync(this.dataPath, 'r');
    const start = range.readUInt32LE(0);
    return preadExactly(this.fd, range.readUInt32LE(4) - start, start).toString('utf8');
  }

  count(): number {
    return statSync(this.indexPath).size / 4 - 1;
  }

  /** Every record as raw bytes, for copying unchanged ones into a new file. */
  all(): Buffer[] {
    const index = readFileSync(this.indexPath);
    const data = readFileSync(this.dataPath);
    const count = index.length / 4 - 1;
    if (!Number.isInteger(count) || count < 0 || index.readUInt32LE(4 * count) !== data.length) throw new Error(`${this.dataPath}: truncated`);
    const out: Buffer[] = [];
    for (let i = 0; i < count; i++) out.push(data.subarray(index.readUInt32LE(4 * i), index.readUInt32LE(4 * i + 4)));
    return out;
  }
}
