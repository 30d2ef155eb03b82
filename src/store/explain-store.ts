/**
 * explain's index over stored glossaries, read by lead key (search/explain.ts reads it as an
 * ExplainSource). Parsing every entry's phrases and merging them costs ~100 ms at 10,000
 * entries, so a base snapshot carries them merged, written with it:
 *   leadsKeys    a line per lead key (phrases.ts), sorted (snapshot.ts keyedSections)
 *   leads        line i: the phrases under lead key i, each [pass, n, v, tokens, plain]
 *   explainMeta  one line: the entries' flags (acronym, chat register…) by line number
 *   typoWordsKeys, typoWords   the phrases' long tokens by typo key (patterns.ts typoKeys):
 *                each line [tokens, the number of entries that give each]
 * A delta's few entries are indexed in memory when first needed. At a lookup only the
 * winning entries count (a hidden or shadowed line gives nothing), and a phrase that two
 * entries give belongs to the first in glossary order, own forms before generated ones:
 * what mergeExplainParts does over the winners (test/explain-index.test.ts checks the two agree).
 */
import type { ExplainParts, ExplainSource, LeadPhrase } from '../search/explain.ts';
import { typoKeys } from '../search/patterns.ts';
import { leadKey, WILDCARD } from '../search/phrases.ts';
import { keyedSections } from './snapshot.ts';
import { winnerTest } from './index-store.ts';
import type { Source, Winners } from './source.ts';

/** pass 0: an entry's own forms, 1: generated ones; n: its line; v: the form's place in the entry. */
type Candidate = [pass: number, n: number, v: number, tokens: string[], plain: 0 | 1];

interface Meta {
  acronym: number[];
  chat: number[];
  ambiguous: number[];
  cues: Array<[number, string[][]]>;
  suffix: Array<[number, string]>;
  sure: Array<[number, string[]]>;
}

function index(parts: Array<ExplainParts | null>, first: number) {
  const byLead = new Map<string, Candidate[]>();
  const meta: Meta = { acronym: [], chat: [], ambiguous: [], cues: [], suffix: [], sure: [] };
  const words = new Map<string, number>();
  for (const [i, part] of parts.entries()) {
    if (!part) continue;
    const n = first + i;
    const own = new Set<string>();
    for (const [pass, forms] of [part.variants, part.generated ?? []].entries()) {
      for (const [v, tokens] of forms.entries()) {
        const plain = part.plain?.includes(tokens.join(' ')) ? 1 : 0;
        const key = leadKey(tokens);
        const list = byLead.get(key);
        if (list) list.push([pass, n, v, tokens, plain]);
        else byLead.set(key, [[pass, n, v, tokens, plain]]);
        for (const token of tokens) if (token !== WILDCARD) own.add(token);
      }
    }
    for (const token of own) words.set(token, (words.get(token) ?? 0) + 1);
    if (part.acronym) meta.acronym.push(n);
    if (part.chat) meta.chat.push(n);
    if (part.ambiguous) meta.ambiguous.push(n);
    if (part.cues.length > 0) meta.cues.push([n, part.cues]);
    if (part.suffix) meta.suffix.push([n, part.suffix]);
    if (part.sure?.length) meta.sure.push([n, part.sure]);
  }
  return { byLead, meta, words };
}

/** The sections a base snapshot carries for explain, from its entries' parts (line order). */
export function explainSections(parts: Array<ExplainParts | null>): Record<string, unknown[]> {
  const { byLead, meta, words } = index(parts, 0);
  const byKey = new Map<string, [string[], number[]]>();
  for (const [token, count] of words) {
    for (const key of typoKeys(token)) {
      if (!byKey.has(key)) byKey.set(key, [[], []]);
      byKey.get(key)![0].push(token);
      byKey.get(key)![1].push(count);
    }
  }
  return { ...keyedSections('leads', byLead), ...keyedSections('typoWords', byKey), explainMeta: [meta] };
}


/** One source's explain index: the base's sections, and its delta's entries in memory. */
function sourceIndex(source: Source) {
  const base = source.base;
  const delta = source.delta && index(source.delta.lines<ExplainParts | null>('explain'), base.header.count);
  const candidates = (key: string): Candidate[] => [...(base.lineByKey<Candidate[]>('leads', key) ?? []), ...(delta?.byLead.get(key) ?? [])];
  // A copy: the base's parsed line stays as stored.
  const meta = { ...base.lines<Meta>('explainMeta')[0]! };
  if (delta) for (const [name, list] of Object.entries(delta.meta)) (meta as Record<string, unknown[]>)[name] = [...meta[name as keyof Meta], ...list];
  return { candidates, meta, delta };
}

/** The ExplainSource of the winning entries of `sources`. */
export function storedExplainSource(sources: Source[], winners: Winners): ExplainSource {
  const indexes = sources.map(sourceIndex);
  const slugs = sources.map((source) => source.lines<string>('slugs'));
  const visible = winnerTest(sources, winners);
  const ranks = sources.map((source) => source.ranks());
  // Glossary order as one number: pass, then source, then the line's rank, then the form's
  // place in its entry. Exact while a directory has under 2^24 lines and an entry under 2^20
  // forms, for up to 256 directories (the product stays under 2^53).
  const order = (s: number, [pass, n, v]: Candidate) => ((pass * sources.length + s) * 2 ** 24 + ranks[s]!(n)) * 2 ** 20 + v;
  const slugsOf = (pick: (meta: Meta) => number[]) => indexes.flatMap(({ meta }, s) => pick(meta).filter((n) => visible(s, n)).map((n) => slugs[s]![n]!));
  const plain = new Set<string>();
  const byOrder = <T>(pick: (meta: Meta) => Array<[number, T]>) =>
    indexes
      .flatMap(({ meta }, s) => pick(meta).filter(([n]) => visible(s, n)).map(([n, value]) => ({ at: order(s, [0, n, 0, [], 0]), value: [slugs[s]![n]!, value] as [string, T] })))
      .sort((a, b) => a.at - b.at)
      .map(({ value }) => value);
  /** Per token, what source s's delta adds to the stored counts and its losing lines take away. */
  const changes: Array<Map<string, number>> = [];
  const countChanges = (s: number) => {
    const source = sources[s]!;
    const change = new Map(indexes[s]!.delta?.words);
    const losers = [...source.hidden, ...slugs[s]!.flatMap((slug, n) => (slug !== null && !visible(s, n) ? [n] : []))];
    for (const n of losers) {
      const part = n < source.base.header.count ? source.base.line<ExplainParts | null>('explain', n) : source.line<ExplainParts>('explain', n);
      const own = new Set([...(part?.variants ?? []), ...(part?.generated ?? [])].flat());
      for (const token of own) if (token !== WILDCARD) change.set(token, (change.get(token) ?? 0) - 1);
    }
    return change;
  };
  return {
    phrasesUnder(key) {
      const best = new Map<string, { at: number; candidate: Candidate; s: number }>();
      for (const [s, { candidates }] of indexes.entries()) {
        for (const candidate of candidates(key)) {
          if (!visible(s, candidate[1])) continue;
          const phrase = candidate[3].join(' ');
          const at = order(s, candidate);
          if ((best.get(phrase)?.at ?? Number.POSITIVE_INFINITY) > at) best.set(phrase, { at, candidate, s });
        }
      }
      if (best.size === 0) return undefined;
      return [...best].map(([phrase, { at, candidate, s }]): LeadPhrase => {
        if (candidate[4]) plain.add(phrase);
        return [candidate[3], slugs[s]![candidate[1]]!, at];
      });
    },
    isPlain: (phrase) => plain.has(phrase),
    wordsUnder(keys) {
      // The stored tokens under the keys, counted again: a delta's entries add theirs, lines
      // that do not win (hidden or shadowed) take theirs away.
      const out: string[] = [];
      sources.forEach((source, s) => {
        changes[s] ??= countChanges(s);
        const change = changes[s];
        for (const key of keys) {
          const [tokens, counts] = source.base.lineByKey<[string[], number[]]>('typoWords', key) ?? [[], []];
          tokens.forEach((token, i) => {
            if (counts[i]! + (change.get(token) ?? 0) > 0) out.push(token);
          });
          for (const [token, count] of change) if (count > 0 && !tokens.includes(token) && typoKeys(token).includes(key)) out.push(token);
        }
      });
      return out;
    },
    acronyms: slugsOf((meta) => meta.acronym),
    slangRegister: slugsOf((meta) => meta.chat),
    ambiguous: slugsOf((meta) => meta.ambiguous),
    cues: byOrder((meta) => meta.cues),
    suffixes: byOrder((meta) => meta.suffix).map(([slug, suffix]) => [suffix, slug] as [string, string]),
    sure: byOrder((meta) => meta.sure).flatMap(([, words]) => words),
  };
}
