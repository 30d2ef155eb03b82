/**
 * When a typo match may be printed. Edit distance alone would turn ordinary words into slang
 * ("bat" → brat, "boomer" → zoomer, "soft quitting" → loud quitting): short words and words
 * that are English already are one edit from many others. So:
 * - a query of three letters or fewer is never a typo (hr, pr, eta, ngo: other abbreviations);
 * - a query made only of real words (English, or words of the term itself), or of four letters
 *   or fewer, is a typo only by swapping two neighbouring letters ("quite quitting") or
 *   repeating one ("yaaas", "periodttt");
 * - anything else, within the distance lookup() allows.
 */
import { editDistance } from '../text/distance.ts';
import { compact } from '../text/normalize.ts';
import { isEnglishWord } from './english.ts';

/** Runs of one letter as one: "yaaas" and "yas", "sheeeesh" and "sheesh" meet here. */
export const squeeze = (text: string): string => text.replace(/(.)\1+/g, '$1');

/** Two strings of the same letters one swap of neighbours apart. */
function swapped(a: string, b: string): boolean {
  return a.length === b.length && editDistance(a, b) === 1 && [...a].sort().join('') === [...b].sort().join('');
}

/** Whether `query` (normalised) may be printed as a typo of `key` (normalised). */
export function typoAllowed(query: string, key: string): boolean {
  const joinedQuery = compact(query);
  const joinedKey = compact(key);
  if (joinedQuery.length <= 3) return false;
  if (squeeze(joinedQuery) === squeeze(joinedKey)) return true;
  const keyWords = new Set(key.split(' '));
  const realWords = query.split(' ').every((word) => keyWords.has(word) || isEnglishWord(word));
  if (realWords || joinedQuery.length <= 4) return joinedQuery.length >= 5 && swapped(joinedQuery, joinedKey);
  return true;
}
