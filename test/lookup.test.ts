import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGlossary } from '../src/corpus/load.ts';
import { lookup, TermIndex } from '../src/search/lookup.ts';
import { FIXTURES } from './helpers.ts';

const fixtures = new TermIndex(loadGlossary({ dirs: [join(FIXTURES, 'terms')], includeBuiltin: false }));
const builtin = new TermIndex(loadGlossary({ dirs: [], includeBuiltin: true }));

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
