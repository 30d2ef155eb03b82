/**
 * explain finds phrases by their first two words (leadKey) so that a common first word of a
 * large glossary does not read hundreds of phrases at each place it occurs. Here it is held to
 * the plain rule it implements, written out directly: at each token, of all phrases that
 * start with it, the one that matches the most tokens; among equals the longer phrase, then
 * the glossary's order; a blank starts with no word of grammar. Random messages are made of built-in terms, aliases, their pieces
 * and everyday words, so phrases overlap and blanks ("it's the ___ for me") get exercised.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/random.ts';
import { ExplainIndex, NOT_A_BLANK } from '../src/search/explain.ts';
import { type Token, tokenize } from '../src/text/tokens.ts';
import { openStore, tempDir } from './helpers.ts';

const store = openStore([]);
const entries = store.glossary().entries;
// The reference: the plain merge over the entries in glossary order (their files' names).
// What is checked is the index that answers: the store's, read by lead key.
const data = ExplainIndex.data([...entries].sort((a, b) => (a.source.path < b.source.path ? -1 : 1)));

/** The phrase matched at token i by the plain rule (undefined: none). */
function reference(tokens: Token[], i: number): { slug: string; to: number } | undefined {
  const match = (pattern: string[], p: number, t: number): number | undefined => {
    if (p === pattern.length) return t;
    if (pattern[p] === '*') {
      // A blank never starts with a word of grammar ("was giving a talk" is not "was giving ___").
      if (tokens[t] === undefined || NOT_A_BLANK.has(tokens[t]!.norm)) return undefined;
      for (let n = 1; n <= 3 && t + n <= tokens.length; n++) {
        const end = match(pattern, p + 1, t + n);
        if (end !== undefined) return end;
      }
      return undefined;
    }
    return tokens[t]?.norm === pattern[p] ? match(pattern, p + 1, t + 1) : undefined;
  };
  let best: { slug: string; to: number; length: number; order: number } | undefined;
  data.phrases.forEach(([pattern, slug], order) => {
    if (pattern[0] !== tokens[i]!.norm) return;
    const to = match(pattern, 0, i);
    if (to === undefined) return;
    if (!best || to > best.to || (to === best.to && (pattern.length > best.length || (pattern.length === best.length && order < best.order)))) {
      best = { slug, to, length: pattern.length, order };
    }
  });
  return best;
}

/** Every phrase found left to right, as explain's first pass does. */
function referenceFound(text: string): Array<[string, number, number]> {
  const tokens = tokenize(text);
  const found: Array<[string, number, number]> = [];
  for (let i = 0; i < tokens.length; ) {
    const m = reference(tokens, i);
    if (!m) {
      i++;
      continue;
    }
    found.push([m.slug, tokens[i]!.start, tokens[m.to - 1]!.end]);
    i = m.to;
  }
  return found;
}

describe('explain finds phrases by their first two words', () => {
  it('as the plain longest-match rule does, on random messages', () => {
    const index = new ExplainIndex(store.explainSource());
    const rand = seededRandom(11);
    const forms = entries.flatMap((e) => [e.term, ...e.aliases]).map((f) => f.replace(/_{2,}/g, 'the new deck'));
    const pieces = forms.flatMap((f) => f.split(' '));
    const filler = 'so the team said it was for me and honestly that deck is done'.split(' ');
    let compared = 0;
    for (let n = 0; n < 400; n++) {
      const parts: string[] = [];
      for (let k = 0; k < 25; k++) {
        const r = rand();
        parts.push(r < 0.3 ? forms[Math.floor(rand() * forms.length)]! : r < 0.6 ? pieces[Math.floor(rand() * pieces.length)]! : filler[Math.floor(rand() * filler.length)]!);
      }
      const text = parts.join(rand() < 0.5 ? ' ' : ', ');
      // explain() reports only what its context rules keep; every certain hit and every
      // possible one must be a phrase the plain rule finds at the same place.
      const expected = new Set(referenceFound(text).map(([slug, start, end]) => `${slug}@${start}-${end}`));
      for (const hit of index.explain(text)) {
        expect(expected, text).toContain(`${hit.slug}@${hit.start}-${hit.end}`);
        compared++;
      }
      // and each unambiguous phrase the plain rule finds is reported
      for (const [slug, start, end] of referenceFound(text)) {
        if (!data.ambiguous.includes(slug)) expect(index.explain(text).some((h) => h.slug === slug && h.start === start && h.end === end), text).toBe(true);
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });
});

describe('typo correction counts the winning entries’ words only', () => {
  const file = (term: string) => `term: ${term}\ncategory: team\nworkplace: safe\ndefinition: The ${term} entry.\n`;
  /** explain's hits through the store, and through a plain index over the winning entries. */
  const both = (store: ReturnType<typeof openStore>, message: string) => {
    const show = (index: ExplainIndex) => index.explain(message).map((h) => `${h.slug}@${h.start}-${h.end} ${h.certainty}`);
    return [show(new ExplainIndex(store.explainSource())), show(ExplainIndex.build([...store.glossary().bySlug.values()]))];
  };

  it('a shadowed entry’s word makes no rival; a delta’s new word does', () => {
    const root = tempDir({});
    const [mine, team] = [join(root, 'mine'), join(root, 'team')];
    for (const dir of [mine, team]) mkdirSync(dir);
    writeFileSync(join(mine, 'deck.yaml'), file('deck overhauls'));
    writeFileSync(join(team, 'deck.yaml'), file('deck overhaulz')); // the same slug: mine wins
    const cacheRoot = join(root, 'cache');
    const message = 'so the deck overhaulx is due';

    // "overhaulx" is one edit from overhauls and from the shadowed overhaulz: only the first counts.
    for (const store of [openStore([mine, team], { cacheRoot }), openStore([mine, team], { cacheRoot }), openStore([mine, team])]) {
      const [stored, plain] = both(store, message);
      expect(stored).toEqual(['deck@7-21 possible']);
      expect(stored).toEqual(plain);
    }

    // A file added to team is written as a delta over the base: its word is a rival now.
    writeFileSync(join(team, 'memo.yaml'), file('memo overhaulv'));
    const cached = openStore([mine, team], { cacheRoot });
    const [stored, plain] = both(cached, message);
    expect(readdirSync(join(cacheRoot, 'snapshots')).some((name) => name.endsWith('.delta.snap'))).toBe(true);
    expect(stored).toEqual([]);
    expect(stored).toEqual(plain);
  });
});
