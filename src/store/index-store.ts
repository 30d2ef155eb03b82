/**
 * The indexes typo matching and search read over stored glossaries, the winning entries only
 * (a hidden or shadowed line gives nothing): a base's stored lists, and a delta's lines.
 */
import type { SearchSource } from '../search/fulltext.ts';
import { dice, type FuzzyForm, NEAREST, trigramCodes } from '../search/lookup.ts';
import type { Source, Winners } from './source.ts';

/** A `search` line: an entry's [word, field, count, …]. */
type SearchCounts = Array<string | number>;

/** Each word's postings, [line, field, count, …], from `search` lines numbered from `first`. */
export function postingsOf(lines: Array<SearchCounts | null>, first = 0): Map<string, number[]> {
  const byWord = new Map<string, number[]>();
  for (const [i, counts] of lines.entries()) {
    for (let k = 0; k < (counts?.length ?? 0); k += 3) {
      const word = counts![k] as string;
      if (!byWord.has(word)) byWord.set(word, []);
      byWord.get(word)!.push(first + i, counts![k + 1] as number, counts![k + 2] as number);
    }
  }
  return byWord;
}

/** Whether line n of source s holds the winning entry of its slug (not hidden, not shadowed). */
export function winnerTest(sources: Source[], winners: Winners): (s: number, n: number) => boolean {
  const slugs = sources.map((source) => source.lines<string>('slugs'));
  return (s, n) => {
    const winner = winners.get(slugs[s]![n] ?? '');
    return winner?.source === s && winner.n === n;
  };
}

/** A form that shares trigrams with the query: its source, line, place in the line, and Dice score. */
type Scored = { s: number; n: number; v: number; score: number };

/** The search fields (term, aliases, synonyms, tags, gist, definition: fulltext.ts). */
const FIELD_COUNT = [0, 1, 2, 3, 4, 5];

/**
 * The forms nearest a typo, as FormIndex (search/lookup.ts) ranks every winning entry's terms
 * and aliases, without reading them all: a base keeps each trigram's forms (directory.ts), so
 * only forms that share a trigram with the query are scored; a delta's few are scored from
 * its lines. Ties keep glossary order (source, file name, the form's place in its entry).
 */
export function storedForms(sources: Source[], winners: Winners): { nearest(key: string): FuzzyForm[] } {
  const slugs = sources.map((source) => source.lines<string>('slugs'));
  const visible = winnerTest(sources, winners);
  const stored = sources.map((source) => source.base.lines<number[]>('formIndex') as [number[], number[]]);
  const ranks = sources.map((source) => source.ranks());
  const formsOf = (s: number, n: number) => sources[s]!.line<Array<[string, string]>>('forms', n) ?? [];
  const fuzzy = (s: number, n: number, v: number): FuzzyForm => {
    const [form, key] = formsOf(s, n)[v]!;
    return { slug: slugs[s]![n]!, form, key };
  };
  /** The line of base form `id`: the last line whose forms begin at or before it. */
  const lineOf = (starts: number[], id: number) => {
    let low = 0;
    let high = starts.length - 2;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= id) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  /** Whether the winning entries have NEAREST forms or fewer: then FormIndex returns them all. */
  const few = () => {
    let count = 0;
    for (const { source: s, n } of winners.values()) {
      count += n < sources[s]!.base.header.count ? stored[s]![0][n + 1]! - stored[s]![0][n]! : formsOf(s, n).length;
      if (count > NEAREST) return false;
    }
    return true;
  };
  /**
   * The base's forms that share a trigram with the query (its stored trigrams), best first:
   * enough of them to fill the list. A common trigram's forms number in the tens of thousands
   * at 10,000 entries, so they are counted in a typed array and taken by how many trigrams
   * they share, most first: a form sharing t scores at most dice(t, q, t), and once that is
   * below the list's last score no form with fewer can enter it.
   */
  const scoreBase = (s: number, query: Set<number>, scored: Scored[]) => {
    const [starts, counts] = stored[s]!;
    const shared = new Int32Array(counts.length); // form id → its trigrams the query has
    const touched: number[] = [];
    for (const c of query) {
      for (const id of sources[s]!.base.lineByKey<number[]>('trigrams', String(c)) ?? []) if (shared[id]!++ === 0) touched.push(id);
    }
    const byShared: number[][] = [];
    for (const id of touched) {
      const t = shared[id]!;
      if (byShared[t]) byShared[t].push(id);
      else byShared[t] = [id];
    }
    const found: Scored[] = [];
    for (let t = byShared.length - 1; t > 0; t--) {
      if (found.length >= NEAREST && dice(t, query.size, t) < found[NEAREST - 1]!.score) break;
      for (const id of byShared[t] ?? []) {
        const n = lineOf(starts, id);
        if (visible(s, n)) found.push({ s, n, v: id - starts[n]!, score: dice(t, query.size, counts[id]!) });
      }
      // A base's lines are in glossary order: ties go by line, then place in the line.
      found.sort((a, b) => b.score - a.score || a.n - b.n || a.v - b.v);
    }
    scored.push(...found.slice(0, NEAREST));
  };
  /** A delta's forms, scored one by one from its lines. */
  const scoreDelta = (s: number, query: Set<number>, scored: Scored[]) => {
    for (let n = sources[s]!.base.header.count; n < sources[s]!.count; n++) {
      if (!visible(s, n)) continue;
      for (const [v, [, formKey]] of formsOf(s, n).entries()) {
        const codes = trigramCodes(formKey);
        const times = codes.filter((c) => query.has(c)).length;
        if (times > 0) scored.push({ s, n, v, score: dice(times, query.size, codes.length) });
      }
    }
  };
  return {
    nearest(key) {
      if (few()) return [...winners.values()].flatMap(({ source: s, n }) => formsOf(s, n).map((_, v) => fuzzy(s, n, v)));
      const query = new Set(trigramCodes(key));
      const scored: Scored[] = [];
      for (const s of sources.keys()) {
        scoreBase(s, query, scored);
        scoreDelta(s, query, scored);
      }
      return scored
        .sort((a, b) => b.score - a.score || a.s - b.s || ranks[a.s]!(a.n) - ranks[b.s]!(b.n) || a.v - b.v)
        .slice(0, NEAREST)
        .map(({ s, n, v }) => fuzzy(s, n, v));
    },
  };
}

/** search's source over the winning entries, documents numbered in winners' order. */
export function storedSearchSource(sources: Source[], winners: Winners): SearchSource {
  // A base stores the postings of each word ([line, field, count, …]: `postingsKeys`,
  // `postings`); a delta's are made from its lines' counts.
  const docs = [...winners];
  const docOf = sources.map(() => new Map<number, number>());
  for (const [doc, [, w]] of docs.entries()) docOf[w.source]!.set(w.n, doc);
  const perSource = sources.map((source) => source.lines<number[]>('lengths'));
  const lengths = FIELD_COUNT.map((f) => docs.map(([, w]) => perSource[w.source]![w.n]![f]!));
  const deltas = sources.map((source) => postingsOf(source.delta?.lines<SearchCounts | null>('search') ?? [], source.base.header.count));
  const postings = new Map<string, number[] | undefined>();
  const posting = (word: string) => {
    const out: number[] = [];
    for (const [s, source] of sources.entries()) {
      const list = [...(source.base.lineByKey<number[]>('postings', word) ?? []), ...(deltas[s]!.get(word) ?? [])];
      for (let i = 0; i < list.length; i += 3) {
        const doc = docOf[s]!.get(list[i]!);
        if (doc !== undefined) out.push(doc, list[i + 1]!, list[i + 2]!);
      }
    }
    return out.length > 0 ? out : undefined;
  };
  let vocabulary: string[] | undefined;
  return {
    slugs: docs.map(([slug]) => slug),
    lengths,
    posting: (word: string) => {
      if (!postings.has(word)) postings.set(word, posting(word));
      return postings.get(word);
    },
    vocabulary: () =>
      (vocabulary ??= [...new Set(sources.flatMap((source, s) => [...source.base.lines<string>('postingsKeys'), ...deltas[s]!.keys()]))]),
  };
}
