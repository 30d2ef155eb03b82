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
import { mergeSearchParts, type SearchSource } from '../search/fulltext.ts';
import { FormIndex, type FuzzyForm, KeyIndex, type Lookupable, type Match } from '../search/lookup.ts';
import type { EntryBrief, EntryParts, PartKind } from '../search/parts.ts';
import type { CacheDir } from './cache-dir.ts';
import { CompiledDirectory, compileDirectory, matches, statOrUndefined } from './directory.ts';
import { join } from 'node:path';
import { DataError, GenzError } from '../errors.ts';
import { builtinSnapshotPath, builtinTermsDir } from '../install.ts';
import { Snapshot, SnapshotError, snapshotBytes } from './snapshot.ts';

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

interface Winner {
  source: number;
  index: number;
}

export class StoredGlossary implements Lookupable {
  private sources: CompiledDirectory[];
  private fullyChecked: boolean;
  private built = new Map<string, unknown>();

  constructor(private readonly options: StoreOptions) {
    this.sources = options.dirs.map((dir) => this.open(dir));
    if (options.builtin) this.sources.push(options.builtin);
    this.fullyChecked = options.dirs.length === 0;
  }

  /** Check 1: the directory's snapshot if the directory is unchanged, else a fresh compile. */
  private open(dir: string): CompiledDirectory {
    const now = this.options.now();
    const snapshot = this.options.cache?.read(dir, now);
    const previous = snapshot && CompiledDirectory.fromSnapshot(dir, snapshot);
    if (previous && matches(previous.dirSignature, statOrUndefined(dir))) return previous;
    return this.compile(dir, previous);
  }

  private compile(dir: string, previous: CompiledDirectory | undefined): CompiledDirectory {
    let content: ReturnType<typeof compileDirectory>;
    try {
      content = compileDirectory(dir, previous, this.options.buildId, this.options.now);
    } catch (error) {
      // A damaged snapshot (a section that does not parse) is compiled from scratch.
      if (!previous || (error as Error).name === 'UsageError') throw error;
      content = compileDirectory(dir, undefined, this.options.buildId, this.options.now);
    } finally {
      previous?.close();
    }
    this.options.cache?.write(dir, snapshotBytes(content), this.options.now());
    return CompiledDirectory.fromContent(content);
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
  private winners(): Map<string, Winner> {
    return this.memo('winners', () => {
      const winners = new Map<string, Winner>();
      this.sources.forEach((source, s) => {
        source.briefs().forEach((brief, index) => {
          if (!winners.has(brief.slug)) winners.set(brief.slug, { source: s, index });
        });
      });
      return winners;
    });
  }

  private winnerParts<K extends Exclude<PartKind, 'brief'>>(kind: K): Array<{ slug: string; parts: EntryParts[K] }> {
    const perSource = this.sources.map((source) => source.parts(kind));
    return [...this.winners()].map(([slug, w]) => ({ slug, parts: perSource[w.source]![w.index]! }));
  }

  private keys(): KeyIndex {
    return this.memo('keys', () =>
      new KeyIndex(
        this.winnerParts('keys').map(({ slug, parts }) => ({ slug, term: this.brief(slug)!.term, keys: parts })),
        () => this.winnerParts('generated').map(({ slug, parts }) => ({ slug, keys: parts })),
      ),
    );
  }

  /** Check 2: the entry's file and its links' files are as recorded. */
  private shownCurrent(entry: Entry): boolean {
    if (this.fullyChecked) return true;
    return [entry.slug, ...entry.related.map((link) => link.slug)].every((slug) => {
      const w = this.winners().get(slug);
      const source = w && this.sources[w.source]!;
      if (!source || source.builtin) return true;
      const record = source.files().find((file) => file.entry === w.index);
      return record !== undefined && matches(record.signature, statOrUndefined(join(source.dir, record.name)));
    });
  }

  exact(query: string): (Match & { others?: string[] }) | undefined {
    return this.guard(() => {
      const hit = this.keys().find(query);
      if (!hit) {
        if (this.fullyChecked) return undefined;
        this.fullCheck();
        return this.exact(query);
      }
      const entry = this.entry(hit.slug)!;
      if (!this.shownCurrent(entry)) {
        this.fullyChecked = true;
        this.refresh((source) => !source.current());
        return this.exact(query);
      }
      return { entry, type: hit.type, score: 1, matched: hit.form, ...(hit.others ? { others: hit.others } : {}) };
    });
  }

  termsIn(query: string): Array<{ slug: string; certainty: 'certain' | 'possible'; text: string }> {
    return this.memo('explainIndex', () => new ExplainIndex(this.explainSource())).explain(query);
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
      const w = this.winners().get(slug);
      return w && this.sources[w.source]!.entry(w.index);
    });
  }

  brief(slug: string): EntryBrief | undefined {
    return this.guard(() => {
      const w = this.winners().get(slug);
      return w && this.sources[w.source]!.briefs()[w.index];
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
        const data = mergeSearchParts(this.winnerParts('search'));
        let vocabulary: string[] | undefined;
        return {
          slugs: data.slugs,
          lengths: data.lengths,
          posting: (token: string) => (Object.hasOwn(data.postings, token) ? data.postings[token] : undefined),
          vocabulary: () => (vocabulary ??= Object.keys(data.postings)),
        };
      });
    });
  }

  /** Every entry, the shadowed ones included (for `genz validate` and `paths`). */
  glossary(): Glossary {
    return this.guard(() => {
      this.fullCheck();
      const all = this.sources.flatMap((source) => source.briefs().map((_, index) => source.entry(index)));
      return new Glossary(all, this.diagnostics, this.directories);
    });
  }

  get diagnostics(): Diagnostic[] {
    return this.guard(() => {
      return this.sources.filter((s) => !s.builtin).flatMap((source) => source.files().flatMap((file) => file.diagnostics));
    });
  }

  get directories(): DirectoryReport[] {
    return this.guard(() => {
      return this.sources.map((source) => ({ dir: source.dir, builtin: source.builtin, count: source.briefs().length }));
    });
  }
}
