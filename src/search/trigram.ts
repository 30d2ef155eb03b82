/**
 * Fuzzy candidates at scale: fuse.js scores every form it is given, which at 10,000 entries
 * (50,000 forms) costs more than the rest of a lookup. A trigram index over the joined
 * normalised forms picks the hundred forms sharing the most trigrams with the query;
 * a typo changes at most three of a word's trigrams, so the right form stays in the set.
 */

/** Trigrams of a normalised form with spaces removed and its ends marked. */
export function trigrams(key: string): string[] {
  const padded = `^${key.replace(/ /g, '')}$`;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return [...out];
}

/** At or below this many forms, every form goes to fuse.js (no prefilter). */
export const PREFILTER_ABOVE = 500;
// fuse.js costs ~0.1 ms per candidate for a two-word query: a hundred keeps a typo lookup
// in milliseconds, and the right form shares more trigrams with a typo than all but a few.
export const MAX_CANDIDATES = 100;

/** Form ids sharing the most trigrams with the key, with how many, best first (ties: lower id first). */
export function topSharing(postingsOf: (trigram: string) => number[] | undefined, key: string): Array<[number, number]> {
  const shared = new Map<number, number>();
  for (const gram of trigrams(key)) {
    for (const id of postingsOf(gram) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
  }
  return [...shared].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, MAX_CANDIDATES);
}
