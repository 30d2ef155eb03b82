/**
 * `define`'s matcher: exact keys first (slug, term, aliases; spaced and joined forms), then
 * fuzzy matching with fuse.js, confirmed by an edit-distance check so that a typo prints an
 * entry only when one candidate is clearly the best.
 */
import type Fuse from 'fuse.js';
import { requireBundled } from '../bundled.ts';
import type { Entry } from '../corpus/entry.ts';
import type { Glossary } from '../corpus/load.ts';
import { editDistance } from './distance.ts';
import { compact, normalize } from './normalize.ts';

export type MatchType = 'exact' | 'alias' | 'fuzzy';

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
}

export interface KeyTarget {
  slug: string;
  type: 'exact' | 'alias';
  form: string;
}

/** A term or alias as the fuzzy matcher sees it. */
export interface FuzzyForm {
  slug: string;
  form: string;
  key: string;
}

/**
 * What `lookup` needs of a glossary: the in-memory TermIndex below, or a compiled pack on
 * disk (corpus/pack.ts) that answers without loading every entry.
 */
export interface Lookupable {
  exact(query: string): Match | undefined;
  /** Forms worth ranking for a normalised query: all of them, or a prefiltered few hundred. */
  fuzzyForms(key: string): FuzzyForm[];
  entry(slug: string): Entry | undefined;
}

/** Exact keys of one entry, normalised: terms (slug and term) first, then aliases. */
export interface KeyParts {
  terms: string[];
  aliases: Array<[string, string]>;
}

function keysOf(text: string): string[] {
  const key = normalize(text);
  if (key === '') return [];
  const joined = compact(key);
  return joined === key ? [key] : [key, joined];
}

export function keyParts(entry: Entry): KeyParts {
  return {
    terms: [...keysOf(entry.slug), ...keysOf(entry.term)],
    aliases: entry.aliases.flatMap((alias) => keysOf(alias).map((key): [string, string] => [key, alias])),
  };
}

/** Entries' exact keys in glossary order: terms and slugs first, so a term beats another entry's alias. */
export function mergeKeyParts(entries: Array<{ slug: string; term: string; keys: KeyParts }>): Map<string, KeyTarget> {
  const keys = new Map<string, KeyTarget>();
  for (const { slug, term, keys: parts } of entries) {
    for (const key of parts.terms) if (!keys.has(key)) keys.set(key, { slug, type: 'exact', form: term });
  }
  for (const { slug, keys: parts } of entries) {
    for (const [key, alias] of parts.aliases) if (!keys.has(key)) keys.set(key, { slug, type: 'alias', form: alias });
  }
  return keys;
}

/** Every entry's claim on each key, best first (as mergeKeyParts ranks them): what a key index needs to stay right when some entries change. */
export function keyClaims(entries: Array<{ slug: string; term: string; keys: KeyParts }>): Map<string, KeyTarget[]> {
  const claims = new Map<string, KeyTarget[]>();
  const add = (key: string, target: KeyTarget) => {
    const list = claims.get(key);
    if (!list) claims.set(key, [target]);
    else if (!list.some((t) => t.slug === target.slug && t.type === target.type)) list.push(target);
  };
  for (const { slug, term, keys: parts } of entries) for (const key of parts.terms) add(key, { slug, type: 'exact', form: term });
  for (const { slug, keys: parts } of entries) for (const [key, alias] of parts.aliases) add(key, { slug, type: 'alias', form: alias });
  return claims;
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

export class TermIndex implements Lookupable {
  private readonly keys: Map<string, KeyTarget>;

  constructor(readonly glossary: Glossary) {
    this.keys = mergeKeyParts(glossary.entries.map((entry) => ({ slug: entry.slug, term: entry.term, keys: keyParts(entry) })));
  }

  exact(query: string): Match | undefined {
    const key = normalize(query);
    const target = this.keys.get(key) ?? this.keys.get(compact(key));
    if (!target) return undefined;
    const entry = this.glossary.get(target.slug)!;
    return { entry, type: target.type, score: 1, matched: target.form };
  }

  /** Every (slug, normalised form) pair: the fuzzy matcher's haystack. */
  forms(): FuzzyForm[] {
    const out: FuzzyForm[] = [];
    for (const entry of this.glossary.entries) {
      for (const [form, key] of fuzzyFormsOf(entry)) out.push({ slug: entry.slug, form, key });
    }
    return out;
  }

  fuzzyForms(): FuzzyForm[] {
    return this.forms();
  }

  entry(slug: string): Entry | undefined {
    return this.glossary.get(slug);
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
  const bestBySlug = new Map<string, { slug: string; form: string; distance: number; fuse: number }>();
  for (const hit of fuse.search(key, { limit: FUSE_LIMIT })) {
    const distance = relativeDistance(key, hit.item.key);
    const previous = bestBySlug.get(hit.item.slug);
    if (!previous || distance < previous.distance) {
      bestBySlug.set(hit.item.slug, { slug: hit.item.slug, form: hit.item.form, distance, fuse: hit.score ?? 1 });
    }
  }
  const ranked = [...bestBySlug.values()].sort((a, b) => a.distance - b.distance || a.fuse - b.fuse);
  const [best, second] = ranked;
  // Short words allow one edit at most: "sus" must not become "bus".
  const allowed = compact(key).length <= 4 ? 1 / compact(key).length + 0.001 : CONFIDENT_DISTANCE;
  if (best && best.distance <= allowed && (!second || second.distance - best.distance >= CONFIDENT_MARGIN)) {
    const entry = index.entry(best.slug)!;
    return { match: { entry, type: 'fuzzy', score: round(1 - best.distance), matched: best.form }, suggestions: [] };
  }
  const suggestions = ranked
    .filter((candidate) => candidate.distance <= SUGGEST_DISTANCE)
    .slice(0, MAX_SUGGESTIONS)
    .map((candidate) => {
      const entry = index.entry(candidate.slug)!;
      return { slug: entry.slug, term: entry.term, score: round(1 - candidate.distance) };
    });
  return { suggestions };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
