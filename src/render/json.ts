/**
 * The `--json` shapes of the commands that print entries (schema/output.schema.json); the
 * others are beside their text (explain.ts, quiz.ts) or in json-files.ts. Bump
 * SCHEMA_VERSION when a field is removed or changes meaning; adding a field is compatible.
 */
import type { Entry } from '../corpus/entry.ts';
import type { SearchHit } from '../search/fulltext.ts';
import type { Match, Suggestion } from '../search/lookup.ts';
import type { EntryBrief } from '../search/parts.ts';

export const SCHEMA_VERSION = 1;

type TermOf = (slug: string) => string | undefined;

export interface EntryJson extends Omit<Entry, 'related'> {
  related: Array<{ slug: string; term: string | null; note: string }>;
}

export function entryJson(entry: Entry, termOf: TermOf): EntryJson {
  return {
    ...entry,
    related: entry.related.map((link) => ({ slug: link.slug, term: termOf(link.slug) ?? null, note: link.note })),
  };
}

function matchJson(match: Match): { type: Match['type']; score: number; matched: string } {
  return { type: match.type, score: match.score, matched: match.matched };
}

export function defineJson(query: string, match: Match | undefined, suggestions: Suggestion[], termOf: TermOf): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'define',
    query,
    match: match ? matchJson(match) : null,
    entry: match ? entryJson(match.entry, termOf) : null,
    suggestions,
  };
}

/** A link of `related`, either way; term and gist are null when the slug is not in the glossary. */
export interface RelatedLink {
  slug: string;
  term: string | null;
  gist: string | null;
  note: string;
}

/** `related --json`: the links of the match; on a miss, no links and the suggestions. */
export function relatedJson(
  query: string,
  found: { match: Match; outgoing: RelatedLink[]; incoming: RelatedLink[] } | undefined,
  suggestions: Suggestion[],
): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'related',
    query,
    match: found ? matchJson(found.match) : null,
    entry: found ? { slug: found.match.entry.slug, term: found.match.entry.term } : null,
    outgoing: found ? found.outgoing : [],
    incoming: found ? found.incoming : [],
    suggestions: found ? [] : suggestions,
  };
}

/** How `random` (by a seed) or `today` (by a date) picked its entry. */
export type PickedBy = { command: 'random'; seed: number } | { command: 'today'; date: string };

export function pickJson(by: PickedBy, entry: Entry, termOf: TermOf): object {
  return { schemaVersion: SCHEMA_VERSION, ...by, entry: entryJson(entry, termOf) };
}

export function searchJson(query: string, rows: Array<{ hit: SearchHit; entry: EntryBrief }>): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'search',
    query,
    results: rows.map(({ hit, entry }) => ({
      slug: entry.slug,
      term: entry.term,
      category: entry.category,
      gist: entry.gist,
      score: hit.score,
      matchedIn: hit.matchedIn,
    })),
  };
}

export function listJson(entries: Entry[]): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'list',
    count: entries.length,
    entries: entries.map((e) => ({ slug: e.slug, term: e.term, category: e.category, tags: e.tags, workplace: e.workplace, gist: e.gist })),
  };
}

/** A category or tag, and how many entries have it. */
export interface Count {
  name: string;
  count: number;
}

/** `list --categories --json` and `list --tags --json`. */
export function countsJson(key: 'categories' | 'tags', counts: Count[]): object {
  return { schemaVersion: SCHEMA_VERSION, command: 'list', [key]: counts };
}
