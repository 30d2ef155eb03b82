/**
 * The glossary in use: the user's directories (highest precedence first) and the built-in
 * glossary, each a CompiledDirectory, merged by slug. Indexes are built in memory from the
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
import type { Entry } from '../corpus/entry.ts';
import { type DirectoryReport, Glossary } from '../corpus/glossary.ts';
import type { Diagnostic } from '../corpus/parse.ts';
import { ExplainIndex, type ExplainIndexData, type ExplainSource, mergeExplainParts, phrasesByLead } from '../search/explain.ts';
import type { SearchSource } from '../search/fulltext.ts';
import { FormIndex, type FuzzyForm, type Lookupable, type Match } from '../search/lookup.ts';
import type { EntryBrief, EntryParts } from '../search/parts.ts';
import type { CacheDir } from './cache-dir.ts';
import { drive, finish, type Pause, type Steps } from '../text/steps.ts';
import { CompiledDirectory, compileSteps, matches, statOrUndefined } from './directory.ts';
import { join } from 'node:path';
import { DataError, GenzError } from '../errors.ts';
import { builtinSnapshotPath, builtinTermsDir } from '../install.ts';
import { type IndexRow, Snapshot, type SnapshotContent, SnapshotError, snapshotBytes } from './snapshot.ts';
import { compact, normalize } from '../text/normalize.ts';

/** The built-in glossary that ships with the package, compiled by `npm run build`. */
export function openBuiltin(path = builtinSnapshotPath()): CompiledDirectory {
  try {
    return CompiledDirectory.fromSnapshot(builtinTermsDir(), new Snapshot(path), true);
  } catch {
    throw new DataError(`the built-in glossary ${path} is missing or damaged`, 'run "npm run build" in the genz folder');
  }
}

export interface StoreOptions {
  /** User directories, highest precedence first. */
  dirs: string[];
  /** The built-in glossary, compiled at build time; absent with --no-builtin. */
  builtin?: CompiledDirectory;
  /** Where snapshots are kept; absent when no cache can be used (compiled in memory). */
  cache?: CacheDir;
  buildId: string;
  now: () => number;
}

/** The search fields (term, aliases, synonyms, tags, gist, definition: fulltext.ts). */
const FIELD_COUNT = [0, 1, 2, 3, 4, 5];

/** An entry: which source it is in, and its number there. */
interface Place {
  source: number;
  n: number;
}

/** An entry with its index row. */
interface Winner {
  source: number;
  row: IndexRow;
}

export class StoredGlossary implements Lookupable {
  private sources: CompiledDirectory[];
  private fullyChecked: boolean;
  private built = new Map<string, unknown>();

  constructor(
    private readonly options: StoreOptions,
    opened?: CompiledDirectory[],
  ) {
    this.sources = opened ?? options.dirs.map((dir) => finish(this.open(dir)));
    if (options.builtin) this.sources.push(options.builtin);
    this.fullyChecked = options.dirs.length === 0;
  }

  /** The constructor's work with pauses (text/steps.ts), so that Ctrl-C works while it compiles. */
  static async open(options: StoreOptions, pause: Pause): Promise<StoredGlossary> {
    const store = new StoredGlossary(options, []);
    const opened: CompiledDirectory[] = [];
    for (const dir of options.dirs) opened.push(await drive(store.open(dir), pause, options.now));
    store.sources.unshift(...opened);
    return store;
  }

  /** Check 1: the directory's snapshot if the directory is unchanged, else a fresh compile. */
  private *open(dir: string): Steps<CompiledDirectory> {
    const now = this.options.now();
    const snapshot = this.options.cache?.read(dir, now);
    const previous = snapshot && CompiledDirectory.fromSnapshot(dir, snapshot);
    if (previous && matches(previous.dirSignature, statOrUndefined(dir))) return previous;
    return yield* this.compileSteps(dir, previous);
  }

  private compile(dir: string, previous: CompiledDirectory | undefined): CompiledDirectory {
    return finish(this.compileSteps(dir, previous));
  }

  private *compileSteps(dir: string, previous: CompiledDirectory | undefined): Steps<CompiledDirectory> {
    let content: SnapshotContent;
    try {
      content = yield* compileSteps(dir, previous, this.options.buildId, this.options.now);
    } catch (error) {
      // A damaged snapshot (a section that does not parse) is compiled from scratch.
      if (!previous || (error as Error).name === 'UsageError') throw error;
      content = yield* compileSteps(dir, undefined, this.options.buildId, this.options.now);
    } finally {
      previous?.close();
    }
    // Written and renamed in one synchronous step: no signal handler runs in between, so
    // Ctrl-C or SIGTERM never leaves a temporary file behind.
    this.options.cache?.write(dir, snapshotBytes(content), this.options.now());
    return CompiledDirectory.fromContent(content);
  }

  /**
   * Check 3 with pauses, then every entry read: what `list` needs, made ready so that
   * Ctrl-C works meanwhile. A damaged snapshot met here is left to the guarded sync path.
   */
  async prepare(pause: Pause, entries: boolean): Promise<Glossary | undefined> {
    try {
      if (!this.fullyChecked) {
        const stale: boolean[] = [];
        for (const source of this.sources) stale.push(!source.builtin && !(await drive(source.currentSteps(), pause, this.options.now)));
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
      for (const row of source.rows()) {
        all.push(source.entry(row));
        yield;
      }
    }
    return all;
  }

  /** Check 3, once per process: every file of every user directory as recorded. */
  private fullCheck(): void {
    if (this.fullyChecked) return;
    this.fullyChecked = true;
    this.refresh((source) => !source.current());
  }

  private refresh(stale: (source: CompiledDirectory) => boolean): void {
    let changed = false;
    this.sources = this.sources.map((source) => {
      if (source.builtin || !stale(source)) return source;
      changed = true;
      return this.compile(source.dir, source);
    });
    if (changed) this.built.clear();
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
        for (const [n, slug] of source.slugs().entries()) if (!winners.has(slug)) winners.set(slug, { source: s, n });
      });
      return winners;
    });
  }

  private winnerParts<K extends 'forms' | 'explain'>(kind: K): Array<{ slug: string; parts: EntryParts[K] }> {
    const perSource = this.sources.map((source) => source.parts(kind));
    return [...this.winners()].map(([slug, w]) => ({ slug, parts: perSource[w.source]![w.n]! }));
  }

  /** The entry of `slug` that wins, found by its line alone (no section is parsed whole). */
  private find(slug: string): Winner | undefined {
    const found = this.memo('found', () => new Map<string, Winner | undefined>());
    if (!found.has(slug)) {
      let winner: Winner | undefined;
      for (const [s, source] of this.sources.entries()) {
        const row = source.rowsContaining(`"slug":${JSON.stringify(slug)}`).find((r) => r.slug === slug);
        if (row) {
          winner = { source: s, row };
          break;
        }
      }
      found.set(slug, winner);
    }
    return found.get(slug);
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
      keys.flatMap((k) => source.rowsContaining(JSON.stringify(k)).map((row) => ({ source: s, row }))),
    );
    for (const k of keys) {
      for (const type of ['exact', 'alias'] as const) {
        const claims = ({ row }: Winner) => (type === 'exact' ? row.terms.includes(k) : row.aliases.some(([alias]) => alias === k));
        // An entry hidden by another of the same slug claims nothing; entries that share
        // the key at one rank are all returned, for define to list.
        const hits = candidates.filter((h) => claims(h) && this.find(h.row.slug)?.source === h.source).sort((a, b) => a.source - b.source || a.row.n - b.row.n);
        const [hit] = hits;
        if (!hit) continue;
        const others = [...new Set(hits.map((h) => h.row.slug))].filter((slug) => slug !== hit.row.slug);
        const form = type === 'exact' ? hit.row.term : hit.row.aliases.find(([alias]) => alias === k)![1];
        return { winner: hit, type, form, ...(others.length > 0 ? { others } : {}) };
      }
    }
    // Generated forms (inflections, pronoun variants) only when no term or alias is the query.
    for (const k of keys) {
      const slugs = this.sources.flatMap((source) =>
        source
          .generatedContaining(JSON.stringify(k))
          .filter((line) => line.keys.includes(k))
          .map((line) => line.slug),
      );
      const winners = [...new Set(slugs)].map((slug) => this.find(slug)).filter((w): w is Winner => w !== undefined);
      winners.sort((a, b) => a.source - b.source || a.row.n - b.row.n);
      const [hit, ...rest] = winners;
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
      if (!source || source.builtin) return true;
      return matches(w.row.signature, statOrUndefined(join(source.dir, w.row.file)));
    });
  }

  exact(query: string): (Match & { others?: string[] }) | undefined {
    return this.guard(() => {
      const hit = this.findKey(query);
      if (!hit) {
        if (this.fullyChecked) return undefined;
        this.fullCheck();
        return this.exact(query);
      }
      const entry = this.sources[hit.winner.source]!.entry(hit.winner.row);
      if (!this.shownCurrent(entry)) {
        this.fullyChecked = true;
        this.refresh((source) => !source.current());
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
      const forms = this.memo('forms', () =>
        new FormIndex(this.winnerParts('forms').flatMap(({ slug, parts }) => parts.map(([form, formKey]) => ({ slug, form, key: formKey })))),
      );
      return forms.nearest(key);
    });
  }

  entry(slug: string): Entry | undefined {
    return this.guard(() => {
      const w = this.find(slug);
      return w && this.sources[w.source]!.entry(w.row);
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

  explainSource(): ExplainSource & ExplainIndexData {
    return this.guard(() => {
      this.fullCheck();
      return this.memo('explain', () => {
        const data = mergeExplainParts(this.winnerParts('explain').map(({ parts }) => parts));
        const byLead = phrasesByLead(data.phrases);
        return { ...data, phrasesUnder: (key: string) => byLead.get(key) };
      });
    });
  }

  searchSource(): SearchSource {
    return this.guard(() => {
      this.fullCheck();
      return this.memo('search', () => {
        // Documents are the winning entries, numbered in winners' order; each directory's
        // postings are read one word at a time and renumbered.
        const winners = [...this.winners()];
        const docOf = this.sources.map(() => new Map<number, number>());
        for (const [doc, [, w]] of winners.entries()) docOf[w.source]!.set(w.n, doc);
        const perSource = this.sources.map((source) => source.lengths());
        const lengths = FIELD_COUNT.map((f) => winners.map(([, w]) => perSource[w.source]![w.n]![f]!));
        let vocabulary: string[] | undefined;
        return {
          slugs: winners.map(([slug]) => slug),
          lengths,
          posting: (word: string) => {
            const out: number[] = [];
            for (const [s, source] of this.sources.entries()) {
              const list = source.postings(word) ?? [];
              for (let i = 0; i < list.length; i += 3) {
                const doc = docOf[s]!.get(list[i]!);
                if (doc !== undefined) out.push(doc, list[i + 1]!, list[i + 2]!);
              }
            }
            return out.length > 0 ? out : undefined;
          },
          vocabulary: () => (vocabulary ??= [...new Set(this.sources.flatMap((source) => source.vocabulary()))]),
        };
      });
    });
  }

  /** Every entry, the shadowed ones included (for `genz validate` and `paths`). */
  glossary(): Glossary {
    return this.guard(() => {
      this.fullCheck();
      const all = this.sources.flatMap((source) => source.rows().map((row) => source.entry(row)));
      return new Glossary(all, this.diagnostics, this.directories);
    });
  }

  get diagnostics(): Diagnostic[] {
    return this.guard(() => {
      return this.sources.filter((s) => !s.builtin).flatMap((source) => source.problems().flatMap((file) => file.diagnostics));
    });
  }

  get directories(): DirectoryReport[] {
    return this.guard(() => {
      return this.sources.map((source) => ({ dir: source.dir, builtin: source.builtin, count: source.rows().length }));
    });
  }
}
