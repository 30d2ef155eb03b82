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

/**
 * The keys a glossary word is filed under for typo correction: its length with its first
 * letter, and with its last. One edit (a letter changed, added or dropped, or two adjacent
 * ones swapped) keeps a word this long within one of its length, and keeps its first letter
 * or its last. So every word one edit from `word` is under nearKeys(word): six short lists
 * are read, not the glossary's every word (~20 ms at 10,000 entries).
 */
export function typoKeys(word: string): string[] {
  return word.length < TYPO_LENGTH - 1 ? [] : [`^${word.length}${word[0]}`, `${word.length}${word.at(-1)}$`];
}

const nearKeys = (word: string): string[] => [word.length - 1, word.length, word.length + 1].flatMap((n) => [`^${n}${word[0]}`, `${n}${word.at(-1)}$`]);

/** Words filed under their typoKeys, for an index kept in memory. */
export function fileTypoWords(words: Iterable<string>): Map<string, Set<string>> {
  const filed = new Map<string, Set<string>>();
  for (const word of words) {
    for (const key of typoKeys(word)) {
      const list = filed.get(key);
      if (list) list.add(word);
      else filed.set(key, new Set([word]));
    }
  }
  return filed;
}

/** Corrects typos of glossary words, reading only the words filed near each (typoKeys). */
export class TypoCorrector {
  /** A message repeats its words: each is judged once. */
  private readonly judged = new Map<string, string | undefined>();

  /** `wordsUnder(keys)`: the glossary words filed under any of `keys`. */
  constructor(private readonly wordsUnder: (keys: string[]) => Iterable<string>) {}

  /** The one glossary word `word` is a typo of, if it is a long non-English word one edit from exactly one. */
  correct(word: string): string | undefined {
    if (word.length < TYPO_LENGTH || !/^\p{L}+$/u.test(word)) return undefined;
    if (!this.judged.has(word)) this.judged.set(word, isEnglishWord(word) ? undefined : this.nearest(word));
    return this.judged.get(word);
  }

  private nearest(word: string): string | undefined {
    const near = new Set(this.wordsUnder(nearKeys(word)));
    if (near.has(word)) return undefined;
    let found: string | undefined;
    for (const known of near) {
      if (!oneEditApart(word, known)) continue;
      if (found !== undefined) return undefined;
      found = known;
    }
    return found;
  }
}
