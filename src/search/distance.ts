/** Optimal string alignment distance (Levenshtein plus adjacent transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return a.length + b.length;
  // Three rolling rows (i - 2, i - 1, i) of one typed array: no allocation per cell or row.
  const cols = b.length + 1;
  const rows = new Uint32Array(3 * cols);
  let before = 0; // row i - 2
  let prev = cols; // row i - 1
  let row = 2 * cols; // row i
  for (let j = 0; j < cols; j++) rows[prev + j] = j;
  for (let i = 1; i <= a.length; i++) {
    rows[row] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      let best = Math.min(rows[prev + j]! + 1, rows[row + j - 1]! + 1, rows[prev + j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) best = Math.min(best, rows[before + j - 2]! + 1);
      rows[row + j] = best;
    }
    [before, prev, row] = [prev, row, before];
  }
  return rows[prev + b.length]!;
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
