/**
 * The indexes typo matching and search read over stored glossaries, the winning entries only
 * (a hidden or shadowed line gives nothing): a base's stored lists, and a delta's lines.
 */
import type { SearchSource } from '../search/fulltext.ts';
import { FormIndex } from '../search/lookup.ts';
import type { Winners } from './explain-store.ts';
import type { Source } from './source.ts';

/** The search fields (term, aliases, synonyms, tags, gist, definition: fulltext.ts). */
const FIELD_COUNT = [0, 1, 2, 3, 4, 5];

/**
 * Every winning entry's terms and aliases, in glossary order. A base stores their keys in
 * one list (`formKeys`: the keys, and where each line's begin), so no entry's forms are
 * parsed but those of the nearest few; a delta's are read from its lines.
 */
export function storedFormIndex(sources: Source[], winners: Winners): FormIndex {
  const keys: string[] = [];
  const places: Array<[number, number, number]> = []; // source, line, form of the line
  const stored = sources.map((source) => source.base.lines<string[] | number[]>('formKeys') as [string[], number[]]);
  for (const { source: s, n } of winners.values()) {
    const source = sources[s]!;
    const [baseKeys, starts] = stored[s]!;
    const own = n < source.base.header.count ? baseKeys.slice(starts[n], starts[n + 1]) : source.line<Array<[string, string]>>('forms', n)!.map(([, k]) => k);
    for (const [v, formKey] of own.entries()) {
      keys.push(formKey);
      places.push([s, n, v]);
    }
  }
  const slugs = sources.map((source) => source.lines<string>('slugs'));
  return new FormIndex(keys, (i) => {
    const [s, n, v] = places[i]!;
    const [form, formKey] = sources[s]!.line<Array<[string, string]>>('forms', n)![v]!;
    return { slug: slugs[s]![n]!, form, key: formKey };
  });
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
  const deltas = sources.map((source) => {
    const byWord = new Map<string, number[]>();
    for (const [i, counts] of (source.delta?.lines<Array<string | number> | null>('search') ?? []).entries()) {
      for (let k = 0; k < (counts?.length ?? 0); k += 3) {
        const word = counts![k] as string;
        if (!byWord.has(word)) byWord.set(word, []);
        byWord.get(word)!.push(source.base.header.count + i, counts![k + 1] as number, counts![k + 2] as number);
      }
    }
    return byWord;
  });
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
      (vocabulary ??= [...new Set(sources.flatMap((source, s) => [...source.base.lines<string[]>('postingsKeys')[0]!, ...deltas[s]!.keys()]))]),
  };
}
