/**
 * `search`: ranked entries for a few words, matched in the fields that matter, weighted
 * term > aliases > synonyms > tags > definition. A BM25F ranker over lightly stemmed
 * tokens, with a small table of everyday paraphrases ("pretend" also looks for "fake",
 * "seem", "perform") and typo tolerance for longer words.
 *
 * Why not fuse.js here: measured on the queries of test/search.test.ts and test/e2e-commands.test.ts, fuse's token
 * search missed half the expected entries (it matched "work" to "woke") and rebuilt its
 * index on every call (50–170 ms at 250 entries); this ranker finds them all and its index
 * is plain data the cache can store. fuse.js still ranks `define`'s fuzzy matches.
 */
import type { Entry } from '../corpus/entry.ts';
import { editDistance } from '../text/distance.ts';
import { normalizeToken } from '../text/tokens.ts';

export interface SearchHit {
  slug: string;
  /** Relevance, higher is better (not bounded). */
  score: number;
  /** Fields the words were found in, best first. */
  matchedIn: string[];
}

const FIELDS = [
  { name: 'term', weight: 8, label: 'term' },
  { name: 'aliases', weight: 5, label: 'alias' },
  { name: 'synonyms', weight: 3, label: 'synonym' },
  { name: 'tags', weight: 2.5, label: 'tag' },
  { name: 'gist', weight: 2, label: 'definition' },
  { name: 'definition', weight: 1, label: 'definition' },
] as const;

const STOPWORDS = new Set(
  'a an and are as at be but by do for from has have i if in into is it its me my no not of on or our so than that the their them then there they this to too up us was we what when who why with you your'.split(
    ' ',
  ),
);

/** Everyday paraphrases of what people search for: stem → stems (the exported site uses them too). */
export const PARAPHRASE_TABLE: Readonly<Record<string, readonly string[]>> = {
  pretend: ['fake', 'seem', 'seen', 'look', 'appear', 'perform', 'show', 'mask'],
  fake: ['pretend', 'perform', 'mask', 'seem'],
  work: ['job', 'office', 'busy', 'workplace', 'task'],
  job: ['work', 'role', 'career', 'employ'],
  quit: ['leav', 'resign', 'exit'],
  leav: ['quit', 'resign'],
  money: ['pay', 'salary', 'spend', 'sav', 'cash', 'budget', 'financ'],
  tired: ['exhaust', 'burnout', 'drain', 'rest'],
  lie: ['cap', 'untrue', 'exaggerat'],
  boss: ['manag', 'employer', 'leader'],
  gossip: ['tea', 'drama', 'rumour', 'rumor'],
  good: ['great', 'excellent', 'prais', 'impress'],
  bad: ['awful', 'cring', 'terribl'],
  lazy: ['minimum', 'effort', 'slack'],
  show: ['flex', 'boast', 'brag'],
  brag: ['flex', 'boast', 'show'],
  flirt: ['rizz', 'charm', 'dat'],
  angry: ['mad', 'salty', 'rage', 'upset'],
  funny: ['joke', 'laugh', 'hilarious'],
  holiday: ['vacation', 'leave', 'pto', 'time'],
  vacation: ['holiday', 'leave', 'pto'],
};
// A Map, so a query word like "constructor" finds nothing rather than Object.prototype's members.
const PARAPHRASES = new Map<string, readonly string[]>(Object.entries(PARAPHRASE_TABLE));

/** Crude suffix stripping, applied alike to text and queries, so "quitting" meets "quit". */
export function stem(token: string): string {
  let t = token;
  if (t.length > 4 && t.endsWith('ies')) return `${t.slice(0, -3)}y`;
  for (const suffix of ['ness', 'ing', 'ed', 'ers', 'er', 'es', 'ly', 's']) {
    if (t.length - suffix.length >= 3 && t.endsWith(suffix) && !(suffix === 's' && t.endsWith('ss'))) {
      t = t.slice(0, -suffix.length);
      break;
    }
  }
  // "quitt" → "quit", "badg" stays
  if (t.length > 3 && t[t.length - 1] === t[t.length - 2] && !/[aeiouls]$/.test(t)) t = t.slice(0, -1);
  return t;
}

const ASCII = /^[\x00-\x7f]*$/;

/** Search tokens of a text. For ASCII text normalizeToken comes down to lower case without apostrophes. */
export function words(text: string): string[] {
  if (!ASCII.test(text)) return wordsUnicode(text);
  // One pass, stems remembered: compiling 10,000 entries tokenizes over a million words,
  // most of them repeats.
  const out: string[] = [];
  for (const raw of text.toLowerCase().split(/[^a-z0-9']+/)) {
    const w = raw.includes("'") ? raw.replace(/'/g, '') : raw;
    if (w === '' || STOPWORDS.has(w)) continue;
    let stemmed = stems.get(w);
    if (stemmed === undefined) {
      stemmed = stem(w);
      if (stems.size >= 50_000) stems.clear();
      stems.set(w, stemmed);
    }
    out.push(stemmed);
  }
  return out;
}

const stems = new Map<string, string>();

/** The general path alone, for the test that holds the ASCII one to it. */
export function wordsUnicode(text: string): string[] {
  return text
    .split(/[^\p{L}\p{N}'’]+/u)
    .map(normalizeToken)
    .filter((w) => w !== '' && !STOPWORDS.has(w))
    .map(stem);
}

/** Plain data, so the cache can store it. */
export interface SearchIndexData {
  slugs: string[];
  /** [field][doc] token count */
  lengths: number[][];
  /** token → flat [doc, field, tf, doc, field, tf, …] */
  postings: Record<string, number[]>;
}

/** What one entry adds to the search index; cached per term file. */
export interface SearchParts {
  /** Token count of each field. */
  lengths: number[];
  /** Flat [token, field, tf, token, field, tf, …]. */
  counts: Array<string | number>;
}

export function searchParts(entry: Entry): SearchParts {
  const texts = [
    entry.term,
    entry.aliases.join(' '),
    entry.synonyms.map((s) => s.term).join(' '),
    entry.tags.join(' ').replace(/-/g, ' '),
    entry.gist,
    entry.definition,
  ];
  const lengths: number[] = [];
  const counts: Array<string | number> = [];
  texts.forEach((text, field) => {
    const tokens = words(text);
    lengths.push(tokens.length);
    const tf = new Map<string, number>();
    for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
    for (const [token, n] of tf) counts.push(token, field, n);
  });
  return { lengths, counts };
}

/** Index data of entries (slug and parts each), in glossary order. */
export function mergeSearchParts(docs: Iterable<{ slug: string; parts: SearchParts }>): SearchIndexData {
  const slugs: string[] = [];
  const lengths: number[][] = FIELDS.map(() => []);
  const postings: Record<string, number[]> = Object.create(null);
  let doc = 0;
  for (const { slug, parts } of docs) {
    slugs.push(slug);
    parts.lengths.forEach((n, field) => {
      lengths[field]![doc] = n;
    });
    for (let i = 0; i < parts.counts.length; i += 3) {
      const token = parts.counts[i] as string;
      const list = postings[token] ?? [];
      list.push(doc, parts.counts[i + 1] as number, parts.counts[i + 2] as number);
      postings[token] = list;
    }
    doc++;
  }
  return { slugs, lengths, postings };
}

export function searchIndexData(entries: Iterable<Entry>): SearchIndexData {
  return mergeSearchParts([...entries].map((entry) => ({ slug: entry.slug, parts: searchParts(entry) })));
}

/** Each field's mean length (1 when empty): BM25's length normalisation. */
export function fieldAverages(lengths: Array<ArrayLike<number>>): number[] {
  return lengths.map((lens) => {
    let sum = 0;
    for (let i = 0; i < lens.length; i++) sum += lens[i]!;
    return sum / Math.max(1, lens.length) || 1;
  });
}

const K1 = 1.2;
const MIN_RELATIVE_SCORE = 0.2;
const B = 0.6;

/** What the ranker reads: the index data in memory, or a compiled one that reads postings on demand. */
export interface SearchSource {
  slugs: string[];
  /** [field][doc] token count */
  lengths: Array<ArrayLike<number>>;
  /** Each field's mean length, when the source has it ready. */
  averages?: number[];
  posting(token: string): number[] | undefined;
  vocabulary(): string[];
}

function inMemory(data: SearchIndexData): SearchSource {
  let vocabulary: string[] | undefined;
  return {
    slugs: data.slugs,
    lengths: data.lengths,
    // Own entries only: postings read back from JSON have Object.prototype ("constructor").
    posting: (token) => (Object.hasOwn(data.postings, token) ? data.postings[token] : undefined),
    vocabulary: () => {
      vocabulary ??= Object.keys(data.postings);
      return vocabulary;
    },
  };
}

export class SearchIndex {
  private readonly averages: number[];
  private readonly data: SearchSource;

  constructor(data: SearchIndexData | SearchSource) {
    this.data = 'postings' in data ? inMemory(data) : data;
    this.averages = this.data.averages ?? fieldAverages(this.data.lengths);
  }

  /** Query words with their weights: the word itself 1, typo corrections 0.6, paraphrases 0.4. */
  private expand(query: string): Map<string, number> {
    const terms = new Map<string, number>();
    const add = (token: string, weight: number) => terms.set(token, Math.max(terms.get(token) ?? 0, weight));
    for (const token of words(query)) {
      add(token, 1);
      for (const alt of PARAPHRASES.get(token) ?? []) add(alt, 0.4);
      if (!this.data.posting(token) && token.length >= 5) {
        const budget = token.length >= 8 ? 2 : 1;
        for (const candidate of this.data.vocabulary()) {
          if (Math.abs(candidate.length - token.length) > budget || candidate[0] !== token[0]) continue;
          if (editDistance(candidate, token) <= budget) add(candidate, 0.6);
        }
      }
    }
    return terms;
  }

  search(query: string, limit: number, allow?: (slug: string) => boolean): SearchHit[] {
    const total = this.data.slugs.length;
    const F = FIELDS.length;
    // Per document, in typed arrays (a common word of a large glossary is in thousands):
    // the query's score and each field's part, and one token's weighted frequency.
    const score = new Float64Array(total);
    const fieldScore = new Float64Array(total * F);
    const tf = new Float64Array(total);
    const tfField = new Float64Array(total * F);
    const docs: number[] = [];
    for (const [token, weight] of this.expand(query)) {
      const posting = this.data.posting(token);
      if (!posting) continue;
      // Combine a token's weighted, length-normalised frequency across fields per document.
      const touched: number[] = [];
      for (let i = 0; i < posting.length; i += 3) {
        const doc = posting[i]!;
        const field = posting[i + 1]!;
        const len = this.data.lengths[field]![doc]!;
        const norm = 1 - B + (B * len) / this.averages[field]!;
        const contribution = (FIELDS[field]!.weight * posting[i + 2]!) / norm;
        if (tf[doc] === 0) touched.push(doc); // every contribution is positive
        tf[doc]! += contribution;
        tfField[doc * F + field]! += contribution;
      }
      const idf = Math.log(1 + (total - touched.length + 0.5) / (touched.length + 0.5));
      for (const doc of touched) {
        if (score[doc] === 0) docs.push(doc);
        const t = tf[doc]!;
        score[doc]! += weight * idf * ((t * (K1 + 1)) / (t + K1));
        for (let f = 0; f < F; f++) {
          fieldScore[doc * F + f]! += tfField[doc * F + f]! * weight;
          tfField[doc * F + f] = 0;
        }
        tf[doc] = 0;
      }
    }
    // Best first, ties by slug; only the best `limit` (and their ties) need the slug order.
    const ranked = (allow ? docs.filter((doc) => allow(this.data.slugs[doc]!)) : docs).sort((a, b) => score[b]! - score[a]!);
    // Drop the long tail of one-word coincidences far below the best match.
    const floor = (ranked.length > 0 ? score[ranked[0]!]! : 0) * MIN_RELATIVE_SCORE;
    let cut = Math.min(limit, ranked.length);
    while (cut > 0 && cut < ranked.length && score[ranked[cut]!] === score[ranked[cut - 1]!]) cut++;
    return ranked
      .slice(0, cut)
      .filter((doc) => score[doc]! >= floor)
      .sort((a, b) => score[b]! - score[a]! || this.data.slugs[a]!.localeCompare(this.data.slugs[b]!))
      .slice(0, limit)
      .map((doc) => {
        const fields = FIELDS.map((_, f) => [f, fieldScore[doc * F + f]!] as const).filter(([, value]) => value > 0);
        return {
          slug: this.data.slugs[doc]!,
          score: Math.round(score[doc]! * 1000) / 1000,
          matchedIn: [...new Set(fields.sort((a, b) => b[1] - a[1]).map(([field]) => FIELDS[field]!.label))],
        };
      });
  }
}
