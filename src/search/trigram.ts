/**
 * Fuzzy candidates at scale: fuse.js scores every form it is given, which at 10,000 entries
 * (50,000 forms) takes ~350 ms a query. A trigram index over the joined normalised forms
 * picks the forty forms most like the query by trigrams (the Dice coefficient: shared
 * trigrams against both forms' counts); a typo changes at most three of a word's trigrams,
 * so the right form stays in the set. Measured against fuse.js over every form: the same
 * answer for all 317 typos tried on a 10,000-entry glossary (and the built-in typos of
 * test/lookup.test.ts), at ~1/50 of the cost.
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
// fuse.js costs ~0.1 ms per candidate for a two-word query (cold code, in a process that
// lives for one lookup): forty keep a typo lookup in milliseconds. The right form is almost
// always among them (test/lookup.test.ts checks four typos of every built-in form).
export const MAX_CANDIDATES = 40;

/**
 * How alike two forms look by trigrams (the Dice coefficient, 0…1): shared trigrams against
 * both forms' counts, so that among the many forms sharing "ing" and "ng$" with a typo, those
 * of its own length come first.
 */
export function trigramScore(shared: number, queryGrams: number, formGrams: number): number {
  return (2 * shared) / (queryGrams + formGrams);
}

/**
 * Form ids most like the key by trigrams, with their scores, best first (ties: lower id
 * first). `postingsOf(gram)` lists the ids of the forms with that trigram, in any order;
 * `gramsOf(id)` is a form's trigram count; ids are below `formCount`. Counting is done in a
 * typed array: a common trigram of a large glossary lists thousands of forms.
 */
export function topSharing(
  postingsOf: (trigram: string) => ArrayLike<number> | undefined,
  key: string,
  gramsOf: (id: number) => number,
  formCount: number,
): Array<[number, number]> {
  const grams = trigrams(key);
  const shared = new Uint8Array(formCount);
  const touched: number[] = [];
  for (const gram of grams) {
    const ids = postingsOf(gram);
    if (!ids) continue;
    for (let k = 0; k < ids.length; k++) {
      const id = ids[k]!;
      if (id >= formCount) continue;
      if (shared[id] === 0) touched.push(id);
      shared[id] = Math.min(255, shared[id]! + 1);
    }
  }
  // The best MAX_CANDIDATES by a running selection: at 10,000 entries a common trigram
  // touches tens of thousands of forms, and sorting them all cost more than the rest.
  const best: Array<[number, number]> = [];
  const better = (id: number, score: number, than: [number, number]) => score > than[1] || (score === than[1] && id < than[0]);
  for (const id of touched) {
    const score = trigramScore(shared[id]!, grams.length, gramsOf(id));
    if (best.length === MAX_CANDIDATES && !better(id, score, best[best.length - 1]!)) continue;
    let at = best.length === MAX_CANDIDATES ? best.length - 1 : best.length;
    while (at > 0 && better(id, score, best[at - 1]!)) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = [id, score];
  }
  return best;
}
