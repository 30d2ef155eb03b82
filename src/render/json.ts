/**
 * The `--json` shapes (schema/output.schema.json). Bump SCHEMA_VERSION when a field is
 * removed or changes meaning; adding a field is compatible.
 */
import type { Entry } from '../corpus/entry.ts';
import type { Match, Suggestion } from '../search/lookup.ts';

export const SCHEMA_VERSION = 1;

export interface EntryJson extends Omit<Entry, 'related'> {
  related: Array<{ slug: string; term: string | null; note: string }>;
}

export function entryJson(entry: Entry, termOf: (slug: string) => string | undefined): EntryJson {
  return {
    ...entry,
    related: entry.related.map((link) => ({ slug: link.slug, term: termOf(link.slug) ?? null, note: link.note })),
  };
}

export function defineJson(
  query: string,
  match: Match | undefined,
  suggestions: Suggestion[],
  termOf: (slug: string) => string | undefined,
): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'define',
    query,
    match: match ? { type: match.type, score: match.score, matched: match.matched } : null,
    entry: match ? entryJson(match.entry, termOf) : null,
    suggestions,
  };
}
