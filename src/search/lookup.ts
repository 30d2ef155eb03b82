/**
 * `define`'s matcher: exact keys first (slug, term, aliases; spaced and joined forms), then
 * fuzzy matching with fuse.js, confirmed by an edit-distance check so that a typo prints an
 * entry only when one candidate is clearly the best.
 */
import type Fuse from 'fuse.js';
import { requireBundled } from '../bundled.ts';
import type { Entry } from '../corpus/entry.ts';
import { editDistance } from '../text/distance.ts';
import { compact, normalize } from '../text/normalize.ts';
import { typoAllowed } from './confidence.ts';
import { isEnglishWord } from './english.ts';

export { KeyIndex, type KeyParts, type KeyTarget, keyForms, keyParts } from './keys.ts';

/** exact: slug or term; alias: an alias; form: a generated form; fuzzy: a typo; phrase: the one term inside a longer query. */
export type MatchType = 'exact' | 'alias' | 'form' | 'fuzzy' | 'phrase';

export interface Match {
  entry: Entry;
  type: MatchType;
  /** 1 for exact and alias matches; similarity in (0, 1) for fuzzy ones. */
  score: number;
  /** The term or alias that matched. */
  matched: string;
}

export interface Suggestion {
  slug: string;
  term: string;
  score: number;
}

export interface LookupResult {
  match?: Match;
  suggestions: Suggestion[];
  /** The query is a term, alias or form of each suggested entry: none is picked. */
  shared?: boolean;
}

/** A term or alias as the fuzzy matcher sees it. */
export interface FuzzyForm {
  slug: string;
  form: string;
  key: string;
}

/** What `lookup` needs of a glossary (the store's StoredGlossary answers it). */
export interface Lookupable {
  /** A match whose `others` name every further entry sharing the key. */
  exact(query: string): (Match & { others?: string[] }) | undefined;
  /** The entries a longer query names ("no rizz" → rizz), as explain finds them. */
  termsIn?(query: string): Array<{ slug: string; certainty: 'certain' | 'possible'; text: string }>;
  /** Forms worth ranking for a normalised query: the nearest few (FormIndex). */
  fuzzyForms(key: string): FuzzyForm[];
  entry(slug: string): Entry | undefined;
}

export function fuzzyFormsOf(entry: Entry): Array<[string, string]> {
  return [entry.term, ...entry.aliases].map((form) => [form, normalize(form)]);
}

/** Queries this short only match exactly: fuzzy "W" would match half the glossary. */
const EXACT_ONLY_LENGTH = 2;
/** A fuzzy winner must be at most this far (edits per character) from the query… */
const CONFIDENT_DISTANCE = 0.3;
/** …and this much nearer than the runner-up, or it is ambiguous. */
const CONFIDENT_MARGIN = 0.04;
const SUGGEST_DISTANCE = 0.5;
const MAX_SUGGESTIONS = 5;
/** Twice the longest key worth a typo match (80 characters is already a sentence). */
const MAX_FUZZY_QUERY = 160;
/** fuse.js's best hits that the edit distance then ranks: more than any query has near matches. */
const FUSE_LIMIT = 20;

/** fuse.js ranks at most this many forms: the nearest by trigrams. */
export const NEAREST = 40;

/**
 * A trigram as one number. Code units are shifted up by one so that 0 can mark both ends; a
 * trigram of code units below 1023 (nearly all) packs into a small integer, which V8 hashes
 * and stores without allocating; others make a larger number.
 */
const END = 0;
const code = (a: number, b: number, c: number): number => (a < 1024 && b < 1024 && c < 1024 ? (a << 20) | (b << 10) | c : 2 ** 30 + (a * 0x20000 + b) * 0x20000 + c);
const unit = (text: string, i: number): number => text.charCodeAt(i) + 1;

/** Each trigram of a normalised form without its spaces, ends marked, as a number; a repeated one repeated. */
export function trigramCodes(key: string): number[] {
  const text = key.replaceAll(' ', '');
  const units = [END, ...Array.from({ length: text.length }, (_, i) => unit(text, i)), END];
  const out: number[] = [];
  for (let i = 0; i + 3 <= units.length; i++) out.push(code(units[i]!, units[i + 1]!, units[i + 2]!));
  return out;
}

/** How like the query a form is (Dice): its trigrams that the query has, against both counts. */
export const dice = (shared: number, queryTrigrams: number, formTrigrams: number): number => (2 * shared) / (queryTrigrams + formTrigrams);

/**
 * Every term and alias, for typo matching. fuse.js scores every form it is given, ~350 ms a
 * query over the 50,000 forms of a 10,000-entry glossary, and an edit distance against each
 * costs as much. So the forty forms most like the query by trigrams are picked first; a typo
 * changes at most three of a word's trigrams, so the right form stays among them
 * (test/lookup.test.ts tries four typos of every built-in form). The store finds them through
 * trigrams it keeps with each glossary (store/index-store.ts); this class, which scores every
 * form, is the reference the tests hold that to.
 */
export class FormIndex {
  constructor(private readonly forms: FuzzyForm[]) {}

  nearest(key: string): FuzzyForm[] {
    if (this.forms.length <= NEAREST) return this.forms;
    const query = new Set(trigramCodes(key));
    const scored: Array<{ form: FuzzyForm; score: number }> = [];
    for (const form of this.forms) {
      const codes = trigramCodes(form.key);
      const shared = codes.filter((c) => query.has(c)).length;
      if (shared > 0) scored.push({ form, score: dice(shared, query.size, codes.length) });
    }
    return scored
      .sort((a, b) => b.score - a.score)
      .slice(0, NEAREST)
      .map((s) => s.form);
  }
}

function relativeDistance(query: string, key: string): number {
  const spaced = editDistance(query, key) / Math.max(query.length, key.length);
  const joinedQuery = compact(query);
  const joinedKey = compact(key);
  const joined = editDistance(joinedQuery, joinedKey) / Math.max(joinedQuery.length, joinedKey.length);
  return Math.min(spaced, joined);
}

/** fuse.js (its basic build: plain fuzzy search is all genz asks of it), loaded on the first fuzzy match. */
let fuseClass: typeof Fuse | undefined;

export async function lookup(index: Lookupable, query: string): Promise<LookupResult> {
  const exact = index.exact(query);
  if (exact?.others) return { shared: true, suggestions: [exact.entry.slug, ...exact.others].map((slug) => suggestion(index, slug, 1)) };
  if (exact) return { match: exact, suggestions: [] };
  const key = normalize(query);
  if (compact(key).length <= EXACT_ONLY_LENGTH) return { suggestions: [] };
  // Edit distance is at least the difference in length, so a query over twice as long as
  // any plausible key is more than SUGGEST_DISTANCE from all of them: skip the fuzzy pass
  // (its cost is quadratic in the query's length). Terms and aliases are short phrases.
  if (compact(key).length > MAX_FUZZY_QUERY) return { suggestions: [] };

  fuseClass ??= requireBundled<typeof Fuse>('fuse.cjs', 'fuse.js');
  const FuseClass = fuseClass;
  const forms = index.fuzzyForms(key);
  const fuse = new FuseClass(forms, { keys: ['key'], includeScore: true, threshold: 0.5, ignoreLocation: true });
  // Fuse finds and orders candidates; the whole-string distance decides confidence, since
  // Fuse scores a query that is a substring of a longer term as a perfect match.
  const bestBySlug = new Map<string, { slug: string; form: string; key: string; distance: number; fuse: number }>();
  for (const hit of fuse.search(key, { limit: FUSE_LIMIT })) {
    const distance = relativeDistance(key, hit.item.key);
    const previous = bestBySlug.get(hit.item.slug);
    if (!previous || distance < previous.distance) {
      bestBySlug.set(hit.item.slug, { slug: hit.item.slug, form: hit.item.form, key: hit.item.key, distance, fuse: hit.score ?? 1 });
    }
  }
  const ranked = [...bestBySlug.values()].sort((a, b) => a.distance - b.distance || a.fuse - b.fuse);
  const [best] = ranked;
  // People seldom get a word's first letter wrong: a rival that does is no rival ("presenteism"
  // is one edit from presenteeism and from resenteism).
  const second = ranked.slice(1).find((rival) => rival.key[0] === key[0] || best?.key[0] !== key[0]);
  if (best && best.distance <= CONFIDENT_DISTANCE && (!second || second.distance - best.distance >= CONFIDENT_MARGIN) && typoAllowed(key, best.key)) {
    const entry = index.entry(best.slug)!;
    return { match: { entry, type: 'fuzzy', score: round(1 - best.distance), matched: best.form }, suggestions: [] };
  }
  // A longer query around one term: "no rizz", "my villain era", "cottagecore"; the rest of it
  // ordinary words ("mcro influencer" is a typo, not a kind of influencer).
  const hits = index.termsIn?.(query) ?? [];
  const inside = [...new Set(hits.map((hit) => hit.slug))];
  const rest = hits.reduce((text, hit) => text.replace(hit.text, ' '), query);
  if (inside.length === 1 && normalize(rest).split(' ').every((word) => word === '' || isEnglishWord(word))) {
    const entry = index.entry(inside[0]!)!;
    return { match: { entry, type: 'phrase', score: round(1 - (best?.distance ?? 0.5)), matched: entry.term }, suggestions: [] };
  }
  const near = ranked.filter((candidate) => candidate.distance <= SUGGEST_DISTANCE && !inside.includes(candidate.slug));
  const suggestions = [...near.map((candidate) => suggestion(index, candidate.slug, 1 - candidate.distance)), ...inside.map((slug) => suggestion(index, slug, 0.5))];
  return { suggestions: suggestions.slice(0, MAX_SUGGESTIONS) };
}

function suggestion(index: Lookupable, slug: string, score: number): Suggestion {
  const entry = index.entry(slug)!;
  return { slug: entry.slug, term: entry.term, score: round(score) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
