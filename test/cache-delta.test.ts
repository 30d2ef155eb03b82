/**
 * Deltas and the indexes stored with a base, in the cases a review of the store found wrong
 * (each test failed on the code before its fix): a save by rename in a directory recorded
 * racily, a delta's header damaged or copied over its base's name, problems listed in file
 * order, and damage met halfway through explain. Each compares the cached store with one
 * compiled afresh.
 */
import { closeSync, copyFileSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExplainIndex } from '../src/search/explain.ts';
import { SearchIndex } from '../src/search/fulltext.ts';
import { openStore, tempDir } from './helpers.ts';

afterEach(() => vi.restoreAllMocks());

const file = (term: string, extra = '') => `term: ${term}\n${extra}category: team\nworkplace: safe\ndefinition: The ${term} entry.\n`;

/** A term directory and a cache beside it, under one temporary root. */
function setup(files: Record<string, string>) {
  const root = tempDir({});
  const dir = join(root, 'team');
  mkdirSync(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const cacheRoot = join(root, 'cache');
  const snapshots = () => readdirSync(join(cacheRoot, 'snapshots')).map((name) => join(cacheRoot, 'snapshots', name));
  return { dir, cacheRoot, snapshots };
}

/** Files old enough to trust; the directory changed a moment before now (racy). */
function racyDirectory(dir: string, file: string): void {
  const t = statSync(join(dir, file));
  vi.spyOn(Date, 'now').mockReturnValue(Math.max(t.mtimeMs, t.ctimeMs) + 1_000);
  utimesSync(dir, (t.mtimeMs + 950) / 1000, (t.mtimeMs + 950) / 1000);
}

/** A snapshot's header, and where its section bodies start. */
function header(path: string): { bytes: Buffer; head: Record<string, unknown> & { sections: Record<string, [number, number]> }; start: number; line: [number, number] } {
  const bytes = readFileSync(path);
  const first = bytes.indexOf(10);
  const second = bytes.indexOf(10, first + 1);
  return { bytes, head: JSON.parse(bytes.subarray(first + 1, second).toString()), start: second + 1, line: [first + 1, second] };
}

describe('a directory recorded racily', () => {
  it('is compiled again: a save by rename of another file that now claims the word is seen by define', () => {
    const { dir, cacheRoot } = setup({ 'b.yaml': file('beta', 'aliases: [zorblax]\n'), 'c.yaml': file('gamma') });
    racyDirectory(dir, 'c.yaml');
    expect(openStore([dir], { cacheRoot, builtin: false }).exact('zorblax')?.entry.slug).toBe('b');
    vi.restoreAllMocks();
    writeFileSync(join(dir, 'c.yaml.new'), file('zorblax'));
    renameSync(join(dir, 'c.yaml.new'), join(dir, 'c.yaml'));
    const fresh = openStore([dir], { builtin: false }).exact('zorblax');
    expect(fresh?.entry.slug).toBe('c');
    expect(openStore([dir], { cacheRoot, builtin: false }).exact('zorblax')?.entry.slug).toBe('c');
  });
});

describe('a damaged or misplaced delta', () => {
  /** A cache with a base and a delta (b.yaml added after the base was written). */
  function withDelta() {
    const made = setup({ 'a.yaml': file('alpha'), 'c.yaml': file('gamma') });
    // Nothing racy: every file and the directory are recorded with their signatures.
    const later = Date.now() + 10_000;
    vi.spyOn(Date, 'now').mockReturnValue(later);
    openStore([made.dir], { cacheRoot: made.cacheRoot, builtin: false }).exact('alpha');
    writeFileSync(join(made.dir, 'b.yaml'), file('beta'));
    openStore([made.dir], { cacheRoot: made.cacheRoot, builtin: false }).exact('beta');
    const delta = made.snapshots().find((path) => path.endsWith('.delta.snap'))!;
    const base = made.snapshots().find((path) => !path.endsWith('.delta.snap'))!;
    return { ...made, delta, base };
  }

  it('a header of the wrong shape is compiled afresh, not a crash', () => {
    const { dir, cacheRoot, delta } = withDelta();
    const { bytes, head, line } = header(delta);
    const bad = JSON.stringify({ ...head, hidden: 5 });
    // Same length, so the sections still add up: only the header is wrong.
    writeFileSync(delta, Buffer.concat([bytes.subarray(0, line[0]), Buffer.from(bad.padEnd(line[1] - line[0])), bytes.subarray(line[1])]));
    const store = openStore([dir], { cacheRoot, builtin: false });
    expect(['alpha', 'beta', 'gamma'].map((term) => store.exact(term)?.entry.slug)).toEqual(['a', 'b', 'c']);
  });

  it('a delta copied over its base is not read as the whole directory', () => {
    const { dir, cacheRoot, delta, base } = withDelta();
    copyFileSync(delta, base);
    const store = openStore([dir], { cacheRoot, builtin: false });
    expect(store.exact('alpha')?.type).toBe('exact');
    expect(store.exact('gamma')?.entry.slug).toBe('c');
  });
});

it('problems are listed in file-name order with a delta, as with no cache', () => {
  const { dir, cacheRoot } = setup({ 'a.yaml': 'term: [broken\n', 'c.yaml': 'term: [broken\n' });
  vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 10_000); // nothing racy
  expect(openStore([dir], { cacheRoot, builtin: false }).diagnostics.length).toBe(2);
  writeFileSync(join(dir, 'b.yaml'), 'term: [broken\n');
  const files = (store: ReturnType<typeof openStore>) => store.diagnostics.map((d) => d.file);
  expect(files(openStore([dir], { cacheRoot, builtin: false }))).toEqual(files(openStore([dir], { builtin: false })));
});

/** A snapshot of one file, with the first byte of one line of a keyed section overwritten. */
function damagedKeyedLine(section: string, key: string) {
  const made = setup({ 'zorblax.yaml': file('zorblax') });
  vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 10_000); // nothing racy
  openStore([made.dir], { cacheRoot: made.cacheRoot }).exact('zorblax');
  const [path] = made.snapshots();
  const { head, start } = header(path!);
  const body = (name: string) => {
    const [at, length] = head.sections[name]!;
    return readFileSync(path!).subarray(start + at, start + at + length).toString();
  };
  const keys = body(`${section}Keys`).trimEnd().split('\n').map((line) => JSON.parse(line) as string);
  const starts = JSON.parse(body(`${section}@`)) as number[];
  const fd = openSync(path!, 'r+');
  writeSync(fd, Buffer.from('#'), 0, 1, start + head.sections[section]![0] + starts[keys.indexOf(key)]!);
  closeSync(fd);
  return made;
}

it('damage met halfway through explain: the same hits and certainty as with no cache', () => {
  const { dir, cacheRoot } = damagedKeyedLine('leads', 'zorblax');
  const message = 'I will ghost them tomorrow. Also zorblax.';
  const hits = (store: ReturnType<typeof openStore>) => new ExplainIndex(store.explainSource()).explain(message).map((h) => `${h.slug} ${h.text} ${h.certainty}`);
  expect(hits(openStore([dir], { cacheRoot }))).toEqual(hits(openStore([dir])));
});

it('damage met in a word\'s postings: search answers as with no cache, no crash', () => {
  const { dir, cacheRoot } = damagedKeyedLine('postings', 'zorblax');
  const found = (store: ReturnType<typeof openStore>) => new SearchIndex(store.searchSource()).search('zorblax entry', 5).map((h) => h.slug);
  expect(found(openStore([dir], { cacheRoot }))).toEqual(found(openStore([dir])));
});

it('a whole base written over a delta that was replaced by a link removes neither the link\'s target nor anything but its own file', () => {
  const { dir, cacheRoot, snapshots } = setup({ 'a.yaml': file('alpha'), 'c.yaml': file('gamma') });
  vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 10_000); // nothing racy
  openStore([dir], { cacheRoot, builtin: false }).exact('alpha');
  writeFileSync(join(dir, 'b.yaml'), file('beta'));
  openStore([dir], { cacheRoot, builtin: false }).exact('beta');
  const delta = snapshots().find((path) => path.endsWith('.delta.snap'))!;
  const base = snapshots().find((path) => !path.endsWith('.delta.snap'))!;
  const precious = join(dir, '..', 'precious.txt');
  writeFileSync(precious, 'keep me');
  rmSync(delta);
  symlinkSync(precious, delta);
  rmSync(base); // the next run compiles a whole base, which makes any delta useless
  expect(openStore([dir], { cacheRoot, builtin: false }).exact('beta')?.entry.slug).toBe('b');
  expect(readFileSync(precious, 'utf8')).toBe('keep me');
  expect(lstatSync(delta).isSymbolicLink()).toBe(true);
});

it('a full check of an unchanged directory finds it current: nothing is compiled or written again', () => {
  const { dir, cacheRoot, snapshots } = setup({ 'a.yaml': file('deck review'), 'b.yaml': file('desk vibe') });
  vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 10_000); // nothing racy
  expect(openStore([dir], { cacheRoot }).exact('deck review')?.entry.slug).toBe('a');
  const written = () => snapshots().map((path) => `${path} ${statSync(path).ino}`);
  const before = written();
  const store = openStore([dir], { cacheRoot });
  expect(store.exact('zz no such term zz')).toBeUndefined(); // a miss: every file was checked
  expect(store.exact('desk vibe')?.entry.slug).toBe('b');
  expect(written()).toEqual(before);
});
