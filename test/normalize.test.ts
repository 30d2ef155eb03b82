import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { words, wordsUnicode } from '../src/search/fulltext.ts';
import { compact, normalize, normalizeUnicode, slugify } from '../src/text/normalize.ts';

describe('normalize', () => {
  it.each([
    ['Micro-Influencer', 'micro influencer'],
    ['micro_influencer', 'micro influencer'],
    ['  micro   influencer  ', 'micro influencer'],
    ['IT’S GIVING', 'its giving'],
    ["it's giving", 'its giving'],
    ['its giving', 'its giving'],
    ['café', 'cafe'],
    ['ＦＯＭＯ', 'fomo'], // full-width letters (NFKC)
    ['TL;DR', 'tl dr'],
    ['no\u200bcap', 'nocap'], // zero-width space removed
    ['no 🧢', 'no 🧢'],
    ['e\u0301tude', 'etude'], // combining accent
    ['\u202Erizz', 'rizz'], // bidi override
    ['the ___ for me', 'the for me'],
    ['6-7', '6 7'],
    ['नमस्ते', 'नमस्ते'], // marks of non-Latin scripts are kept
  ])('%j → %j', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it.each([
    ['micro influencer', 'microinfluencer'],
    ['its giving', 'itsgiving'],
  ])('compact(%j) → %j', (input, expected) => {
    expect(compact(input)).toBe(expected);
  });
});

describe('slugify', () => {
  it.each([
    ["it's giving", 'its-giving'],
    ['TL;DR', 'tldr'],
    ['-core', 'core'],
    ['6-7', '6-7'],
    ["I'm dead", 'im-dead'],
    ['it’s the ___ for me', 'its-the-for-me'],
    ['FIRE movement', 'fire-movement'],
    ['micro-influencer', 'micro-influencer'],
  ])('%j → %j', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });
});

describe('normalize: the ASCII fast path', () => {
  it('agrees with the full Unicode path on any ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 40 }), (text) => {
        expect(normalize(text)).toBe(normalizeUnicode(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('search words: the ASCII fast path', () => {
  it('agrees with the Unicode path on any ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 60 }), (text) => {
        expect(words(text)).toEqual(wordsUnicode(text));
      }),
      { numRuns: 2000 },
    );
  });
});
