/** explain's rendering (src/render/explain.ts) as pure functions: no glossary, no command. */
import { describe, expect, it } from 'vitest';
import { explainJson, highlight, type TermFound, termRows } from '../src/render/explain.ts';
import { plain, type Style } from '../src/render/style.ts';
import type { Hit } from '../src/search/explain.ts';

/** Styles that show where they apply: <certain> and {possible}. */
const marking: Style = { ...plain, match: (t) => `<${t}>`, possible: (t) => `{${t}}`, strong: (t) => `*${t}*` };

/** The hits of `words` in `text`, the first occurrence of each. */
function hitsOf(text: string, words: Array<[string, Hit['certainty']]>): Hit[] {
  return words.map(([word, certainty]) => {
    const start = text.indexOf(word);
    return { slug: word.replace(/ /g, '-'), text: word, start, end: start + word.length, certainty };
  });
}

const BRIEFS: Record<string, { term: string; gist: string }> = {
  'no-cap': { term: 'no cap', gist: 'Honestly; no lie.' },
  rizz: { term: 'rizz', gist: 'Charm, the knack of winning people over.' },
};
const brief = (slug: string) => ({ slug, category: 'everyday-slang', workplace: 'casual', ...BRIEFS[slug]! });

describe('highlight', () => {
  it('brackets a certain hit and a possible one, styled after the brackets go on', () => {
    const text = 'the deck ate, no cap, she has rizz';
    expect(highlight(text, hitsOf(text, [['no cap', 'certain'], ['rizz', 'possible']]), undefined, marking)).toBe(
      'the deck ate, <[no cap]>, she has {[rizz?]}',
    );
  });

  it('never splits a hit across lines when wrapping, and counts its brackets as columns', () => {
    const text = 'aaaa no cap bbbb';
    expect(highlight(text, hitsOf(text, [['no cap', 'certain']]), 12, marking).split('\n')).toEqual(['aaaa', '<[no cap]>', 'bbbb']);
  });

  it('keeps the message\'s own lines when not wrapping', () => {
    const text = 'one line\nno cap here';
    expect(highlight(text, hitsOf(text, [['no cap', 'certain']]), undefined, plain)).toBe('one line\n[no cap] here');
  });

  it('turns the private-use characters it marks with into U+FFFD, in and around hits', () => {
    const text = '\uE000x\uE003\uE003 no cap \uE004';
    expect(highlight(text, hitsOf(text, [['no cap', 'certain']]), undefined, marking)).toBe('\uFFFDx\uFFFD\uFFFD <[no cap]> \uFFFD');
  });
});

describe('termRows and explainJson', () => {
  const terms = new Map<string, TermFound>([
    ['no-cap', { certainty: 'certain', count: 2 }],
    ['rizz', { certainty: 'possible', count: 1 }],
  ]);

  it('a row per term, "(possible)" after an uncertain one; wrapped with the name strong when given a width', () => {
    expect(termRows(terms, brief, marking, undefined)).toEqual(['no cap — Honestly; no lie.', 'rizz (possible) — Charm, the knack of winning people over.']);
    expect(termRows(terms, brief, marking, 30)[1]).toBe('*rizz (possible)* — Charm, the\n    knack of winning people\n    over.');
  });

  it('gives offsets in code points, not UTF-16 units', () => {
    const text = '👀 no cap, 👀 rizz';
    const doc = explainJson(text, hitsOf(text, [['no cap', 'certain'], ['rizz', 'possible']]), terms, brief) as {
      hits: Array<{ start: number; end: number }>;
      terms: unknown[];
    };
    expect(doc.hits.map((h) => [h.start, h.end])).toEqual([[2, 8], [12, 16]]);
    expect(doc.terms).toEqual([
      { slug: 'no-cap', term: 'no cap', certainty: 'certain', count: 2, gist: 'Honestly; no lie.' },
      { slug: 'rizz', term: 'rizz', certainty: 'possible', count: 1, gist: 'Charm, the knack of winning people over.' },
    ]);
  });
});
