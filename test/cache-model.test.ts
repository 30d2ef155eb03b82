/**
 * The cache against a model: random sequences of changes to two term directories (files
 * added, edited in place, deleted, renamed, broken, the same term in both directories and in
 * the built-in glossary), and after each one a glossary opened on the snapshots (as a new
 * process would open it) must answer as one compiled afresh in memory, with no cache. This
 * exercises what the end-to-end cache tests reach only a few times: reusing unchanged files'
 * parts, deltas over a base, racy timestamps, precedence between directories, and the
 * indexes explain and search read.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../src/random.ts';
import { ExplainIndex } from '../src/search/explain.ts';
import { SearchIndex } from '../src/search/fulltext.ts';
import { FormIndex, fuzzyFormsOf, lookup } from '../src/search/lookup.ts';
import { openStore, tempDir } from './helpers.ts';

const TERMS = ['deck review', 'standup theatre', 'rizz', 'no cap', 'coffee badging', 'desk vibe', 'lunch sprint'];
const NAMES = ['a.yaml', 'b.yaml', 'c.yaml', 'd.yaml', 'e.yaml', 'f.yaml'];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the cache answers as the files do, through random changes', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i', async (seed) => {
    const rand = seededRandom(seed); // a failure names its seed
    const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)]!;
    const root = tempDir({});
    const dirs = [join(root, 'mine'), join(root, 'team')];
    for (const dir of dirs) mkdirSync(dir);
    const cacheRoot = join(root, 'cache');
    let version = 0;
    const termFile = (term: string) => `term: ${term}\ncategory: team\nworkplace: safe\ndefinition: Version ${++version} of ${term}.\n`;
    const log: string[] = [];

    for (let step = 0; step < 40; step++) {
      const dir = pick(dirs);
      const present = readdirSync(dir);
      const op = present.length === 0 ? 'add' : pick(['add', 'add', 'edit', 'edit', 'delete', 'rename', 'break']);
      // An edit in place changes no directory: only the full check (before a miss, or for the
      // commands that read every entry) sees it. Other changes show at once.
      let inPlace = false;
      if (op === 'add') writeFileSync(join(dir, pick(NAMES)), termFile(pick(TERMS)));
      else if (op === 'edit') {
        writeFileSync(join(dir, pick(present)), termFile(pick(TERMS)));
        inPlace = true;
      } else if (op === 'delete') rmSync(join(dir, pick(present)));
      else if (op === 'rename') renameSync(join(dir, pick(present)), join(dir, pick(NAMES)));
      else {
        writeFileSync(join(dir, pick(present)), 'term: [unclosed\n');
        inPlace = true;
      }
      log.push(`${step}: ${op} in ${dir.endsWith('mine') ? 'mine' : 'team'}`);

      // Half the time the files look old enough to trust (no "racy" timestamps), so files'
      // parts are reused; the other half everything young is parsed again.
      const offset = rand() < 0.5 ? 10_000 : 0;
      const now = Date.now();
      vi.spyOn(Date, 'now').mockReturnValue(now + offset);

      const truth = openStore(dirs);
      const fresh = truth.glossary();
      const cached = openStore(dirs, { cacheRoot });
      if (inPlace) expect(cached.exact('zz no such term zz'), log.join('\n')).toBeUndefined();
      for (const term of TERMS) {
        const want = truth.exact(term);
        const got = cached.exact(term);
        expect({ slug: got?.entry.slug, definition: got?.entry.definition }, `${log.join('\n')}\nterm ${term}`).toEqual({
          slug: want?.entry.slug,
          definition: want?.entry.definition,
        });
      }
      // A typo of a term: the same entry, or the same suggestions.
      const typo = 'dekc review';
      const [want, got] = [await lookup(truth, typo), await lookup(cached, typo)];
      expect(got.match?.entry.slug ?? got.suggestions.map((s) => s.slug), `${log.join('\n')}\ntypo`).toEqual(want.match?.entry.slug ?? want.suggestions.map((s) => s.slug));
      // typo matching, explain and search read indexes stored with the base, and a delta's
      // entries beside it. FormIndex, which scores every winning form, is typo matching's reference.
      const winners = [...fresh.bySlug.values()];
      const reference = new FormIndex(winners.flatMap((e) => fuzzyFormsOf(e).map(([form, key]) => ({ slug: e.slug, form, key }))));
      for (const query of ['dekc review', 'standup theater', 'no capp', 'lunch sprnt']) {
        expect(cached.fuzzyForms(query), `${log.join('\n')}\nnearest ${query}`).toEqual(reference.nearest(query));
      }
      const message = `${TERMS.join(', ')}. Also a deck reveiw, and no cap the standup theatre was lunch sprint vibes; the standup theatrre, coffee badgging`;
      const hits = (store: typeof truth) => new ExplainIndex(store.explainSource()).explain(message).map((h) => `${h.slug}@${h.start}-${h.end} ${h.certainty}`);
      expect(hits(cached), `${log.join('\n')}\nexplain`).toEqual(hits(truth));
      const found = (store: typeof truth) => new SearchIndex(store.searchSource()).search('deck review version', 10).map((h) => h.slug);
      expect(found(cached), `${log.join('\n')}\nsearch`).toEqual(found(truth));
      const all = cached.glossary();
      expect(all.entries.map((e) => `${e.slug}: ${e.definition}`), log.join('\n')).toEqual(fresh.entries.map((e) => `${e.slug}: ${e.definition}`));
      expect(all.errors.length, log.join('\n')).toBe(fresh.errors.length);
      vi.restoreAllMocks();
    }
  }, 120_000);
});

describe('a directory recorded racily', () => {
  it('is compiled again next time: a file added to it is seen, even where no miss would show it', () => {
    const root = tempDir({});
    const dir = join(root, 'team');
    mkdirSync(dir);
    const cacheRoot = join(root, 'cache');
    const file = (definition: string) => `term: deck review\ncategory: team\nworkplace: safe\ndefinition: ${definition}\n`;
    writeFileSync(join(dir, 'b.yaml'), file('From b.'));
    // b.yaml is old enough to trust; the directory changed a moment before the compile, so
    // its signature is recorded as racy (null).
    const bTime = statSync(join(dir, 'b.yaml'));
    vi.spyOn(Date, 'now').mockReturnValue(Math.max(bTime.mtimeMs, bTime.ctimeMs) + 1_000);
    writeFileSync(join(dir, 'notes.txt'), '');
    utimesSync(dir, (bTime.mtimeMs + 950) / 1000, (bTime.mtimeMs + 950) / 1000);
    expect(openStore([dir], { cacheRoot }).exact('deck review')?.entry.definition).toBe('From b.');
    // a.yaml, the same term under an earlier name, wins: the entry of b.yaml is still current,
    // so only listing the directory again shows it.
    writeFileSync(join(dir, 'a.yaml'), file('From a.'));
    expect(openStore([dir], { cacheRoot }).exact('deck review')?.entry.definition).toBe('From a.');
  });
});
