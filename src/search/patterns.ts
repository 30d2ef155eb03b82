/**
 * What explain finds beyond the glossary's own phrases:
 * - productive suffixes: an entry written "-core", "-coded", "-pilled" or "-maxxing" matches
 *   "cottagecore" and "office-core"; a word that is English already ("hardcore", "encore") is
 *   not a use, and a hyphenated one whose first half is English ("colour-coded",
 *   "millennial-coded") is only possible;
 * - typos: a long word that is not English and one edit from exactly one glossary word
 *   ("delullu", "situationshp") is read as that word, and what it matches is possible.
 */
import { oneEditApart } from '../text/distance.ts';
import type { Token } from '../text/tokens.ts';
import { isEnglishWord } from './english.ts';

/** A word this long or longer is checked for typos; shorter ones make other words in one edit. */
const TYPO_LENGTH = 7;

export interface SuffixHit {
  slug: string;
  /** Tokens from..to (exclusive). */
  to: number;
  certainty: 'certain' | 'possible';
}

/** A suffix pattern at token i: one word ending in it, or "word-suffix". */
export function suffixAt(suffixes: Map<string, string>, tokens: Token[], text: string, i: number): SuffixHit | undefined {
  const token = tokens[i]!;
  const next = tokens[i + 1];
  if (next && text.slice(token.end, next.start) === '-' && /^[\p{L}\p{N}]+$/u.test(token.norm)) {
    const slug = suffixes.get(next.norm);
    if (slug) return { slug, to: i + 2, certainty: isEnglishWord(token.norm) ? 'possible' : 'certain' };
  }
  for (const [suffix, slug] of suffixes) {
    if (token.norm.length >= suffix.length + 3 && token.norm.endsWith(suffix) && !isEnglishWord(token.norm)) return { slug, to: i + 1, certainty: 'certain' };
  }
  return undefined;
}

/** Glossary words by length, for typo correction; built on first use. */
export class TypoCorrector {
  private known?: Set<string>;
  private byLength?: Map<number, string[]>;
  /** A message repeats its words: each is judged once. */
  private readonly judged = new Map<string, string | undefined>();

  constructor(private readonly words: () => Iterable<string>) {}

  /** The one glossary word `word` is a typo of, if it is a long non-English word one edit from exactly one. */
  correct(word: string): string | undefined {
    if (word.length < TYPO_LENGTH || !/^\p{L}+$/u.test(word)) return undefined;
    if (!this.judged.has(word)) this.judged.set(word, isEnglishWord(word) ? undefined : this.nearest(word));
    return this.judged.get(word);
  }

  private nearest(word: string): string | undefined {
    if (!this.known || !this.byLength) {
      this.known = new Set(this.words());
      this.byLength = new Map();
      for (const known of this.known) {
        const list = this.byLength.get(known.length);
        if (list) list.push(known);
        else this.byLength.set(known.length, [known]);
      }
    }
    if (this.known.has(word)) return undefined;
    let found: string | undefined;
    for (const length of [word.length - 1, word.length, word.length + 1]) {
      for (const known of this.byLength.get(length) ?? []) {
        if (known.length < TYPO_LENGTH - 1 || !oneEditApart(word, known)) continue;
        if (found !== undefined && found !== known) return undefined;
        found = known;
      }
    }
    return found;
  }
}
