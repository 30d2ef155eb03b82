/**
 * One glossary directory, compiled into a snapshot (snapshot.ts), and the freshness rules the
 * cache's correctness rests on:
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
import { type FileRecord, type LineSection, type Signature, Snapshot, SnapshotError, SnapshotWriter } from './snapshot.ts';

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

/** What the index section says of an entry: enough for define, related names and result rows. */
export type IndexRow = EntryParts['brief'] & EntryParts['keys'] & { file: string; signature: Signature };

/** A compiled directory: its snapshot, and whether it was compiled by this process. */
export class Source {
  constructor(
    readonly dir: string,
    readonly snapshot: Snapshot,
    readonly builtin = false,
    /** Compiled from its files by this process: current for the rest of it. */
    readonly fresh = false,
  ) {}

  row(n: number): IndexRow {
    const row = this.snapshot.line<IndexRow | null>('index', n);
    if (!row) throw new SnapshotError('no entry');
    return row;
  }

  entry(n: number): Entry {
    const fields = this.snapshot.line<Omit<Entry, 'source'> | null>('entries', n);
    if (!fields) throw new SnapshotError('no entry');
    return { ...fields, source: { path: join(this.dir, this.row(n).file), builtin: this.builtin } };
  }

  /** Every file as recorded: none added, removed or changed (stats them all), as steps. */
  *currentSteps(): Steps<boolean> {
    if (this.builtin || this.fresh) return true;
    if (!matches(this.snapshot.header.dirSignature, statOrUndefined(this.dir))) return false;
    const prefix = this.dir + sep; // join() normalises each path: ~10 ms at 10,000 files
    for (const file of this.snapshot.lines<FileRecord>('files')) {
      if (!matches(file.signature, statOrUndefined(prefix + file.name))) return false;
      yield;
    }
    return true;
  }

  current(): boolean {
    return finish(this.currentSteps());
  }
}

/** One term file's lines of every line section. */
function linesOf(record: FileRecord, entry: Entry | undefined): Record<LineSection, string> {
  const json = JSON.stringify;
  if (!entry) return { files: json(record), slugs: 'null', index: 'null', generated: 'null', forms: 'null', explain: 'null', search: 'null', lengths: 'null', entries: 'null' };
  const { source: _source, ...fields } = entry;
  const parts = entryParts(entry);
  return {
    files: json(record),
    slugs: json(entry.slug),
    index: json({ ...parts.brief, ...parts.keys, file: record.name, signature: record.signature }),
    generated: json({ slug: entry.slug, keys: parts.generated }),
    forms: json(parts.forms),
    explain: json(parts.explain),
    search: json(parts.search.counts),
    lengths: json(parts.search.lengths),
    entries: json(fields),
  };
}

/**
 * Compiles `dir` into snapshot bytes, parsing only the files whose signature differs from
 * `previous`'s; the lines of the others are copied. Throws a UsageError when the directory
 * cannot be listed. One step per file parsed. The built-in glossary is recorded with no
 * directory (`recordedDir` ''): where the package is installed is known only at run time.
 */
export function* compileSteps(dir: string, previous: Snapshot | undefined, buildId: string, now: () => number, recordedDir = dir): Steps<Buffer> {
  const recordedAt = now();
  // Stat the directory before listing it: a file added meanwhile makes the next look compile again.
  const dirStat = statOrUndefined(dir);
  const names = listTermNames(dir);
  const before = new Map<string, { record: FileRecord; n: number }>();
  previous?.lines<FileRecord>('files').forEach((record, n) => before.set(record.name, { record, n }));
  const writer = new SnapshotWriter();
  const problems: FileRecord[] = [];
  let run: [number, number] | undefined; // old lines [first, end) to copy
  const flush = () => {
    if (run) writer.copy(previous!, run[0], run[1]);
    run = undefined;
  };
  for (const name of names) {
    const path = dir + sep + name;
    const stat = statOrUndefined(path);
    const old = before.get(name);
    if (old && matches(old.record.signature, stat)) {
      if (old.record.diagnostics.length > 0) problems.push(old.record);
      if (run?.[1] === old.n) run[1]++;
      else {
        flush();
        run = [old.n, old.n + 1];
      }
      continue;
    }
    flush();
    const result = readTermFile(path, { dir });
    const record = { name, signature: stat ? signatureOf(stat, recordedAt) : null, diagnostics: result.diagnostics };
    if (record.diagnostics.length > 0) problems.push(record);
    writer.add(linesOf(record, result.entry));
    yield;
  }
  flush();
  return writer.bytes({ buildId, dir: recordedDir, dirSignature: dirStat && recordedDir ? signatureOf(dirStat, recordedAt) : null }, { problems });
}
