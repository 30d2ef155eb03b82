/**
 * The glossary in use: the user's directories (highest precedence first) and the built-in
 * glossary, each a Source (source.ts, opened by open.ts), merged by slug: the first entry of a
 * slug wins, by precedence and then file name. Each command reads only what it needs, and
 * the indexes it reads (explain-store.ts, index-store.ts) count the winning entries only.
 *
 * The checks that keep answers fresh (cheapest first):
 * 1. Opening stats each user directory (open.ts). A directory whose signature changed (a file
 *    added, removed or renamed; an editor's save by rename) is compiled again from its changed files.
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
import { DataError, GenzError } from '../errors.ts';
import { ExplainIndex, type ExplainSource } from '../search/explain.ts';
import type { SearchSource } from '../search/fulltext.ts';
import type { KeyParts } from '../search/keys.ts';
import type { FuzzyForm, Lookupable, Match } from '../search/lookup.ts';
import type { EntryBrief } from '../search/parts.ts';
import { compact, normalize } from '../text/normalize.ts';
import { drive, finish, type Pause, type Steps } from '../text/steps.ts';
import { matches, statOrUndefined } from './signature.ts';
import { storedExplainSource } from './explain-store.ts';
import { storedForms, storedSearchSource } from './index-store.ts';
import { openSteps, recompile, recompileSteps, type StoreOptions } from './open.ts';
import { SnapshotError } from './snapshot.ts';
import type { IndexRow, Source } from './source.ts';

export { openBuiltin, type StoreOptions } from './open.ts';

/** An entry: which source it is in, and its number (file line) there. */
interface Place {
  source: number;
  n: number;
}

/** An entry with its index row. */
interface Winner extends Place {
  row: IndexRow;
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
    this.sources = opened ?? options.dirs.map((dir) => finish(openSteps(dir, options)));
    if (options.builtin) this.sources.push(options.builtin);
    this.fullyChecked = options.dirs.length === 0;
  }

  /** The constructor's work with pauses (text/steps.ts), so that Ctrl-C works while it compiles. */
  static async open(options: StoreOptions, pause: Pause): Promise<StoredGlossary> {
    const store = new StoredGlossary(options, []);
    const opened: Source[] = [];
    for (const dir of options.dirs) opened.push(await drive(openSteps(dir, options), pause, options.now));
    store.sources.unshift(...opened);
    return store;
  }

  /**
   * Check 3 with pauses, then every entry read: what `list` needs, made ready so that
   * Ctrl-C works meanwhile. A damaged snapshot met here is left to the guarded sync path.
   */
  async prepare(pause: Pause, entries: boolean): Promise<Glossary | undefined> {
    try {
      await drive(this.fullCheckSteps(), pause, this.options.now);
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

  /** Check 3, once per process: every file of every user directory as recorded, else compiled again. True when one was not. */
  private *fullCheckSteps(): Steps<boolean> {
    if (this.fullyChecked) return false;
    let changed = false;
    for (const [i, source] of this.sources.entries()) {
      if (yield* source.currentSteps()) continue;
      this.sources[i] = yield* recompileSteps(source.dir, source, this.options);
      changed = true;
    }
    // Only once every directory was seen: damage met halfway leaves it to be done again (guard).
    this.fullyChecked = true;
    if (changed) this.built.clear();
    return changed;
  }

  private fullCheck(): boolean {
    return finish(this.fullCheckSteps());
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
      this.sources = this.sources.map((source) => (source.builtin ? source : recompile(source.dir, undefined, this.options)));
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
      keys.flatMap((k) => source.linesWithKey<KeyParts>('keys', k).map(({ n, value }) => ({ source: s, n, keys: value }))),
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
          .linesWithKey<{ slug: string; keys: string[] }>('generated', k)
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
      return this.memo('forms', () => storedForms(this.sources, this.winners())).nearest(key);
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
    const { phrasesUnder: _, isPlain: __, wordsUnder: ___, ...lists } = view();
    // Which phrases given so far are plain words, kept here: a view compiled afresh after
    // damage has seen none of them.
    const plain = new Set<string>();
    return {
      ...lists,
      phrasesUnder: (key) =>
        this.guard(() => {
          const current = view();
          const found = current.phrasesUnder(key);
          for (const [tokens] of found ?? []) {
            const phrase = tokens.join(' ');
            if (current.isPlain!(phrase)) plain.add(phrase);
          }
          return found;
        }),
      isPlain: (phrase) => plain.has(phrase),
      wordsUnder: (keys) => this.guard(() => view().wordsUnder!(keys)),
    };
  }

  /** search's source over the winning entries (index-store.ts); its reads are guarded too. */
  searchSource(): SearchSource {
    const view = () =>
      this.guard(() => {
        this.fullCheck();
        return this.memo('search', () => storedSearchSource(this.sources, this.winners()));
      });
    return { ...view(), posting: (word) => this.guard(() => view().posting(word)), vocabulary: () => this.guard(() => view().vocabulary()) };
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
