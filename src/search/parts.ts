/**
 * What each entry contributes to the indexes, computed once when its file is parsed. The
 * store saves them, so an index is built from its parts without reading any entry again.
 */
import type { Entry } from '../corpus/entry.ts';
import { explainParts, type ExplainParts } from './explain.ts';
import { searchParts, type SearchParts } from './fulltext.ts';
import { generatedKeys } from './keys.ts';
import { fuzzyFormsOf, keyParts, type KeyParts } from './lookup.ts';

/** Term, category and gist: enough for result rows without loading the entry. */
export interface EntryBrief {
  slug: string;
  term: string;
  category: string;
  workplace: string;
  gist: string;
}

export interface EntryParts {
  brief: EntryBrief;
  keys: KeyParts;
  /** Generated forms' keys (forms.ts): read only when no term or alias is the query. */
  generated: string[];
  forms: Array<[string, string]>;
  explain: ExplainParts;
  search: SearchParts;
}


export function entryParts(entry: Entry): EntryParts {
  return {
    brief: { slug: entry.slug, term: entry.term, category: entry.category, workplace: entry.workplace, gist: entry.gist },
    keys: keyParts(entry),
    generated: generatedKeys(entry),
    forms: fuzzyFormsOf(entry),
    explain: explainParts(entry),
    search: searchParts(entry),
  };
}
