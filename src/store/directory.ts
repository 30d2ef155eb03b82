/**
 * Compiling one glossary directory into a snapshot (snapshot.ts), a whole base or a delta
 * over the previous one (source.ts), parsing only the files whose signature (signature.ts)
 * changed.
 */
import { sep } from 'node:path';
import type { Entry } from '../corpus/entry.ts';
import { listTermNames, readTermFile } from '../corpus/read.ts';
import type { ExplainParts } from '../search/explain.ts';
import type { KeyParts } from '../search/keys.ts';
import { trigramCodes } from '../search/lookup.ts';
import { entryParts } from '../search/parts.ts';
import type { Steps } from '../text/steps.ts';
import { explainSections } from './explain-store.ts';
import { postingsOf } from './index-store.ts';
import { matches, signatureOf, statOrUndefined } from './signature.ts';
import { type FileRecord, keyedSections, type LineSection, type ProblemRecord, SnapshotWriter, snapshotId } from './snapshot.ts';
import type { Source } from './source.ts';

/** One term file's lines of every line section. */
function linesOf(record: FileRecord, entry: Entry | undefined): Record<LineSection, string> {
  const json = JSON.stringify;
  if (!entry) return { files: json(record), slugs: 'null', keys: 'null', index: 'null', generated: 'null', forms: 'null', explain: 'null', search: 'null', lengths: 'null', entries: 'null' };
  const { source: _source, ...fields } = entry;
  const parts = entryParts(entry);
  return {
    files: json(record),
    slugs: json(entry.slug),
    keys: json(parts.keys),
    index: json({ ...parts.brief, file: record.name, signature: record.signature }),
    generated: json({ slug: entry.slug, keys: parts.generated }),
    forms: json(parts.forms),
    explain: json(parts.explain),
    search: json(parts.search.counts),
    lengths: json(parts.search.lengths),
    entries: json(fields),
  };
}

/** A delta may hold up to this share of the base's files; past it, a whole new base is written. */
const DELTA_SHARE = 0.1;
const DELTA_MIN = 64;

/** What a compile writes: a whole snapshot, or a delta over the previous base. */
export interface Compiled {
  bytes: Buffer;
  delta: boolean;
}

/**
 * Compiles `dir`, parsing only the files whose signature differs from `previous`'s; the
 * lines of the others are copied as bytes. Writes a delta over the previous base while the
 * changes are few (source.ts), else a whole snapshot. Throws a UsageError when the
 * directory cannot be listed. One step per file parsed. The built-in glossary is recorded
 * with no directory (`recordedDir` ''): where the package is installed is known at run time.
 */
export function* compileSteps(dir: string, previous: Source | undefined, buildId: string, now: () => number, recordedDir = dir): Steps<Compiled> {
  const recordedAt = now();
  // Stat the directory before listing it: a file added meanwhile makes the next look compile again.
  const dirStat = statOrUndefined(dir);
  const names = listTermNames(dir);
  const before = new Map<string, { record: FileRecord; n: number }>();
  for (const [n, record] of previous?.recordedFiles().entries() ?? []) if (record) before.set(record.name, { record, n });
  const baseCount = previous?.base.header.count ?? 0;
  // In file-name order: a line of the previous snapshots (kept: its number) or a new file's lines.
  const pieces: Array<number | Record<LineSection, string>> = [];
  const problems: ProblemRecord[] = [];
  const problemOf = new Map(previous?.problems().map((problem) => [problem.name, problem]));
  for (const name of names) {
    const path = dir + sep + name;
    const stat = statOrUndefined(path);
    const old = before.get(name);
    if (old && matches(old.record.signature, stat)) {
      const problem = problemOf.get(name);
      if (problem) problems.push(problem);
      pieces.push(old.n);
      continue;
    }
    const result = readTermFile(path, { dir });
    const record = { name, signature: stat ? signatureOf(stat, recordedAt) : null };
    if (result.diagnostics.length > 0) problems.push({ ...record, diagnostics: result.diagnostics });
    pieces.push(linesOf(record, result.entry));
    yield;
  }
  const changed = pieces.filter((piece) => typeof piece !== 'number' || piece >= baseCount);
  const delta = previous !== undefined && changed.length <= Math.max(DELTA_MIN, DELTA_SHARE * baseCount);
  const writer = new SnapshotWriter();
  let run: [number, number] | undefined; // lines [first, end) of one previous snapshot, to copy
  const flush = () => {
    if (run) {
      const [snapshot, first] = run[0] < baseCount ? [previous!.base, run[0]] : [previous!.delta!, run[0] - baseCount];
      writer.copy(snapshot, first, first + run[1] - run[0]);
    }
    run = undefined;
  };
  for (const piece of delta ? changed : pieces) {
    if (typeof piece !== 'number') {
      flush();
      writer.add(piece);
    } else if (run?.[1] === piece && piece !== baseCount) run[1]++;
    else {
      flush();
      run = [piece, piece + 1];
    }
  }
  flush();
  const header = { buildId, dir: recordedDir, dirSignature: dirStat && recordedDir ? signatureOf(dirStat, recordedAt) : null, id: snapshotId() };
  if (!delta) {
    // Typo matching's index: form ids number every form of every line in order; `formIndex`
    // holds where each line's ids begin and each form's trigram count, `trigrams` the ids of
    // the forms each trigram occurs in (once per occurrence).
    const forms = writer.lines<Array<[string, string]> | null>('forms');
    const starts = [0];
    for (const line of forms) starts.push(starts.at(-1)! + (line?.length ?? 0));
    const codes = forms.flatMap((line) => (line ?? []).map(([, key]) => trigramCodes(key)));
    const trigrams = new Map<string, number[]>();
    for (const [id, list] of codes.entries()) {
      for (const c of list) {
        const key = String(c);
        if (!trigrams.has(key)) trigrams.set(key, []);
        trigrams.get(key)!.push(id);
      }
    }
    const formIndex = [starts, codes.map((list) => list.length)];
    const postings = postingsOf(writer.lines<Array<string | number> | null>('search'));
    // The full check's table: every file's name, then the five numbers of every signature
    // (-1s where it was racy) as raw doubles, so 10,000 files read as two arrays, not 10,000 objects.
    const files = writer.lines<FileRecord>('files');
    const stats = [files.map((f) => f.name)];
    const statSignatures = Float64Array.from(files.flatMap((f) => f.signature ?? [-1, -1, -1, -1, -1]));
    // define's lookups: the lines whose terms or aliases (`keys`), or generated forms, hold each key.
    const keysLines = new Map<string, number[]>();
    const generatedLines = new Map<string, number[]>();
    const list = (index: Map<string, number[]>, key: string, n: number) => {
      const lines = index.get(key);
      if (!lines) index.set(key, [n]);
      else if (lines.at(-1) !== n) lines.push(n);
    };
    for (const [n, parts] of writer.lines<KeyParts | null>('keys').entries()) {
      for (const key of [...(parts?.terms ?? []), ...(parts?.aliases ?? []).map(([alias]) => alias)]) list(keysLines, key, n);
    }
    for (const [n, generated] of writer.lines<{ keys: string[] } | null>('generated').entries()) for (const key of generated?.keys ?? []) list(generatedLines, key, n);
    const lookups = { ...keyedSections('keysLines', keysLines), ...keyedSections('generatedLines', generatedLines) };
    const indexes = { ...lookups, stats, statSignatures, formIndex, ...keyedSections('trigrams', trigrams), ...keyedSections('postings', postings), ...explainSections(writer.lines<ExplainParts | null>('explain')) };
    return { bytes: writer.bytes(header, { problems, ...indexes }), delta };
  }
  const kept = new Set(pieces.filter((piece) => typeof piece === 'number' && piece < baseCount));
  const hidden = [...Array(baseCount).keys()].filter((n) => !kept.has(n));
  const deltaProblems = problems.filter((file) => !kept.has(before.get(file.name)?.n ?? -1));
  return { bytes: writer.bytes({ ...header, base: previous.base.header.id, hidden }, { problems: deltaProblems }), delta };
}
