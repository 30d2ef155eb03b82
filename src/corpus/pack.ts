/**
 * A compiled glossary ("pack"): a directory of files that let each command read only what
 * it needs. `define` reads one bucket of exact keys and one entry; `search` and `explain`
 * read their own index; only `list`-like commands read every entry. The built-in glossary
 * is compiled to one at build time (dist/glossary/), user directories into the cache.
 *
 *   head.json       format, counts
 *   entries.*       entry i as JSON (record file), entries sorted by slug
 *   keys.hash       normalised exact key → [i, "e"|"a", matched form]
 *   slugs.hash      slug → [i, term, source path, file signature]
 *   summary.json    [slug, term, category, workplace, gist] per entry
 *   explain.json    ExplainIndexData;  search.json  SearchIndexData
 *   parts.*         entry i's EntryParts (so a bigger glossary can be merged without recomputing)
 *   forms.*         fuzzy form f as [slug, form, key];  trigrams.hash  trigram → [f…]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { type ExplainIndexData, type ExplainParts, explainParts, mergeExplainParts } from '../search/explain.ts';
import { mergeSearchParts, type SearchIndexData, type SearchParts, searchParts } from '../search/fulltext.ts';
import { type FuzzyForm, fuzzyFormsOf, type KeyParts, keyParts, mergeKeyParts } from '../search/lookup.ts';
import { compact, normalize } from '../search/normalize.ts';
import { topCandidates, trigrams } from '../search/trigram.ts';
import type { Entry } from './entry.ts';
import { HashFile, hashFileBytes, RecordFile, recordFileBytes } from './store.ts';

export const PACK_FORMAT = 2;

/** Everything derived from one entry that the indexes need; computed once per file. */
export interface EntryParts {
  keys: KeyParts;
  forms: Array<[string, string]>;
  explain: ExplainParts;
  search: SearchParts;
}

/** A file's identity and version: a change to any of these means "parse it again". */
export type FileSignature = [dev: number, ino: number, size: number, mtimeMs: number, ctimeMs: number];

export interface PackItem {
  /** The entry as JSON text (kept as text so a rebuild copies it without parsing). */
  entryJson: string | Buffer;
  slug: string;
  term: string;
  category: string;
  workplace: string;
  gist: string;
  path: string;
  signature: FileSignature | null;
  parts: EntryParts;
}

/** Summary row of an entry: enough for search results, explain and suggestions. */
export interface EntryBrief {
  slug: string;
  term: string;
  category: string;
  workplace: string;
  gist: string;
}

export function entryParts(entry: Entry): EntryParts {
  return { keys: keyParts(entry), forms: fuzzyFormsOf(entry), explain: explainParts(entry), search: searchParts(entry) };
}

/** A pack item for an entry; `storedPath` replaces its source path in the pack (relative for the built-in one). */
export function packItem(entry: Entry, signature: FileSignature | null, parts = entryParts(entry), storedPath = entry.source.path): PackItem {
  const stored = { ...entry, source: { path: storedPath, builtin: entry.source.builtin } };
  return {
    entryJson: JSON.stringify(stored),
    slug: entry.slug,
    term: entry.term,
    category: entry.category,
    workplace: entry.workplace,
    gist: entry.gist,
    path: storedPath,
    signature,
    parts,
  };
}

let collator: Intl.Collator | undefined; // created on first use: it costs milliseconds
/** The glossary's order (as Glossary.entries: String#localeCompare, which this collator matches). */
export function bySlug(a: { slug: string }, b: { slug: string }): number {
  collator ??= new Intl.Collator();
  return collator.compare(a.slug, b.slug);
}

/** Writes a pack of `items` (one per slug, any order) into `dir`, which must be new. */
export function writePack(dir: string, items: PackItem[]): void {
  const sorted = [...items].sort(bySlug);
  mkdirSync(dir, { recursive: true });
  const write = (name: string, data: string | Buffer) => writeFileSync(join(dir, name), data);

  const entries = recordFileBytes(sorted.map((item) => item.entryJson));
  write('entries.data', entries.data);
  write('entries.idx', entries.index);

  const indexOf = new Map(sorted.map((item, i) => [item.slug, i]));
  const keys = new Map<string, string>();
  for (const [key, target] of mergeKeyParts(sorted.map((item) => ({ slug: item.slug, term: item.term, keys: item.parts.keys })))) {
    keys.set(key, JSON.stringify([indexOf.get(target.slug), target.type === 'exact' ? 'e' : 'a', target.form]));
  }
  write('keys.hash', hashFileBytes(keys));
  write('slugs.hash', hashFileBytes(new Map(sorted.map((item, i) => [item.slug, JSON.stringify([i, item.term, item.path, item.signature])]))));
  write('summary.json', JSON.stringify(sorted.map((item) => [item.slug, item.term, item.category, item.workplace, item.gist])));
  write('explain.json', JSON.stringify(mergeExplainParts(sorted.map((item) => item.parts.explain))));
  write('search.json', JSON.stringify(mergeSearchParts(sorted.map((item) => ({ slug: item.slug, parts: item.parts.search })))));

  const forms: string[] = [];
  const postings = new Map<string, number[]>();
  for (const item of sorted) {
    for (const [form, key] of item.parts.forms) {
      const id = forms.length;
      forms.push(JSON.stringify([item.slug, form, key]));
      for (const gram of trigrams(key)) {
        const list = postings.get(gram) ?? [];
        list.push(id);
        postings.set(gram, list);
      }
    }
  }
  const formFile = recordFileBytes(forms);
  write('forms.data', formFile.data);
  write('forms.idx', formFile.index);
  write('trigrams.hash', hashFileBytes(new Map([...postings].map(([gram, ids]) => [gram, JSON.stringify(ids)]))));
  const parts = recordFileBytes(sorted.map((item) => JSON.stringify(item.parts)));
  write('parts.data', parts.data);
  write('parts.idx', parts.index);
  write('head.json', JSON.stringify({ format: PACK_FORMAT, count: sorted.length, forms: forms.length }));
}

export class Pack {
  readonly count: number;
  readonly formCount: number;
  private keysFile?: HashFile;
  private slugsFile?: HashFile;
  private readonly entries: RecordFile;
  private summaryRows?: EntryBrief[];

  /** `root` resolves entries' relative source paths (the built-in glossary's). */
  constructor(
    readonly dir: string,
    readonly root: string,
    readonly builtin: boolean,
  ) {
    const head = JSON.parse(readFileSync(join(dir, 'head.json'), 'utf8')) as { format: number; count: number; forms: number };
    if (head.format !== PACK_FORMAT) throw new Error(`${dir}: compiled by another version of genz`);
    this.count = head.count;
    this.formCount = head.forms;
    this.entries = new RecordFile(join(dir, 'entries.data'), join(dir, 'entries.idx'));
  }

  /** The entry a normalised key names, with how it matched. */
  key(key: string): { index: number; type: 'exact' | 'alias'; form: string } | undefined {
    this.keysFile ??= new HashFile(join(this.dir, 'keys.hash'));
    const value = this.keysFile.get(key);
    if (value === undefined) return undefined;
    const [index, type, form] = JSON.parse(value) as [number, string, string];
    return { index, type: type === 'e' ? 'exact' : 'alias', form };
  }

  /** Exact lookup of a query, as TermIndex.exact does it. */
  exact(query: string): { index: number; type: 'exact' | 'alias'; form: string } | undefined {
    const key = normalize(query);
    return this.key(key) ?? this.key(compact(key));
  }

  slug(slug: string): { index: number; term: string; path: string; signature: FileSignature | null } | undefined {
    this.slugsFile ??= new HashFile(join(this.dir, 'slugs.hash'));
    const value = this.slugsFile.get(slug);
    if (value === undefined) return undefined;
    const [index, term, path, signature] = JSON.parse(value) as [number, string, string, FileSignature | null];
    return { index, term, path: this.resolve(path), signature };
  }

  private resolve(path: string): string {
    return isAbsolute(path) ? path : join(this.root, path);
  }

  entryAt(index: number): Entry {
    return this.withSource(JSON.parse(this.entries.get(index)) as Entry);
  }

  private withSource(entry: Entry): Entry {
    entry.source = { path: this.resolve(entry.source.path), builtin: entry.source.builtin };
    return entry;
  }

  /** Every entry, in slug order. */
  allEntries(): Entry[] {
    return this.entries.all().map((bytes) => this.withSource(JSON.parse(bytes.toString('utf8')) as Entry));
  }

  /** Raw entry texts, for a rebuild that copies them. */
  entryTexts(): Buffer[] {
    return this.entries.all();
  }

  /** Each entry's parts, in slug order. */
  allParts(): EntryParts[] {
    return new RecordFile(join(this.dir, 'parts.data'), join(this.dir, 'parts.idx')).all().map((b) => JSON.parse(b.toString('utf8')) as EntryParts);
  }

  summaries(): EntryBrief[] {
    this.summaryRows ??= (JSON.parse(readFileSync(join(this.dir, 'summary.json'), 'utf8')) as string[][]).map(
      ([slug, term, category, workplace, gist]) => ({ slug: slug!, term: term!, category: category!, workplace: workplace!, gist: gist! }),
    );
    return this.summaryRows;
  }

  explainData(): ExplainIndexData {
    return JSON.parse(readFileSync(join(this.dir, 'explain.json'), 'utf8')) as ExplainIndexData;
  }

  searchData(): SearchIndexData {
    return JSON.parse(readFileSync(join(this.dir, 'search.json'), 'utf8')) as SearchIndexData;
  }

  /** Forms worth ranking for the key: all of a small pack's, else the trigram candidates. */
  fuzzyForms(key: string, prefilterAbove: number): FuzzyForm[] {
    const forms = new RecordFile(join(this.dir, 'forms.data'), join(this.dir, 'forms.idx'));
    const toForm = (text: string | Buffer): FuzzyForm => {
      const [slug, form, formKey] = JSON.parse(text.toString()) as [string, string, string];
      return { slug, form, key: formKey };
    };
    if (this.formCount <= prefilterAbove) return forms.all().map(toForm);
    const grams = new HashFile(join(this.dir, 'trigrams.hash'));
    try {
      const ids = topCandidates((gram) => {
        const value = grams.get(gram);
        return value === undefined ? undefined : (JSON.parse(value) as number[]);
      }, key);
      return ids.sort((a, b) => a - b).map((id) => toForm(forms.get(id)));
    } finally {
      grams.close();
    }
  }
}
