/**
 * A compiled glossary ("pack"): files that let each command read only what it needs.
 * `define` reads one bucket of exact keys, one of slugs and one entry; `search` and
 * `explain` read their own index; only commands like `list` read every entry.
 *
 * Entries and their parts (parts.ts) live in record stores ("sources"): the built-in
 * glossary's, compiled at build time into dist/glossary/, and the cache's segments of user
 * files (cache.ts). A pack directory holds the derived indexes over the glossary in use:
 *
 *   winners.json    [slug, source, index, path, signature] per entry, in slug order (the
 *                   built-in pack's; the cache derives its winners from its file list)
 *   keys.hash       normalised exact key → every claim on it, best first: [[slug, "e"|"a", form]…]
 *   slugs.hash      slug → [source, index, path, signature, term, category, workplace, gist]
 *   keys-delta.json instead of the two above after a small change (cache.ts): the entries
 *                   that changed since a generation that has them, so one changed file does
 *                   not rebuild the keys of 10,000 (the fuzzy forms use it the same way)
 *   explain-*       the explain index: phrases by their first two words (explain.ts, leadKey),
 *                   ambiguous entries and cues
 *   search-*        the search index: documents (search-docs.bin: slugs, each field's
 *                   lengths and mean), postings by token, vocabulary
 *   forms.*         fuzzy form f as [slug, form, key], and its trigram count (forms.grams,
 *                   a byte each);  trigrams.hash  trigram → "start,count" of its forms'
 *                   ids in trigrams.ids (Uint32)
 *
 * Each index is built when first needed (`ensure`), so a change to one file rebuilds the
 * exact keys for the next `define` and the other indexes only when a command asks for them.
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { type ExplainSource, mergeExplainParts, phrasesByLead } from '../search/explain.ts';
import { fieldAverages, mergeSearchParts, type SearchSource } from '../search/fulltext.ts';
import { type FuzzyForm, type KeyParts, type KeyTarget, keyClaims } from '../search/lookup.ts';
import { compact, normalize } from '../search/normalize.ts';
import { MAX_CANDIDATES, topSharing, trigramScore, trigrams } from '../search/trigram.ts';
import type { Entry } from './entry.ts';
import type { EntryBrief, EntryParts, PartKind, Records } from './parts.ts';
import { HashFile, hashFileBytes, preadExactly, RecordFile, recordFileBytes } from './store.ts';

export const PACK_FORMAT = 8;

/** A file's identity and version: a change to any of these means "parse it again". */
export type FileSignature = [dev: number, ino: number, size: number, mtimeMs: number, ctimeMs: number];

/** An entry of the glossary in use and where it is stored. */
export interface Winner {
  slug: string;
  source: string;
  index: number;
  path: string;
  signature: FileSignature | null;
}

export interface Source {
  records: Records;
  /** Resolves the relative paths of the built-in entries. */
  root: string;
}

export type IndexKind = 'keys' | 'explain' | 'search' | 'forms';
const INDEX_FILES: Record<IndexKind, string[]> = {
  keys: ['keys.hash', 'slugs.hash'],
  explain: ['explain-phrases.hash', 'explain-meta.json'],
  search: ['search-docs.bin', 'search-postings.hash', 'search-vocabulary.txt'],
  forms: ['forms.data', 'forms.idx', 'forms.grams', 'trigrams.hash', 'trigrams.ids'],
};

type SlugRow = [source: string, index: number, path: string, signature: FileSignature | null, term: string, category: string, workplace: string, gist: string];

/** The exact keys of a generation as changes to an older one's (see keys-delta.json above). */
export interface KeysDelta {
  base: string;
  /** Slug → its new row and key parts, or null when it left the glossary. */
  changed: Record<string, { row: SlugRow; keys: KeyParts; forms: Array<[string, string]> } | null>;
}

export interface SlugInfo {
  source: string;
  index: number;
  path: string;
  signature: FileSignature | null;
  brief: EntryBrief;
}

let collator: Intl.Collator | undefined; // created on first use: it costs milliseconds
/** The glossary's order (as Glossary.entries: String#localeCompare, which this collator matches). */
export function bySlug(a: { slug: string }, b: { slug: string }): number {
  collator ??= new Intl.Collator();
  return collator.compare(a.slug, b.slug);
}

/** Writes a file so that readers see the old one or the new one, never a part. */
export function writeAtomic(path: string, data: string | Buffer): void {
  const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export class Pack {
  private keysFile?: HashFile;
  private slugsFile?: HashFile;
  private winnerList?: Winner[];
  private delta?: KeysDelta | null;
  /** Indexes known to exist (each is checked once per process). */
  private readonly ensured = new Set<IndexKind>();

  /** `winners` lists the glossary's entries (default: the pack's winners.json). */
  constructor(
    readonly dir: string,
    private readonly sources: Map<string, Source>,
    private readonly listWinners?: () => Winner[],
  ) {}

  get count(): number {
    return this.winners().length;
  }

  /** The glossary's entries in slug order. */
  winners(): Winner[] {
    if (!this.winnerList && this.listWinners) this.winnerList = this.listWinners().sort(bySlug);
    this.winnerList ??= (JSON.parse(readFileSync(join(this.dir, 'winners.json'), 'utf8')) as Array<[string, string, number, string, FileSignature | null]>).map(
      ([slug, source, index, path, signature]) => ({ slug, source, index, path, signature }),
    );
    return this.winnerList;
  }

  private partsOf<K extends PartKind>(kind: K): Array<EntryParts[K]> {
    return this.winners().map((w) => this.source(w.source).records.parts(kind)[w.index]!);
  }

  private source(name: string): Source {
    const source = this.sources.get(name);
    if (!source) throw new Error(`${this.dir}: unknown source ${name}`);
    return source;
  }

  /** Builds an index if this pack does not have it yet. */
  ensure(kind: IndexKind): void {
    if (this.ensured.has(kind)) return;
    if (!INDEX_FILES[kind].every((name) => existsSync(join(this.dir, name))) && !(kind === 'keys' && this.keysDelta())) this.build(kind);
    this.ensured.add(kind);
  }

  private build(kind: IndexKind): void {
    const write = (name: string, data: string | Buffer) => writeAtomic(join(this.dir, name), data);
    mkdirSync(this.dir, { recursive: true });
    if (kind === 'keys') {
      const briefs = this.partsOf('brief');
      const keys = this.partsOf('keys');
      const claims = keyClaims(briefs.map((brief, i) => ({ slug: brief.slug, term: brief.term, keys: keys[i]! })));
      const slugs = new Map(
        this.winners().map((w, i) => {
          const b = briefs[i]!;
          return [w.slug, JSON.stringify(slugRow(w, b))];
        }),
      );
      write('slugs.hash', hashFileBytes(slugs));
      const encode = (targets: KeyTarget[]) => JSON.stringify(targets.map((t) => [t.slug, t.type === 'exact' ? 'e' : 'a', t.form]));
      write('keys.hash', hashFileBytes(new Map([...claims].map(([key, targets]) => [key, encode(targets)]))));
    } else if (kind === 'explain') {
      const { phrases, ambiguous, cues, acronyms, slangRegister } = mergeExplainParts(this.partsOf('explain'));
      write('explain-phrases.hash', hashFileBytes(new Map([...phrasesByLead(phrases)].map(([key, list]) => [key, JSON.stringify(list)]))));
      write('explain-meta.json', JSON.stringify({ ambiguous, cues, acronyms, slangRegister }));
    } else if (kind === 'search') {
      const search = this.partsOf('search');
      const data = mergeSearchParts(this.winners().map((w, i) => ({ slug: w.slug, parts: search[i]! })));
      const tokens = Object.keys(data.postings);
      write('search-vocabulary.txt', tokens.join('\n'));
      write('search-postings.hash', hashFileBytes(new Map(tokens.map((token) => [token, JSON.stringify(data.postings[token])]))));
      write('search-docs.bin', searchDocsBytes(data.slugs, data.lengths));
    } else {
      const forms: string[] = [];
      const counts: number[] = [];
      const postings = new Map<string, number[]>();
      const formParts = this.partsOf('forms');
      this.winners().forEach((w, i) => {
        for (const [form, key] of formParts[i]!) {
          const grams = trigrams(key);
          for (const gram of grams) {
            const list = postings.get(gram) ?? [];
            list.push(forms.length);
            postings.set(gram, list);
          }
          forms.push(JSON.stringify([w.slug, form, key]));
          counts.push(Math.min(255, grams.length));
        }
      });
      const file = recordFileBytes(forms);
      // Postings as Uint32 runs (native byte order: a pack is built on the machine that reads it)
      // in trigrams.ids; the hash gives each trigram's "start,count".
      const ids = new Uint32Array([...postings.values()].reduce((n, list) => n + list.length, 0));
      const places = new Map<string, string>();
      let at = 0;
      for (const [gram, list] of postings) {
        ids.set(list, at);
        places.set(gram, `${at},${list.length}`);
        at += list.length;
      }
      write('trigrams.ids', Buffer.from(ids.buffer, ids.byteOffset, ids.byteLength));
      write('trigrams.hash', hashFileBytes(places));
      write('forms.grams', Buffer.from(counts));
      write('forms.idx', file.index);
      write('forms.data', file.data);
      // A generation whose exact keys are a delta over an older one that has no fuzzy forms:
      // give it keys of its own too, so that later changes are deltas over this generation
      // and their fuzzy lookups use these forms, instead of rebuilding them after every change.
      if (!existsSync(join(this.dir, 'keys.hash'))) this.build('keys');
    }
  }

  /** This generation's keys as a delta over an older one, or null when it has its own. */
  private keysDelta(): KeysDelta | null {
    if (this.delta === undefined) {
      try {
        this.delta = JSON.parse(readFileSync(join(this.dir, 'keys-delta.json'), 'utf8')) as KeysDelta;
        if (!existsSync(join(this.dir, '..', this.delta.base, 'keys.hash'))) this.delta = null;
      } catch {
        this.delta = null;
      }
    }
    return this.delta;
  }

  private keysDir(): string {
    const delta = this.keysDelta();
    return delta ? join(this.dir, '..', delta.base) : this.dir;
  }

  /** The entry a normalised key names, with how it matched. */
  key(key: string): { slug: string; type: 'exact' | 'alias'; form: string } | undefined {
    this.ensure('keys');
    this.keysFile ??= new HashFile(join(this.keysDir(), 'keys.hash'));
    const value = this.keysFile.get(key);
    let claims = value === undefined ? [] : (JSON.parse(value) as Array<[string, string, string]>).map(([slug, type, form]) => ({ slug, type: type === 'e' ? ('exact' as const) : ('alias' as const), form }));
    const delta = this.keysDelta();
    if (delta) {
      claims = claims.filter((claim) => !(claim.slug in delta.changed));
      for (const [slug, change] of Object.entries(delta.changed)) {
        if (!change) continue;
        const own = keyClaims([{ slug, term: change.row[4], keys: change.keys }]).get(key) ?? [];
        claims.push(...own);
      }
      claims.sort((a, b) => (a.type === b.type ? bySlug(a, b) : a.type === 'exact' ? -1 : 1));
    }
    return claims[0];
  }

  /** Exact lookup of a query, as TermIndex.exact does it. */
  exact(query: string): { slug: string; type: 'exact' | 'alias'; form: string } | undefined {
    const key = normalize(query);
    return this.key(key) ?? this.key(compact(key));
  }

  slug(slug: string): SlugInfo | undefined {
    this.ensure('keys');
    const delta = this.keysDelta();
    let row: SlugRow | undefined;
    if (delta && slug in delta.changed) row = delta.changed[slug]?.row;
    else {
      this.slugsFile ??= new HashFile(join(this.keysDir(), 'slugs.hash'));
      const value = this.slugsFile.get(slug);
      row = value === undefined ? undefined : (JSON.parse(value) as SlugRow);
    }
    if (!row) return undefined;
    const [source, index, path, signature, term, category, workplace, gist] = row;
    return { source, index, path, signature, brief: { slug, term, category, workplace, gist } };
  }

  entry(info: { source: string; index: number }): Entry {
    const source = this.source(info.source);
    return withSource(JSON.parse(source.records.entryText(info.index)) as Entry, source.root);
  }

  /** Every entry, in slug order. */
  allEntries(): Entry[] {
    const texts = new Map<string, Buffer[]>();
    return this.winners().map((w) => {
      const source = this.source(w.source);
      let list = texts.get(w.source);
      if (!list) {
        list = source.records.entryTexts();
        texts.set(w.source, list);
      }
      return withSource(JSON.parse(list[w.index]!.toString('utf8')) as Entry, source.root);
    });
  }

  /** The explain index, reading the phrases of each word of the message as it comes. */
  explainData(): ExplainSource {
    this.ensure('explain');
    const meta = JSON.parse(readFileSync(join(this.dir, 'explain-meta.json'), 'utf8')) as Omit<ExplainSource, 'phrasesUnder'>;
    const phrases = new HashFile(join(this.dir, 'explain-phrases.hash'));
    return {
      ...meta,
      phrasesUnder: (key) => {
        const value = phrases.get(key);
        return value === undefined ? undefined : (JSON.parse(value) as Array<[string[], string, number]>);
      },
    };
  }

  /** The search index, reading only the postings of the words asked for. */
  searchData(): SearchSource {
    this.ensure('search');
    const { slugs, lengths, averages } = readSearchDocs(readFileSync(join(this.dir, 'search-docs.bin')));
    const postings = new HashFile(join(this.dir, 'search-postings.hash'));
    let vocabulary: string[] | undefined;
    return {
      slugs,
      lengths,
      averages,
      posting: (token) => {
        const value = postings.get(token);
        return value === undefined ? undefined : (JSON.parse(value) as number[]);
      },
      vocabulary: () => {
        vocabulary ??= readFileSync(join(this.dir, 'search-vocabulary.txt'), 'utf8').split('\n');
        return vocabulary;
      },
    };
  }

  /** Forms worth ranking for the key: all of a small glossary's, else the trigram candidates. */
  fuzzyForms(key: string, prefilterAbove: number): FuzzyForm[] {
    const delta = this.keysDelta();
    const baseDir = delta ? join(this.dir, '..', delta.base) : this.dir;
    const useDelta = delta !== null && !existsSync(join(this.dir, 'forms.idx')) && existsSync(join(baseDir, 'trigrams.hash'));
    if (!useDelta) this.ensure('forms');
    const dir = useDelta ? baseDir : this.dir;
    const changed = useDelta ? delta.changed : {};
    const forms = new RecordFile(join(dir, 'forms.data'), join(dir, 'forms.idx'));
    // [form, its place in its entry's list, trigram score against the key]
    const candidates: Array<{ form: FuzzyForm; place: number; score: number }> = [];
    const toForm = (text: string | Buffer, place: number, score: number) => {
      const [slug, form, formKey] = JSON.parse(text.toString()) as [string, string, string];
      if (!(slug in changed)) candidates.push({ form: { slug, form, key: formKey }, place, score });
    };
    const all = forms.count();
    if (all <= prefilterAbove) {
      forms.all().forEach((text, id) => {
        toForm(text, id, 0);
      });
    } else {
      const grams = new HashFile(join(dir, 'trigrams.hash'));
      const idsFd = openSync(join(dir, 'trigrams.ids'), 'r');
      try {
        const counts = readFileSync(join(dir, 'forms.grams'));
        const top = topSharing(
          (gram) => {
            const value = grams.get(gram);
            if (value === undefined) return undefined;
            const [start, count] = value.split(',').map(Number) as [number, number];
            const bytes = preadExactly(idsFd, 4 * count, 4 * start); // 8-byte aligned (Buffer's pool)
            return new Uint32Array(bytes.buffer, bytes.byteOffset, count);
          },
          key,
          (id) => counts[id] ?? 255,
          all,
        );
        for (const [id, score] of top) toForm(forms.get(id), id, score);
      } finally {
        grams.close();
        closeSync(idsFd);
      }
    }
    // Entries changed since the base generation: their forms, scored the same way.
    const wanted = trigrams(key);
    const wantedSet = new Set(wanted);
    for (const [slug, change] of Object.entries(changed)) {
      change?.forms.forEach(([form, formKey], place) => {
        const own = trigrams(formKey);
        const shared = own.filter((gram) => wantedSet.has(gram)).length;
        if (all <= prefilterAbove || shared > 0) candidates.push({ form: { slug, form, key: formKey }, place, score: trigramScore(shared, wanted.length, own.length) });
      });
    }
    const kept = all <= prefilterAbove ? candidates : candidates.sort((a, b) => b.score - a.score).slice(0, MAX_CANDIDATES);
    // In glossary order, as fuse.js would see them in a full list (ids are in that order
    // already; only forms from a delta need the collator, which costs ms to create).
    const hasDelta = Object.keys(changed).length > 0;
    return kept.sort((a, b) => (hasDelta ? bySlug(a.form, b.form) : 0) || a.place - b.place).map((c) => c.form);
  }
}

/**
 * search-docs.bin: u32 documents, u32 fields, then each field's mean length (Float64), each
 * field's lengths (Uint32, a row per field), then the slugs, NUL-separated (UTF-8). Read
 * with no JSON: at 10,000 entries that is 60,000 numbers and 10,000 strings per search.
 */
function searchDocsBytes(slugs: string[], lengths: number[][]): Buffer {
  const head = Buffer.alloc(8 + 8 * lengths.length);
  head.writeUInt32LE(slugs.length, 0);
  head.writeUInt32LE(lengths.length, 4);
  fieldAverages(lengths).forEach((mean, f) => {
    head.writeDoubleLE(mean, 8 + 8 * f);
  });
  // The lengths in the machine's byte order, as trigrams.ids: a pack is read where it is built.
  const counts = new Uint32Array(lengths.length * slugs.length);
  lengths.forEach((row, field) => {
    counts.set(row, field * slugs.length);
  });
  return Buffer.concat([head, Buffer.from(counts.buffer), Buffer.from(slugs.join('\0'), 'utf8')]);
}

function readSearchDocs(bytes: Buffer): { slugs: string[]; lengths: Uint32Array[]; averages: number[] } {
  const docs = bytes.readUInt32LE(0);
  const fields = bytes.readUInt32LE(4);
  const countsAt = 8 + 8 * fields;
  const slugsAt = countsAt + 4 * fields * docs;
  if (slugsAt > bytes.length) throw new Error('search-docs.bin: truncated');
  const averages = Array.from({ length: fields }, (_, f) => bytes.readDoubleLE(8 + 8 * f));
  // A copy, aligned whatever the Buffer's offset.
  const counts = new Uint32Array(fields * docs);
  new Uint8Array(counts.buffer).set(bytes.subarray(countsAt, slugsAt));
  const lengths = Array.from({ length: fields }, (_, f) => counts.subarray(f * docs, (f + 1) * docs));
  const slugs = docs === 0 ? [] : bytes.toString('utf8', slugsAt).split('\0');
  if (slugs.length !== docs) throw new Error('search-docs.bin: damaged');
  return { slugs, lengths, averages };
}

export function slugRow(w: Winner, b: EntryBrief): SlugRow {
  return [w.source, w.index, w.path, w.signature, b.term, b.category, b.workplace, b.gist];
}

function withSource(entry: Entry, root: string): Entry {
  if (!isAbsolute(entry.source.path)) entry.source = { path: join(root, entry.source.path), builtin: entry.source.builtin };
  return entry;
}

export function writeWinners(dir: string, winners: Winner[]): void {
  mkdirSync(dir, { recursive: true });
  writeAtomic(join(dir, 'winners.json'), JSON.stringify(winners.map((w) => [w.slug, w.source, w.index, w.path, w.signature])));
}
