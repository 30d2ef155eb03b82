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
import { join } from 'node:path';
import type { Entry } from '../corpus/entry.ts';
import { listTermNames, readTermFile } from '../corpus/read.ts';
import { type EntryParts, entryParts, type PartKind } from '../search/parts.ts';
import { type FileRecord, type Signature, type Snapshot, type SnapshotContent, SnapshotError, type StoredBrief } from './snapshot.ts';

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

type Brief = EntryParts['brief'] & { file: string };

/** A compiled directory, read from a snapshot section by section, or held in memory. */
export class CompiledDirectory {
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

  briefs(): Brief[] {
    return this.content?.parts.map((p) => p.brief) ?? this.snapshot!.section<StoredBrief>('brief');
  }

  parts<K extends Exclude<PartKind, 'brief'>>(kind: K): Array<EntryParts[K]> {
    return this.content?.parts.map((p) => p[kind]) ?? this.snapshot!.parts(kind);
  }

  entryText(index: number): Buffer {
    if (this.content) return this.content.entryTexts[index]!;
    return this.snapshot!.entryText(this.snapshot!.section<StoredBrief>('brief')[index]!);
  }

  entry(index: number): Entry {
    let fields: Omit<Entry, 'source'>;
    try {
      fields = JSON.parse(this.entryText(index).toString('utf8'));
    } catch {
      throw new SnapshotError('bad entry');
    }
    return { ...fields, source: { path: join(this.dir, this.briefs()[index]!.file), builtin: this.builtin } };
  }

  /** Every file as recorded: none added, removed or changed (stats them all). */
  current(): boolean {
    if (!matches(this.dirSignature, statOrUndefined(this.dir))) return false;
    return this.files().every((file) => matches(file.signature, statOrUndefined(join(this.dir, file.name))));
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
  const recordedAt = now();
  // Stat the directory before listing it: a file added meanwhile makes the next look compile again.
  const dirStat = statOrUndefined(dir);
  const names = listTermNames(dir);
  const before = new Map<string, { file: FileRecord; index: number }>();
  if (previous) for (const file of previous.files()) before.set(file.name, { file, index: file.entry });
  const oldParts = previous && {
    briefs: previous.briefs(),
    keys: previous.parts('keys'),
    generated: previous.parts('generated'),
    forms: previous.parts('forms'),
    explain: previous.parts('explain'),
    search: previous.parts('search'),
  };
  const content: SnapshotContent = { buildId, dir, dirSignature: dirStat ? signatureOf(dirStat, recordedAt) : null, files: [], entryTexts: [], parts: [] };
  for (const name of names) {
    const path = join(dir, name);
    const stat = statOrUndefined(path);
    const signature = stat ? signatureOf(stat, recordedAt) : null;
    const old = before.get(name);
    if (old && oldParts && matches(old.file.signature, stat)) {
      const i = old.index;
      content.files.push({ ...old.file, entry: i < 0 ? -1 : content.parts.length });
      if (i >= 0) {
        content.entryTexts.push(previous!.entryText(i));
        const { at: _at, ...brief } = oldParts.briefs[i] as StoredBrief;
        content.parts.push({ brief, keys: oldParts.keys[i]!, generated: oldParts.generated[i]!, forms: oldParts.forms[i]!, explain: oldParts.explain[i]!, search: oldParts.search[i]! });
      }
      continue;
    }
    const result = readTermFile(path, { dir });
    content.files.push({ name, signature, diagnostics: result.diagnostics, entry: result.entry ? content.parts.length : -1 });
    if (result.entry) {
      const { source: _source, ...fields } = result.entry;
      content.entryTexts.push(Buffer.from(JSON.stringify(fields)));
      const parts = entryParts(result.entry);
      content.parts.push({ ...parts, brief: { ...parts.brief, file: name } });
    }
  }
  return content;
}
