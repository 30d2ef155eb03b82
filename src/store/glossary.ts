/**
 * The glossary in use: the user's directories (highest precedence first) and the built-in
 * glossary, each a Source (directory.ts), merged by slug. Indexes are built in memory from the
 * parts a command needs, when it first needs them.
 *
 * The checks that keep answers fresh (cheapest first):
 * 1. Opening stats each user directory. A directory whose signature changed (a file added,
 *    removed or renamed; an editor's save by rename) is compiled again from its changed files.
 * 2. `define` that finds its word stats the entry's file and those of the entries it links
 *    to. A file edited in place changes only its own signature; a changed one (or one
 *    recorded as racy) compiles its directory again before anything is printed.
 * 3. Anything that answers from many entries (a miss, a typo, search, explain, list) first
 *    stats every file ("full check"). So a miss is reported only after every file was seen.
 * The gap left: a `define` hit does not notice another file, edited in place, that now
 *    claims the same word, until a command that makes the full check runs.
 * The built-in glossary ships with the package and is never checked.
 */
import { join } from 'node:path';
import type { Entry } from '../corpus/entry.ts';
import { type DirectoryReport, Glossary } from '../corpus/glossary.ts';
import type { Diagnostic } from '../corpus/parse.ts';
import { listTermNames } from '../corpus/read.ts';
import { DataError, GenzError } from '../errors.ts';
import { builtinSnapshotPath, builtinTermsDir } from '../install.ts';
import { ExplainIndex, type ExplainSource } from '../search/explain.ts';
import type { SearchSource } from '../search/fulltext.ts';
import { FormIndex, type FuzzyForm, type Lookupable, type Match } from '../search/lookup.ts';
import type { KeyParts } from '../search/keys.ts';
import type { EntryBrief } from '../search/parts.ts';
import { drive, finish, type Pause, type Steps } from '../text/steps.ts';
import { compact, normalize } from '../text/normalize.ts';
import type { CacheDir } from './cache-dir.ts';
import { type Compiled, compileSteps, matches, statOrUndefined } from './directory.ts';
import { storedExplainSource } from './explain-store.ts';
import { type FileRecord, Snapshot, SnapshotError } from './snapshot.ts';
import { type IndexRow, Source } from './source.ts';

/** The built-in glossary that ships with the package, compiled by `npm run build`. */
export function openBuiltin(path = builtinSnapshotPath()): Source {
  try {
    return new Source(builtinTermsDir(), Snapshot.open(path), undefined, true);
  } catch {
    throw new DataError(`the built-in glossary ${path} is missing or damaged`, 'run "npm run build" in the genz folder');
  }
}

export interface StoreOptions {
  /** User directories, highest precedence first. */
  dirs: string[];
  /** The built-in glossary, compiled at build time; absent with --no-builtin. */
  builtin?: Source;
  /** Where snapshots are kept; absent when no cache can be used (compiled in memory). */
  cache?: CacheDir;
  buildId: string;
  now: () => number;
}

/** The search fields (term, aliases, synonyms, tags, gist, definition: fulltext.ts). */
const FIELD_COUNT = [0, 1, 2, 3, 4, 5];

/** An entry: which source it is in, and its number (file line) there. */
interface Place {
  source: number;
  n: number;
}

/** An entry with its index row. */
interface Winner extends Place {
  row: IndexRow;
}

/**
 * A directory recorded racily (changed just before it was compiled) has no signature; it is
 * the same as recorded when it lists the same names (what its signature stands for: files
 * added, removed or renamed), which costs a listing, not a compile.
 */
function sameNames(source: Source, dir: string): boolean {
  try {
    const names = listTermNames(dir);
    const files = source.lines<FileRecord>('files');
    const recorded = source.order().map((n) => files[n]!.name);
    return names.length === recorded.length && names.every((name, i) => name === recorded[i]);
  } catch {
    return false;
  }
}

/** Precedence order: by source, then by file name within a directory. */
const byPlace = (a: Winner, b: Winner): number => a.source - b.source || (a.row.file < b.row.file ? -1 : a.row.file > b.row.file ? 1 : 0);

export class StoredGlossary implements Lookupable {
  private sources: Source[];
  private fullyChecked: boolean;
  private built = new Map<string, unknown>();

  constructor(
    private readonly options: StoreOptions,
    opened?: Source[],
  ) {
    this.sources = opened ?? options.dirs.map((dir) => finish(this.open(dir)));
    if (options.builtin) this.sources.push(options.builtin);
    this.fullyChecked = options.dirs.length === 0;
  }

  /** The constructor's work with pauses (text/steps.ts), so that Ctrl-C works while it compiles. */
  static async open(options: StoreOptions, pause: Pause): Promise<StoredGlossary> {
    const store = new StoredGlossary(options, []);
    const opened: Source[] = [];
    for (const dir of options.dirs) opened.push(await drive(store.open(dir), pause, options.now));
    store.sources.unshift(...opened);
    return store;
  }

  /** Check 1: the directory's snapshot (and delta) if the directory is unchanged, else a compile of its changed files. */
  private *open(dir: string): Steps<Source> {
    const { cache, now } = this.options;
    const base = cache?.read(dir, now());
    let delta = base && cache?.read(dir, now(), 'delta');
    if (delta && delta.header.base !== base?.header.id) {
      delta.close();
      delta = undefined;
    }
    const previous = base && new Source(dir, base, delta);
    if (previous && (matches(previous.dirSignature, statOrUndefined(dir)) || (previous.dirSignature === null && sameNames(previous, dir)))) return previous;
    return yield* this.compileSteps(dir, previous);
  }

  private compile(dir: string, previous: Source | undefined): Source {
    return finish(this.compileSteps(dir, previous));
  }

  private *compileSteps(dir: string, previous: Source | undefined): Steps<Source> {
    const { buildId, now, cache } = this.options;
    let compiled: Compiled;
    try {
      compiled = yield* compileSteps(dir, previous, buildId, now);
    } catch (error) {
      // A damaged snapshot (a section that does not parse) is compiled from scratch.
      previous?.close();
      if (!previous || (error as Error).name === 'UsageError') throw error;
      return yield* this.compileSteps(dir, undefined);
    }
    // Written and renamed in one synchronous step: no signal handler runs in between, so
    // Ctrl-C or SIGTERM never leaves a temporary file behind.
    cache?.write(dir, compiled.bytes, now(), compiled.delta ? 'delta' : 'base');
    const snapshot = new Snapshot(compiled.bytes);
    if (!compiled.delta) {
      previous?.close();
      return new Source(dir, snapshot, undefined, false, true);
    }
    previous!.delta?.close();
    return new Source(dir, previous!.base, snapshot, false, true);
  }

  /**
   * Check 3 with pauses, then every entry read: what `list` needs, made ready so that
   * Ctrl-C works meanwhile. A damaged snapshot met here is left to the guarded sync path.
   */
  async prepare(pause: Pause, entries: boolean): Promise<Glossary | undefined> {
    try {
      if (!this.fullyChecked) {
        const stale: boolean[] = [];
        for (const source of this.sources) stale.push(!(await drive(source.currentSteps(), pause, this.options.now)));
        for (const [i, source] of this.sources.entries()) {
          if (stale[i]) this.sources[i] = await drive(this.compileSteps(source.dir, source), pause, this.options.now);
        }
        if (stale.includes(true)) this.built.clear();
        this.fullyChecked = true;
      }
      if (!entries) return undefined;
      const all = await drive(this.allEntries(), pause, this.options.now);
      return new Glossary(all, this.diagnostics, this.directories);
    } catch (error) {
      if (error instanceof GenzError) throw error;
      return undefined; // the sync path compiles afresh and asks again
    }
  }

  private *allEntries(): Steps<Entry[]> {
    const all: Entry[] = [];
    for (const source of this.sources) {
      const slugs = source.lines<string>('slugs');
      for (const n of source.order()) {
        if (slugs[n] === null) continue;
        all.push(source.entry(n));
        yield;
      }
    }
    return all;
  }

  /** Check 3, once per process: every file of every user directory as recorded. True when one was not. */
  private fullCheck(): boolean {
    if (this.fullyChecked) return false;
    this.fullyChecked = true;
    let changed = false;
    this.sources = this.sources.map((source) => {
      if (source.current()) return source;
      changed = true;
      return this.compile(source.dir, source);
    });
    if (changed) this.built.clear();
    return changed;
  }

  /**
   * Runs a read; a snapshot found damaged on the way has every user directory compiled
   * afresh, and the read runs again on what the files say.
   */
  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      // A snapshot is read lazily, so damage can surface as any error: bad JSON, a part of
      // the wrong shape. Compiled afresh, a second failure is a real error.
      if (error instanceof GenzError) throw error;
      for (const source of this.sources) source.close();
      this.sources = this.sources.map((source) => (source.builtin ? source : this.compile(source.dir, undefined)));
      this.built.clear();
      this.fullyChecked = true;
      try {
        return read();
      } catch (again) {
        // Every user directory is fresh now: what is left damaged is the built-in glossary.
        if (again instanceof SnapshotError) throw new DataError('the built-in glossary is damaged', 'reinstall genz, or run "npm run build"');
        throw again;
      }
    }
  }

  /** Built once per process (and again after a refresh). */
  private memo<T>(name: string, build: () => T): T {
    if (!this.built.has(name)) this.built.set(name, build());
    return this.built.get(name) as T;
  }

  /** The first entry of each slug, in precedence order (then file order). */
  private winners(): Map<string, Place> {
    return this.memo('winners', () => {
      const winners = new Map<string, Place>();
      this.sources.forEach((source, s) => {
        const slugs = source.lines<string>('slugs');
        for (const n of source.order()) {
          const slug = slugs[n];
          if (slug && !winners.has(slug)) winners.set(slug, { source: s, n });
        }
      });
      return winners;
    });
  }

  /** The entry of `slug` that wins, found by its slug line alone (no section is parsed whole). */
  private find(slug: string): Winner | undefined {
    const found = this.memo('found', () => new Map<string, Winner | undefined>());
    const known = this.built.get('winners') as Map<string, Place> | undefined;
    if (!found.has(slug) && known) {
      const place = known.get(slug);
      found.set(slug, place && { ...place, row: this.sources[place.source]!.row(place.n) });
    }
    if (!found.has(slug)) {
      let winner: Winner | undefined;
      for (const [s, source] of this.sources.entries()) {
        // The first in file-name order, should two files of a directory share the slug.
        const hits = source.linesContaining<string>('slugs', JSON.stringify(slug)).filter((line) => line.value === slug);
        const rows = hits.map(({ n }) => ({ source: s, n, row: source.row(n) })).sort(byPlace);
        if (rows[0]) {
          winner = rows[0];
          break;
        }
      }
      found.set(slug, winner);
    }
    return found.get(slug);
  }

  private wins(place: Winner): boolean {
    const winner = this.find(place.row.slug);
    return winner?.source === place.source && winner.n === place.n;
  }

  /**
   * The exact match of a query, as a key index over the winning entries would give it:
   * terms and slugs first, then aliases; in precedence order, then file order. Only the
   * lines holding the key are read.
   */
  private findKey(query: string): { winner: Winner; type: 'exact' | 'alias' | 'form'; form: string; others?: string[] } | undefined {
    const key = normalize(query);
    const keys = [...new Set([key, compact(key)])].filter(Boolean);
    const candidates = this.sources.flatMap((source, s) =>
      keys.flatMap((k) => source.linesContaining<KeyParts>('keys', JSON.stringify(k)).map(({ n, value }) => ({ source: s, n, keys: value }))),
    );
    for (const k of keys) {
      for (const type of ['exact', 'alias'] as const) {
        // An entry hidden by another of the same slug claims nothing; entries that share
        // the key at one rank are all returned, for define to list.
        const hits = candidates
          .filter((c) => (type === 'exact' ? c.keys.terms.includes(k) : c.keys.aliases.some(([alias]) => alias === k)))
          .map((c) => ({ ...c, row: this.sources[c.source]!.row(c.n) }))
          .filter((h) => this.wins(h))
          .sort(byPlace);
        const [hit] = hits;
        if (!hit) continue;
        const others = [...new Set(hits.map((h) => h.row.slug))].filter((slug) => slug !== hit.row.slug);
        const form = type === 'exact' ? hit.row.term : hit.keys.aliases.find(([alias]) => alias === k)![1];
        return { winner: hit, type, form, ...(others.length > 0 ? { others } : {}) };
      }
    }
    // Generated forms (inflections, pronoun variants) only when no term or alias is the query.
    for (const k of keys) {
      const slugs = this.sources.flatMap((source) =>
        source
          .linesContaining<{ slug: string; keys: string[] }>('generated', JSON.stringify(k))
          .filter(({ value }) => value.keys.includes(k))
          .map(({ value }) => value.slug),
      );
      const winners = [...new Set(slugs)].map((slug) => this.find(slug)).filter((w): w is Winner => w !== undefined);
      const [hit, ...rest] = winners.sort(byPlace);
      if (hit) return { winner: hit, type: 'form', form: k, ...(rest.length > 0 ? { others: rest.map((w) => w.row.slug) } : {}) };
    }
    return undefined;
  }

  /** Check 2: the entry's file and its links' files are as recorded. */
  private shownCurrent(entry: Entry): boolean {
    if (this.fullyChecked) return true;
    return [entry.slug, ...entry.related.map((link) => link.slug)].every((slug) => {
      const w = this.find(slug);
      const source = w && this.sources[w.source]!;
      if (!source || source.builtin || source.fresh) return true;
      return matches(w.row.signature, statOrUndefined(join(source.dir, w.row.file)));
    });
  }

  exact(query: string): (Match & { others?: string[] }) | undefined {
    return this.guard(() => {
      const hit = this.findKey(query);
      // A miss stands only once every file was seen: asked again if one had changed.
      if (!hit) return this.fullCheck() ? this.exact(query) : undefined;
      const entry = this.sources[hit.winner.source]!.entry(hit.winner.n);
      if (!this.shownCurrent(entry)) {
        this.fullCheck();
        return this.exact(query);
      }
      return { entry, type: hit.type, score: 1, matched: hit.form, ...(hit.others ? { others: hit.others } : {}) };
    });
  }

  /** The terms a longer query names ("no rizz" → rizz), as explain finds them. */
  termsIn(query: string): Array<{ slug: string; certainty: 'certain' | 'possible'; text: string }> {
    return this.guard(() => this.memo('explainIndex', () => new ExplainIndex(this.explainSource())).explain(query));
  }

  fuzzyForms(key: string): FuzzyForm[] {
    return this.guard(() => {
      this.fullCheck();
      return this.memo('forms', () => this.formIndex()).nearest(key);
    });
  }

  /**
   * Every winning entry's terms and aliases, in glossary order. A base stores their keys in
   * one list (`formKeys`: the keys, and where each line's begin), so no entry's forms are
   * parsed but those of the nearest few; a delta's are read from its lines.
   */
  private formIndex(): FormIndex {
    const keys: string[] = [];
    const places: Array<[number, number, number]> = []; // source, line, form of the line
    const stored = this.sources.map((source) => source.base.lines<string[] | number[]>('formKeys') as [string[], number[]]);
    for (const { source: s, n } of this.winners().values()) {
      const source = this.sources[s]!;
      const [baseKeys, starts] = stored[s]!;
      const own = n < source.base.header.count ? baseKeys.slice(starts[n], starts[n + 1]) : source.line<Array<[string, string]>>('forms', n)!.map(([, k]) => k);
      for (const [v, formKey] of own.entries()) {
        keys.push(formKey);
        places.push([s, n, v]);
      }
    }
    const slugs = this.sources.map((source) => source.lines<string>('slugs'));
    return new FormIndex(keys, (i) => {
      const [s, n, v] = places[i]!;
      const [form, formKey] = this.sources[s]!.line<Array<[string, string]>>('forms', n)![v]!;
      return { slug: slugs[s]![n]!, form, key: formKey };
    });
  }

  entry(slug: string): Entry | undefined {
    return this.guard(() => {
      const w = this.find(slug);
      return w && this.sources[w.source]!.entry(w.n);
    });
  }

  brief(slug: string): EntryBrief | undefined {
    return this.guard(() => {
      const w = this.find(slug);
      if (!w) return undefined;
      const { term, category, workplace, gist } = w.row;
      return { slug, term, category, workplace, gist };
    });
  }

  termOf = (slug: string): string | undefined => this.brief(slug)?.term;

  /** explain's index over the winning entries (explain-store.ts); a lookup that meets damage is guarded too. */
  explainSource(): ExplainSource {
    const view = () =>
      this.guard(() => {
        this.fullCheck();
        return this.memo('explain', () => storedExplainSource(this.sources, this.winners()));
      });
    const { phrasesUnder: _, isPlain: __, words: ___, ...lists } = view();
    return {
      ...lists,
      phrasesUnder: (key) => this.guard(() => view().phrasesUnder(key)),
      isPlain: (phrase) => view().isPlain!(phrase),
      words: () => this.guard(() => view().words!()),
    };
  }

  searchSource(): SearchSource {
    return this.guard(() => {
      this.fullCheck();
      return this.memo('search', () => {
        // Documents are the winning entries, numbered in winners' order. A base stores the
        // postings of each word ([line, field, count, …]: `postingsKeys`, `postings`); a
        // delta's are made from its lines' counts.
        const winners = [...this.winners()];
        const docOf = this.sources.map(() => new Map<number, number>());
        for (const [doc, [, w]] of winners.entries()) docOf[w.source]!.set(w.n, doc);
        const perSource = this.sources.map((source) => source.lines<number[]>('lengths'));
        const lengths = FIELD_COUNT.map((f) => winners.map(([, w]) => perSource[w.source]![w.n]![f]!));
        const deltas = this.sources.map((source) => {
          const byWord = new Map<string, number[]>();
          for (const [i, counts] of (source.delta?.lines<Array<string | number> | null>('search') ?? []).entries()) {
            for (let k = 0; k < (counts?.length ?? 0); k += 3) {
              const word = counts![k] as string;
              if (!byWord.has(word)) byWord.set(word, []);
              byWord.get(word)!.push(source.base.header.count + i, counts![k + 1] as number, counts![k + 2] as number);
            }
          }
          return byWord;
        });
        const postings = new Map<string, number[] | undefined>();
        const posting = (word: string) => {
          const out: number[] = [];
          for (const [s, source] of this.sources.entries()) {
            const list = [...(source.base.lineByKey<number[]>('postings', word) ?? []), ...(deltas[s]!.get(word) ?? [])];
            for (let i = 0; i < list.length; i += 3) {
              const doc = docOf[s]!.get(list[i]!);
              if (doc !== undefined) out.push(doc, list[i + 1]!, list[i + 2]!);
            }
          }
          return out.length > 0 ? out : undefined;
        };
        let vocabulary: string[] | undefined;
        return {
          slugs: winners.map(([slug]) => slug),
          lengths,
          posting: (word: string) => {
            if (!postings.has(word)) postings.set(word, posting(word));
            return postings.get(word);
          },
          vocabulary: () =>
            (vocabulary ??= [...new Set(this.sources.flatMap((source, s) => [...source.base.lines<string[]>('postingsKeys')[0]!, ...deltas[s]!.keys()]))]),
        };
      });
    });
  }

  /** Every entry, the shadowed ones included (for `genz validate` and `paths`). */
  glossary(): Glossary {
    return this.guard(() => {
      this.fullCheck();
      return new Glossary(finish(this.allEntries()), this.diagnostics, this.directories);
    });
  }

  get diagnostics(): Diagnostic[] {
    return this.guard(() => this.sources.filter((s) => !s.builtin).flatMap((source) => source.problems().flatMap((file) => file.diagnostics)));
  }

  get directories(): DirectoryReport[] {
    return this.guard(() =>
      this.sources.map((source) => ({ dir: source.dir, builtin: source.builtin, count: source.lines<string>('slugs').filter((slug) => slug !== null).length })),
    );
  }
}
