/**
 * Query and key normalisation. Every lookup key (slug, term, alias) and every query goes
 * through the same function, so the two sides always agree.
 */

// "'" and what people type for it: curly quotes, primes, backticks, the modifier letter
// apostrophe. All are dropped so "it's" and "its" meet.
const APOSTROPHES = /['\u2018\u2019\u201A\u201B\u2032\u02BC\u0060\u00B4]/g;
// Format characters: zero-width spaces and joiners, bidi controls, soft hyphen, BOM.
const FORMAT_CHARS = /\p{Cf}/gu;
// Other invisible controls (C0/C1); they never belong in a query.
const CONTROL_CHARS = /\p{Cc}/gu;
// Diacritics on Latin letters only: "café" → "cafe", while scripts whose vowels are
// combining marks (Devanagari, Thai…) keep them.
const LATIN_DIACRITICS = /(\p{Script=Latin})\p{M}+/gu;
// Punctuation separates words ("micro-influencer", "TL;DR", "it's_giving"); apostrophes are
// dropped instead (above).
const PUNCTUATION = /[\p{P}\p{Z}\s]+/gu;

// ASCII text is already NFKC/NFC and has no accents or format characters, so the Unicode
// passes can be skipped: the same result, several times faster (indexing 10,000 entries
// normalises millions of words). test/normalize.test.ts checks both paths agree.
const ASCII = /^[\x00-\x7f]*$/;
// Their ASCII members as plain classes (Unicode property classes cost more to run): \p{Cc},
// and \p{P}, \p{Z} and \s (the symbols $+<=>^|~ and the backtick are not punctuation).
const ASCII_CONTROL = /[\x00-\x1f\x7f]/g;
const ASCII_PUNCTUATION = /[!"#%&'()*,\-./:;?@[\\\]_{}\s]+/g;

/** Lowercase, accent-free, punctuation-free words separated by single spaces. */
export function normalize(text: string): string {
  if (ASCII.test(text)) {
    return text.replace(ASCII_CONTROL, ' ').toLowerCase().replace(/['`]/g, '').replace(ASCII_PUNCTUATION, ' ').trim();
  }
  return normalizeUnicode(text);
}

/** The full path, for any text; exported for the test that holds the ASCII path to it. */
export function normalizeUnicode(text: string): string {
  return text
    .normalize('NFKC')
    .replace(FORMAT_CHARS, '')
    .replace(CONTROL_CHARS, ' ')
    // Before accents are stripped, so a mark typed after an apostrophe ("a`\u0301") lands on
    // the letter now and not on a second pass: normalize(normalize(x)) === normalize(x).
    .replace(APOSTROPHES, '')
    .normalize('NFD')
    .replace(LATIN_DIACRITICS, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(PUNCTUATION, ' ')
    .trim();
}

/** The normalised form with spaces removed: "micro influencer" and "microinfluencer" meet here. */
export function compact(normalized: string): string {
  return normalized.replace(/ /g, '');
}

/** File-name slug of a term: `it's giving` → `its-giving`, `TL;DR` → `tldr`. */
export function slugify(term: string): string {
  return normalize(term.replace(/[;:.]/g, ''))
    .replace(/[^a-z0-9 ]/g, '')
    .trim()
    .replace(/ +/g, '-');
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
