/**
 * define's exact keys: every entry's slug, term and aliases, spaced and joined, and the forms
 * generated from them (forms.ts), ranked so that nothing hides a stronger key of another entry.
 */
import type { Entry } from '../corpus/entry.ts';
import { compact, normalize } from '../text/normalize.ts';
import { isEnglishWord } from './english.ts';
import { generatedForms } from './forms.ts';

export interface KeyTarget {
  slug: string;
  type: 'exact' | 'alias' | 'form';
  form: string;
  /** Other entries with the same key at the same rank ("a query shared by several entries"). */
  others?: string[];
}


/** Exact keys of one entry, normalised: terms (slug and term) first, then aliases, then generated forms. */
export interface KeyParts {
  terms: string[];
  aliases: Array<[string, string]>;
  forms?: string[];
}

function keysOf(text: string): string[] {
  const key = normalize(text);
  if (key === '') return [];
  const joined = compact(key);
  return joined === key ? [key] : [key, joined];
}

/**
 * The forms of an entry that define answers without a word written for them. An entry whose
 * own word is ordinary English (`ambiguous`: fire, bet) has ordinary inflections too ("fired",
 * "betting"): those are left out, and its slang ones are aliases.
 */
export function keyForms(entry: Entry): string[] {
  return generatedForms([entry.term, ...entry.aliases]).filter((form) => !(entry.ambiguous && !form.includes(' ') && isEnglishWord(form)));
}

export function keyParts(entry: Entry): KeyParts {
  return {
    terms: [...keysOf(entry.slug), ...keysOf(entry.term)],
    aliases: entry.aliases.flatMap((alias) => keysOf(alias).map((key): [string, string] => [key, alias])),
    forms: keyForms(entry).flatMap(keysOf),
  };
}

/**
 * The exact keys of entries in glossary order, by rank: terms and slugs, then aliases, then
 * generated forms, so a form never shadows another entry's alias nor an alias its term. Entries
 * sharing a key at one rank are all kept, for define to list.
 */
export class KeyIndex {
  private readonly keys = new Map<string, KeyTarget>();

  constructor(entries: Array<{ slug: string; term: string; keys: KeyParts }>) {
    const rank = (type: KeyTarget['type'], keysOf: (parts: KeyParts, term: string) => Array<[string, string]>) => {
      const added = new Set<string>();
      for (const { slug, term, keys: parts } of entries) {
        for (const [key, form] of keysOf(parts, term)) {
          const held = this.keys.get(key);
          if (!held) {
            this.keys.set(key, { slug, type, form });
            added.add(key);
          } else if (added.has(key) && held.slug !== slug && !held.others?.includes(slug)) held.others = [...(held.others ?? []), slug];
        }
      }
    };
    rank('exact', (parts, term) => parts.terms.map((key) => [key, term]));
    rank('alias', (parts) => parts.aliases);
    rank('form', (parts) => (parts.forms ?? []).map((key) => [key, key]));
  }

  find(query: string): KeyTarget | undefined {
    const key = normalize(query);
    return this.keys.get(key) ?? this.keys.get(compact(key));
  }
}

