/**
 * define's exact keys: every entry's slug, term and aliases, spaced and joined, and the forms
 * generated from them (forms.ts), ranked so that nothing hides a stronger key of another entry.
 */
import type { Entry } from '../corpus/entry.ts';
import { compact, normalize } from '../text/normalize.ts';
import { isEnglishWord } from './english.ts';
import { generatedForms, inflectable } from './forms.ts';

export interface KeyTarget {
  slug: string;
  type: 'exact' | 'alias' | 'form';
  form: string;
  /** Other entries with the same key at the same rank ("a query shared by several entries"). */
  others?: string[];
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

/**
 * The forms of an entry that define answers without a word written for them. An entry whose
 * own word is ordinary English (`ambiguous`: fire, bet) has ordinary inflections too ("fired",
 * "betting"): those are left out, and its slang ones are aliases.
 */
export function keyForms(entry: Entry): string[] {
  return generatedForms(inflectable([entry.term, ...entry.aliases])).filter((form) => !(entry.ambiguous && !form.includes(' ') && isEnglishWord(form)));
}

export function keyParts(entry: Entry): KeyParts {
  return {
    terms: [...keysOf(entry.slug), ...keysOf(entry.term)],
    aliases: entry.aliases.flatMap((alias) => keysOf(alias).map((key): [string, string] => [key, alias])),
  };
}

export function generatedKeys(entry: Entry): string[] {
  return keyForms(entry).flatMap(keysOf);
}

/**
 * Adds a key of one rank unless a stronger rank holds it. The same key from another entry of
 * the same rank makes it shared.
 */
function addKey(keys: Map<string, KeyTarget>, key: string, slug: string, type: KeyTarget['type'], form: string): void {
  const held = keys.get(key);
  if (!held) keys.set(key, { slug, type, form });
  else if (held.type === type && held.slug !== slug && !held.others?.includes(slug)) held.others = [...(held.others ?? []), slug];
}

/**
 * The exact keys of entries in glossary order, by rank: terms and slugs, then aliases, then
 * generated forms, so a form never shadows another entry's alias nor an alias its term. Entries
 * sharing a key at one rank are all kept, for define to list. The generated forms are read
 * only when no term or alias is the query: a hit never pays for them.
 */
export class KeyIndex {
  private readonly keys = new Map<string, KeyTarget>();
  private withForms?: Map<string, KeyTarget>;

  constructor(
    entries: Array<{ slug: string; term: string; keys: KeyParts }>,
    private readonly generated: () => Array<{ slug: string; keys: string[] }> = () => [],
  ) {
    for (const { slug, term, keys } of entries) for (const key of keys.terms) addKey(this.keys, key, slug, 'exact', term);
    for (const { slug, keys } of entries) for (const [key, alias] of keys.aliases) addKey(this.keys, key, slug, 'alias', alias);
  }

  find(query: string): KeyTarget | undefined {
    const key = normalize(query);
    const hit = this.keys.get(key) ?? this.keys.get(compact(key));
    if (hit) return hit;
    if (!this.withForms) {
      this.withForms = new Map(this.keys);
      for (const { slug, keys } of this.generated()) for (const key of keys) addKey(this.withForms, key, slug, 'form', key);
    }
    return this.withForms.get(key) ?? this.withForms.get(compact(key));
  }
}
