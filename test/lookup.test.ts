import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FormIndex, fuzzyFormsOf, lookup } from '../src/search/lookup.ts';
import { normalize } from '../src/text/normalize.ts';
import { editDistance, oneEditApart } from '../src/text/distance.ts';
import { FIXTURES, openStore, tempDir } from './helpers.ts';

const fixtures = openStore([join(FIXTURES, 'terms')], { builtin: false });
const builtin = openStore([]);

describe('lookup in the fixture glossary', () => {
  it.each([
    ['no cap', 'no-cap', 'exact'],
    ['No-Cap', 'no-cap', 'exact'],
    ['nocap', 'no-cap', 'exact'],
    ['capping', 'cap', 'alias'],
    ['no 🧢', 'no-cap', 'alias'],
    ['🧢', 'cap', 'alias'],
    ["it's giving", 'its-giving', 'exact'],
    ['it’s giving', 'its-giving', 'exact'],
    ['its-giving', 'its-giving', 'exact'],
    ['itsgiving', 'its-giving', 'exact'],
    ['quiet quit', 'quiet-quitting', 'alias'],
    ['quietquitting', 'quiet-quitting', 'exact'],
    ['cafe culture', 'cafe-culture', 'exact'],
    ['CAFÉ CULTURE', 'cafe-culture', 'exact'],
    ['quiet quittting', 'quiet-quitting', 'fuzzy'],
    ['quite quitting', 'quiet-quitting', 'fuzzy'],
    ['quiet firng', 'quiet-firing', 'fuzzy'],
  ])('%j → %s (%s)', async (query, slug, type) => {
    const { match } = await lookup(fixtures, query);
    expect(match?.entry.slug).toBe(slug);
    expect(match?.type).toBe(type);
  });

  it.each(['zzzqqq', 'ca', 'c', 'no', 'quiet', 'xyzzy plugh'])('%j prints no entry', async (query) => {
    const { match } = await lookup(fixtures, query);
    expect(match).toBeUndefined();
  });

  it('an ambiguous query suggests candidates instead of guessing', async () => {
    const { match, suggestions } = await lookup(fixtures, 'quiet fitting');
    expect(match).toBeUndefined();
    expect(suggestions.map((s) => s.slug)).toEqual(expect.arrayContaining(['quiet-quitting', 'quiet-firing']));
    expect(suggestions.length).toBeLessThanOrEqual(5);
  });

  it('fuzzy matches carry a similarity score below 1', async () => {
    const { match } = await lookup(fixtures, 'quiet quittting');
    expect(match!.score).toBeGreaterThan(0.5);
    expect(match!.score).toBeLessThan(1);
  });
});

describe('lookup in the built-in glossary', () => {
  it.each(['micro-influencer', 'micro influencer', 'microinfluencer', 'mirco influencer', 'Micro Influencers'])(
    '%j finds micro-influencer',
    async (query) => {
      const { match } = await lookup(builtin, query);
      expect(match?.entry.slug).toBe('micro-influencer');
    },
  );

  it('a typo equally near two tiers does not guess', async () => {
    // "mcro" is one edit from both "micro" and "macro"
    const { match, suggestions } = await lookup(builtin, 'mcro influencer');
    expect(match).toBeUndefined();
    expect(suggestions.slice(0, 2).map((s) => s.slug).sort()).toEqual(['macro-influencer', 'micro-influencer']);
  });
});

describe('editDistance (optimal string alignment)', () => {
  /** The textbook full-table version, as a reference. */
  function reference(a: string, b: string): number {
    const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
      }
    }
    return d[a.length]![b.length]!;
  }

  it.each([
    ['kitten', 'sitting', 3],
    ['rizz', 'rziz', 1],
    ['ca', 'abc', 3], // OSA, not full Damerau (which gives 2)
    ['', 'abc', 3],
    ['abc', '', 3],
    ['same', 'same', 0],
  ])('%j → %j is %i', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
  });

  it('equals the full-table reference on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é'), maxLength: 12 }), fc.string({ unit: fc.constantFrom('a', 'b', 'c', ' ', 'é'), maxLength: 12 }), (a, b) => {
        expect(editDistance(a, b)).toBe(reference(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('is exactly 1 where oneEditApart says so, and only there (the typo check of explain)', () => {
    const near = fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 8 });
    fc.assert(
      fc.property(near, near, (a, b) => {
        expect(oneEditApart(a, b), `${a} / ${b}`).toBe(reference(a, b) === 1);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('typos of every built-in form, through the glossary as shipped (edit-distance prefilter, then fuse.js)', () => {
  it('find their entry: confidently, or among the suggestions', async () => {
    const compiled = builtin;
    const typos: Array<[string, string]> = [];
    for (const entry of compiled.glossary().entries) {
      for (const form of [entry.term, ...entry.aliases].map((f) => f.toLowerCase())) {
        if (form.length < 5) continue; // short words allow one edit and may be other words
        const swapped = form[0]! + form[2]! + form[1]! + form.slice(3);
        const dropped = form.slice(0, -2) + form.slice(-1);
        const doubled = form + form.slice(-1);
        const replaced = `${form.slice(0, 2)}x${form.slice(3)}`;
        for (const typo of [swapped, dropped, doubled, replaced]) typos.push([typo, entry.slug]);
      }
    }
    let confident = 0;
    const missed: string[] = [];
    for (const [typo, slug] of typos) {
      const { match, suggestions } = await lookup(compiled, typo);
      if (match?.entry.slug === slug) confident++;
      else if (!match && suggestions.some((s) => s.slug === slug)) continue;
      else missed.push(`${typo} → ${match ? match.entry.slug : suggestions.map((s) => s.slug).join(',') || 'nothing'} (wanted ${slug})`);
    }
    expect(typos.length).toBeGreaterThan(2500);
    console.log(`typos of built-in forms: ${confident} of ${typos.length} confident and right, ${missed.length} missed or wrong`);
    // Since issue 15 a typo that spells ordinary English ("get this bred", "influences", "to be
    // far") or a word of four letters or fewer ("slas", "facs") is suggested, never printed.
    // Measured: 3,626 of 3,780 confident and right, 154 suggested, none missed or wrong.
    expect(confident / typos.length).toBeGreaterThan(0.95);
    expect(missed.length, missed.join('\n')).toBeLessThanOrEqual(3);
    // Nearly 4,000 lookups: on a machine shared with other work this takes 20–40 s.
  }, 120_000);
});

describe('the nearest forms of a typo, through the trigrams the store keeps', () => {
  it('are the forms FormIndex finds by scoring every form (its reference), in the same order', () => {
    // Glossary order: the winning entries as a Glossary keeps them (by precedence, then file name).
    const winners = [...builtin.glossary().bySlug.values()];
    const reference = new FormIndex(winners.flatMap((e) => fuzzyFormsOf(e).map(([form, key]) => ({ slug: e.slug, form, key }))));
    const forms = winners.flatMap((e) => [e.term, ...e.aliases]);
    fc.assert(
      fc.property(fc.nat(forms.length - 1), fc.nat(40), fc.constantFrom('', 'x', 'ee', ' '), (pick, at, extra) => {
        const form = forms[pick]!;
        const query = normalize(form.slice(0, at % (form.length + 1)) + extra + form.slice(at % (form.length + 1) + 1));
        expect(builtin.fuzzyForms(query), query).toEqual(reference.nearest(query));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the nearest forms, where scores tie at the end of the list', () => {
  it('are FormIndex\'s too: a glossary of terms made of two letters, so that many forms score alike', () => {
    // Every string of a and b, 2 to 6 letters long, is a term: 124 forms, far more than the
    // forty nearest, and dozens share each score, so the tie-break and where the list is cut
    // are tested, not just the best match.
    const dir = tempDir({});
    const terms: string[] = [];
    for (let length = 2; length <= 6; length++) {
      for (let bits = 0; bits < 2 ** length; bits++) terms.push([...Array(length).keys()].map((i) => ((bits >> i) & 1 ? 'b' : 'a')).join(''));
    }
    for (const [i, term] of terms.entries()) {
      writeFileSync(join(dir, `t${String(i).padStart(3, '0')}-${term}.yaml`), `term: ${term}\ncategory: team\nworkplace: safe\ndefinition: The ${term} entry.\n`);
    }
    const store = openStore([dir], { builtin: false });
    const winners = [...store.glossary().bySlug.values()];
    expect(winners).toHaveLength(terms.length);
    const reference = new FormIndex(winners.flatMap((e) => fuzzyFormsOf(e).map(([form, key]) => ({ slug: e.slug, form, key }))));
    fc.assert(
      fc.property(fc.stringMatching(/^[ab]{2,8}$/), (query) => {
        expect(store.fuzzyForms(query), query).toEqual(reference.nearest(query));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the nearest forms of a glossary with about forty forms', () => {
  it.each([10, 40, 41, 45])('are FormIndex\'s (%i forms): all of them up to forty, else the forty nearest', (count) => {
    const dir = tempDir({});
    const terms = [...Array(count).keys()].map((i) => `deck ${'abcdefghij'[i % 10]}${'klmnopqrst'[Math.floor(i / 10)]} review`);
    for (const [i, term] of terms.entries()) writeFileSync(join(dir, `t${String(i).padStart(3, '0')}.yaml`), `term: ${term}\ncategory: team\nworkplace: safe\ndefinition: The ${term} entry.\n`);
    const store = openStore([dir], { builtin: false });
    const winners = [...store.glossary().bySlug.values()];
    expect(winners).toHaveLength(count);
    const reference = new FormIndex(winners.flatMap((e) => fuzzyFormsOf(e).map(([form, key]) => ({ slug: e.slug, form, key }))));
    for (const query of ['deck ak reveiw', 'dekc review', 'zzz']) {
      const nearest = store.fuzzyForms(query);
      expect(nearest, query).toEqual(reference.nearest(query));
      if (count <= 40) expect(nearest, query).toHaveLength(count);
    }
  });
});
