/**
 * Optimal string alignment distance (Levenshtein plus adjacent transpositions). Three rolling
 * rows, and few operations per cell: a lookup runs it as cold code, where each one counts.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return n + m;
  const bc = new Uint16Array(m);
  for (let j = 0; j < m; j++) bc[j] = b.charCodeAt(j);
  let before = new Uint32Array(m + 1); // row i - 2
  let prev = new Uint32Array(m + 1); // row i - 1
  let row = new Uint32Array(m + 1); // row i
  for (let j = 0; j <= m; j++) prev[j] = j;
  let aPrev = -1;
  for (let i = 1; i <= n; i++) {
    const ai = a.charCodeAt(i - 1);
    row[0] = i;
    let left = i; // row[j - 1]
    let diagonal = i - 1; // prev[j - 1]
    for (let j = 1; j <= m; j++) {
      const bj = bc[j - 1]!;
      const up = prev[j]!;
      let best = ai === bj ? diagonal : diagonal + 1;
      if (up + 1 < best) best = up + 1;
      if (left + 1 < best) best = left + 1;
      // a transposition: "ab" against "ba"
      if (ai !== bj && j > 1 && ai === bc[j - 2] && aPrev === bj && before[j - 2]! + 1 < best) best = before[j - 2]! + 1;
      row[j] = best;
      left = best;
      diagonal = up;
    }
    [before, prev, row] = [prev, row, before];
    aPrev = ai;
  }
  return prev[m]!;
}

/** Whether editDistance(a, b) is exactly 1, in linear time: one letter changed, added, dropped, or two adjacent swapped. */
export function oneEditApart(a: string, b: string): boolean {
  if (a.length < b.length) [a, b] = [b, a];
  if (a.length - b.length > 1 || a === b) return false;
  let i = 0;
  while (i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
  if (a.slice(i + 1) === b.slice(i + 1)) return true;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * The candidates nearest to `word`, best first, within a distance that grows with the
 * word's length (1 for short words, up to a third of the length).
 */
export function nearest(word: string, candidates: Iterable<string>, limit = 1): string[] {
  const budget = Math.max(1, Math.floor(word.length / 3));
  const scored: Array<[string, number]> = [];
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    // The distance is at least the difference in length: skip the quadratic table.
    if (Math.abs(other.length - lower.length) > budget) continue;
    const distance = editDistance(lower, other);
    if (distance <= budget) scored.push([candidate, distance]);
  }
  scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0]));
  return scored.slice(0, limit).map(([candidate]) => candidate);
}
