/**
 * Damage to the sections read without parsing them whole (found by a review of the store):
 * the sorted keys that lookups bisect byte by byte, and the full check's signatures stored
 * as raw doubles. Each must end in the answer a fresh compile gives, and a misread table
 * must not have genz rewrite its cache on every run. Each test failed before its fix.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { ExplainIndex } from '../src/search/explain.ts';
import { lookup } from '../src/search/lookup.ts';
import { openStore, tempDir } from './helpers.ts';

afterEach(() => vi.restoreAllMocks());

const file = (term: string, extra = '') => `term: ${term}\n${extra}category: team\nworkplace: safe\ndefinition: The ${term} entry.\n`;

/** A directory compiled into a cache, and ways to read and overwrite its snapshot's sections. */
function compiled() {
  const root = tempDir({});
  const dir = join(root, 'team');
  mkdirSync(dir);
  writeFileSync(join(dir, 'zorblax.yaml'), file('zorblax', 'aliases: [quuxify]\n'));
  writeFileSync(join(dir, 'wibble.yaml'), file('wibble zork'));
  const cacheRoot = join(root, 'cache');
  vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 10_000); // nothing racy
  openStore([dir], { cacheRoot, builtin: false }).exact('zorblax');
  const snapshots = join(cacheRoot, 'snapshots');
  const path = join(snapshots, readdirSync(snapshots)[0]!);
  const bytes = readFileSync(path);
  const headerEnd = bytes.indexOf(10, bytes.indexOf(10) + 1);
  const head = JSON.parse(bytes.subarray(bytes.indexOf(10) + 1, headerEnd).toString()) as { sections: Record<string, [number, number]> };
  const start = headerEnd + 1;
  const body = (name: string) => {
    const [at, length] = head.sections[name]!;
    return bytes.subarray(start + at, start + at + length).toString();
  };
  const poke = (name: string, offset: number, bytesThere: Buffer) => {
    const fd = openSync(path, 'r+');
    writeSync(fd, bytesThere, 0, bytesThere.length, start + head.sections[name]![0] + offset);
    closeSync(fd);
  };
  const written = () => readdirSync(snapshots).map((name) => `${name} ${statSync(join(snapshots, name)).ino}`);
  return { dir, cacheRoot, body, poke, written };
}

const answer = async (store: ReturnType<typeof openStore>, query: string) => {
  const result = await lookup(store, query);
  return result.match ? `${result.match.type} ${result.match.entry.slug}` : `none ${result.suggestions.map((s) => s.slug)}`;
};

it('a damaged key line (its opening quote) answers as a fresh compile, not as a miss', async () => {
  const { dir, cacheRoot, body, poke } = compiled();
  poke('keysLinesKeys', body('keysLinesKeys').indexOf('"zorblax"'), Buffer.from('#'));
  const fresh = await answer(openStore([dir], { builtin: false }), 'zorblax');
  expect(fresh).toBe('exact zorblax');
  expect(await answer(openStore([dir], { cacheRoot, builtin: false }), 'zorblax')).toBe(fresh);
});

it('offsets of the keys shifted by one (still valid JSON) answer as a fresh compile', async () => {
  const { dir, cacheRoot, body, poke } = compiled();
  const offsets = body('keysLinesKeys@');
  const shifted = JSON.stringify((JSON.parse(offsets) as number[]).map((at, i) => (i === 0 ? at : at + 1)));
  expect(shifted.length).toBe(offsets.length);
  poke('keysLinesKeys@', 0, Buffer.from(shifted));
  const fresh = await answer(openStore([dir], { builtin: false }), 'quuxify');
  expect(fresh).toBe('alias zorblax');
  expect(await answer(openStore([dir], { cacheRoot, builtin: false }), 'quuxify')).toBe(fresh);
});

it('a damaged lead key: explain finds what a fresh compile finds', () => {
  const { dir, cacheRoot, body, poke } = compiled();
  poke('leadsKeys', body('leadsKeys').indexOf('"zorblax"'), Buffer.from('#'));
  const hits = (store: ReturnType<typeof openStore>) => new ExplainIndex(store.explainSource()).explain('ok zorblax ok').map((h) => `${h.slug} ${h.certainty}`);
  expect(hits(openStore([dir], { builtin: false }))).toEqual(['zorblax certain']);
  expect(hits(openStore([dir], { cacheRoot, builtin: false }))).toEqual(['zorblax certain']);
});

it('damaged signatures: the files they name are compiled again once, then the cache is left alone', async () => {
  const { dir, cacheRoot, poke, written } = compiled();
  poke('statSignatures', 0, Buffer.alloc(8, 0x41));
  const fresh = await answer(openStore([dir], { builtin: false }), 'zorblaxx');
  expect(await answer(openStore([dir], { cacheRoot, builtin: false }), 'zorblaxx')).toBe(fresh);
  const settled = written();
  for (let run = 0; run < 2; run++) {
    expect(openStore([dir], { cacheRoot, builtin: false }).exact('zz no such term zz')).toBeUndefined(); // a full check
    expect(written()).toEqual(settled);
  }
});
