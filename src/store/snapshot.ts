/**
 * The snapshot file: everything genz knows about one glossary directory, in one file.
 *
 *   GENZ-SNAPSHOT 1\n
 *   {"buildId":…,"dir":…,"dirSignature":…,"sections":{"files":[offset,length],…}}\n
 *   <files JSON><brief JSON><keys JSON><forms JSON><explain JSON><search JSON><entries>
 *
 * Each section is a JSON array with one item per entry (files: one per term file), so a
 * command parses only the sections it needs: `define` reads brief and keys, then one
 * entry; `search` reads brief and search. `entries` is the entries' JSON texts back to
 * back; brief[i].at gives entry i's [offset, length] in it.
 *
 * A snapshot is written to a new temporary file and renamed over the old one, so a reader
 * sees the old file or the new one, whole. Reading never trusts the file: a wrong magic
 * line, an offset past the end or bad JSON is a SnapshotError, and the caller rebuilds.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Diagnostic } from '../corpus/parse.ts';
import type { EntryParts, PartKind } from '../search/parts.ts';

const MAGIC = 'GENZ-SNAPSHOT 1\n';
const HEADER_MAX = 64 * 1024;

/** dev, ino, size, mtimeMs, ctimeMs; null where it was racy when recorded (see freshness.ts). */
export type Signature = [number, number, number, number, number] | null;

export interface FileRecord {
  name: string;
  signature: Signature;
  diagnostics: Diagnostic[];
  /** Index of its entry, or -1 when the file gave none. */
  entry: number;
}

export type StoredBrief = EntryParts['brief'] & { file: string; at: [number, number] };

export interface SnapshotHeader {
  buildId: string;
  dir: string;
  dirSignature: Signature;
  sections: Record<string, [number, number]>;
}

/** What a snapshot holds, in memory: the directory as compiled. */
export interface SnapshotContent {
  buildId: string;
  dir: string;
  dirSignature: Signature;
  files: FileRecord[];
  /** One JSON text per entry (the entry without its `source`). */
  entryTexts: Buffer[];
  parts: Array<Omit<EntryParts, 'brief'> & { brief: EntryParts['brief'] & { file: string } }>;
}

export class SnapshotError extends Error {}

export const SECTIONS = ['files', 'brief', 'keys', 'generated', 'forms', 'explain', 'search'] as const;

export function snapshotBytes(content: SnapshotContent): Buffer {
  let offset = 0;
  const briefs: StoredBrief[] = content.parts.map((p, i) => {
    const at: [number, number] = [offset, content.entryTexts[i]!.length];
    offset += at[1];
    return { ...p.brief, at };
  });
  const bodies: Record<string, Buffer> = {
    files: Buffer.from(JSON.stringify(content.files)),
    brief: Buffer.from(JSON.stringify(briefs)),
  };
  for (const kind of ['keys', 'generated', 'forms', 'explain', 'search'] as const) bodies[kind] = Buffer.from(JSON.stringify(content.parts.map((p) => p[kind])));
  bodies['entries'] = Buffer.concat(content.entryTexts);
  const sections: Record<string, [number, number]> = {};
  let at = 0;
  for (const [name, body] of Object.entries(bodies)) {
    sections[name] = [at, body.length];
    at += body.length;
  }
  const header: SnapshotHeader = { buildId: content.buildId, dir: content.dir, dirSignature: content.dirSignature, sections };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(header)}\n`), ...Object.values(bodies)]);
}

/** An open snapshot file; sections are read when first asked for. */
export class Snapshot {
  readonly header: SnapshotHeader;
  private readonly fd: number;
  private readonly size: number;
  private readonly bodyStart: number;
  private readonly parsed = new Map<string, unknown>();

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
      this.header = JSON.parse(head.slice(MAGIC.length, end)) as SnapshotHeader;
      this.bodyStart = Buffer.byteLength(head.slice(0, end + 1));
      const sections = Object.values(this.header.sections ?? {});
      const bodySize = sections.reduce((sum, range) => sum + (Array.isArray(range) ? Number(range[1]) : Number.NaN), 0);
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
    if (position < 0 || length < 0 || position + length > this.size) throw new SnapshotError('truncated');
    const buffer = Buffer.allocUnsafe(length);
    let done = 0;
    while (done < length) {
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

  section<T>(name: (typeof SECTIONS)[number]): T[] {
    let value = this.parsed.get(name);
    if (value === undefined) {
      const [offset, length] = this.range(name);
      try {
        value = JSON.parse(this.read(this.bodyStart + offset, length).toString('utf8'));
      } catch (error) {
        throw error instanceof SnapshotError ? error : new SnapshotError(`bad ${name} section`);
      }
      if (!Array.isArray(value)) throw new SnapshotError(`bad ${name} section`);
      this.parsed.set(name, value);
    }
    return value as T[];
  }

  parts<K extends Exclude<PartKind, 'brief'>>(kind: K): Array<EntryParts[K]> {
    return this.section<EntryParts[K]>(kind);
  }

  /** Entry i's JSON text. */
  entryText(brief: StoredBrief): Buffer {
    const [offset, length] = this.range('entries');
    const [at, size] = brief.at;
    if (at + size > length) throw new SnapshotError('entry out of range');
    return this.read(this.bodyStart + offset + at, size);
  }
}
