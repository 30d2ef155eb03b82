/**
 * `define`'s matcher: exact keys first (slug, term, aliases; spaced and joined forms), then
 * fuzzy matching with fuse.js, confirmed by an edit-distance check so that a typo prints an
 * entry only when one candidate is clearly the best.
 */
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

interface KeyTarget {
  slug: string;
  type: 'exact' | 'alias';
  form: string;
}

/** Queries this short only match exactly: fuzzy "W" would match half the glossary. */
const EXACT_ONLY_LENGTH = 2;
/** A fuzzy winner must be at most this far (edits per character) from the query… */
const CONFIDENT_DISTANCE = 0.3;
/** …and this much nearer than the runner-up, or it is ambiguous. */
const CONFIDENT_MARGIN = 0.04;
const SUGGEST_DISTANCE = 0.5;
const MAX_SUGGESTIONS = 5;

export class TermIndex {
  private readonly keys = new Map<string, KeyTarget>();
  /** Length of the longest key: a query much longer than it cannot be a typo of anything. */
  longestKey = 0;

  constructor(readonly glossary: Glossary) {
    const entries = glossary.entries;
    // Terms and slugs first, so a term always beats another entry's alias.
    for (const entry of entries) {
      this.add(entry.slug, { slug: entry.slug, type: 'exact', form: entry.term });
      this.add(entry.term, { slug: entry.slug, type: 'exact', form: entry.term });
    }
    for (const entry of entries) {
      for (const alias of entry.aliases) this.add(alias, { slug: entry.slug, type: 'alias', form: alias });
    }
  }

  private add(text: string, target: KeyTarget): void {
    const key = normalize(text);
    if (key === '') return;
    this.longestKey = Math.max(this.longestKey, key.length);
    if (!this.keys.has(key)) this.keys.set(key, target);
    const joined = compact(key);
    if (!this.keys.has(joined)) this.keys.set(joined, target);
  }

  exact(query: string): Match | undefined {
    const key = normalize(query);
    const target = this.keys.get(key) ?? this.keys.get(compact(key));
    if (!target) return undefined;
    const entry = this.glossary.get(target.slug)!;
    return { entry, type: target.type, score: 1, matched: target.form };
  }

  /** Every (slug, normalised form) pair: the fuzzy matcher's haystack. */
  forms(): Array<{ slug: string; form: string; key: string }> {
    const out: Array<{ slug: string; form: string; key: string }> = [];
    for (const entry of this.glossary.entries) {
      for (const form of [entry.term, ...entry.aliases]) out.push({ slug: entry.slug, form, key: normalize(form) });
    }
    return out;
  }
}

function relativeDistance(query: string, key: string): number {
  const spaced = editDistance(query, key) / Math.max(query.length, key.length);
  const joinedQuery = compact(query);
  const joinedKey = compact(key);
  const joined = editDistance(joinedQuery, joinedKey) / Math.max(joinedQuery.length, joinedKey.length);
  return Math.min(spaced, joined);
}

export async function lookup(index: TermIndex, query: string): Promise<LookupResult> {
  const exact = index.exact(query);
  if (exact) return { match: exact, suggestions: [] };
  const key = normalize(query);
  if (compact(key).length <= EXACT_ONLY_LENGTH) return { suggestions: [] };
  // Edit distance is at least the difference in length, so a query over twice the longest
  // key is more than SUGGEST_DISTANCE from every key: skip the fuzzy pass (and its cost,
  // quadratic in the query's length) without losing an answer.
  if (compact(key).length > index.longestKey / (1 - SUGGEST_DISTANCE)) return { suggestions: [] };

  const { default: Fuse } = await import('fuse.js');
  const forms = index.forms();
  const fuse = new Fuse(forms, { keys: ['key'], includeScore: true, threshold: 0.5, ignoreLocation: true });
  // Fuse finds and orders candidates; the whole-string distance decides confidence, since
  // Fuse scores a query that is a substring of a longer term as a perfect match.
  const bestBySlug = new Map<string, { slug: string; form: string; distance: number; fuse: number }>();
  for (const hit of fuse.search(key, { limit: 50 })) {
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
    const entry = index.glossary.get(best.slug)!;
    return { match: { entry, type: 'fuzzy', score: round(1 - best.distance), matched: best.form }, suggestions: [] };
  }
  const suggestions = ranked
    .filter((candidate) => candidate.distance <= SUGGEST_DISTANCE)
    .slice(0, MAX_SUGGESTIONS)
    .map((candidate) => {
      const entry = index.glossary.get(candidate.slug)!;
      return { slug: entry.slug, term: entry.term, score: round(1 - candidate.distance) };
    });
  return { suggestions };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
