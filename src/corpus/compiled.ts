/**
 * The glossary in use, answered from compiled packs: the built-in pack alone, or the
 * cached pack of the user's directories merged with it (cache.ts). Each question reads only
 * what it needs and makes the freshness check it needs (see the checks in cache.ts).
 */
import { DataError, GenzError } from '../errors.ts';
import type { ExplainSource } from '../search/explain.ts';
import type { SearchSource } from '../search/fulltext.ts';
import type { FuzzyForm, Lookupable, Match } from '../search/lookup.ts';
import { PREFILTER_ABOVE } from '../search/trigram.ts';
import { type Compiled, DirectoryCache, unchanged } from './cache.ts';
import type { Entry } from './entry.ts';
import { builtinDirectory, type DirectoryReport, Glossary, openBuiltin } from './load.ts';
import type { Pack } from './pack.ts';
import type { EntryBrief } from './parts.ts';
import type { Diagnostic } from './parse.ts';

export interface CompiledOptions {
  dirs: string[];
  includeBuiltin: boolean;
  builtinPath: string;
  cacheRoot: string;
}

export class CompiledGlossary implements Lookupable {
  private current: Compiled;
  private readonly cache?: DirectoryCache;
  private fullyChecked = false;

  constructor(options: CompiledOptions) {
    const builtin = options.includeBuiltin ? openBuiltin(options.builtinPath) : undefined;
    if (options.dirs.length === 0 && builtin) {
      this.current = { pack: builtin.pack, diagnostics: [], directories: [builtinDirectory(options.builtinPath, builtin.pack.count)] };
      this.fullyChecked = true; // the built-in pack never changes under us
    } else {
      this.cache = new DirectoryCache({
        dirs: options.dirs,
        ...(builtin ? { builtin: { ...builtin, path: options.builtinPath } } : {}),
        cacheRoot: options.cacheRoot,
      });
      this.current = this.cache.open();
      // An update on opening (a directory changed) has just looked at every file.
      this.fullyChecked = this.current.updated === true;
    }
  }

  get diagnostics(): Diagnostic[] {
    return this.current.diagnostics;
  }

  get directories(): DirectoryReport[] {
    return this.current.directories;
  }

  private get pack(): Pack {
    return this.current.pack;
  }

  private refresh(fresh = false): void {
    if (!this.cache) return;
    this.current = this.cache.update(fresh);
    this.fullyChecked = true;
  }

  /** Reads through `read`; a damaged cache is rebuilt once, a damaged built-in pack reported. */
  private guard<T>(read: () => T): T {
    try {
      return read();
    } catch (error) {
      if (error instanceof GenzError) throw error;
      if (!this.cache) throw new DataError(`the built-in glossary cannot be read: ${(error as Error).message}`, 'run "npm run build"');
      this.refresh(true);
      return read();
    }
  }

  /** Check 3 of cache.ts, once per process: every file as recorded. */
  private ensureFullyCurrent(): void {
    if (this.fullyChecked) return;
    this.fullyChecked = true;
    if (this.cache && !this.cache.fullyCurrent()) this.refresh();
  }

  /** Check 2: the entry's file and the files of the entries it links to. */
  private shownCurrent(entry: Entry): boolean {
    if (this.fullyChecked) return true;
    for (const slug of [entry.slug, ...entry.related.map((link) => link.slug)]) {
      const known = this.pack.slug(slug);
      if (known?.signature && !unchanged(known.path, known.signature)) return false;
    }
    return true;
  }

  exact(query: string): Match | undefined {
    return this.guard(() => {
      const hit = this.pack.exact(query);
      if (!hit) {
        // A miss is reported only after every file was checked.
        if (this.fullyChecked) return undefined;
        this.ensureFullyCurrent();
        return this.exact(query);
      }
      const entry = this.pack.entry(this.pack.slug(hit.slug)!);
      if (!this.shownCurrent(entry)) {
        this.refresh();
        return this.exact(query);
      }
      return { entry, type: hit.type, score: 1, matched: hit.form };
    });
  }

  fuzzyForms(key: string): FuzzyForm[] {
    this.ensureFullyCurrent();
    return this.guard(() => this.pack.fuzzyForms(key, PREFILTER_ABOVE));
  }

  entry(slug: string): Entry | undefined {
    return this.guard(() => {
      const known = this.pack.slug(slug);
      return known ? this.pack.entry(known) : undefined;
    });
  }

  termOf = (slug: string): string | undefined => this.brief(slug)?.term;

  brief(slug: string): EntryBrief | undefined {
    return this.guard(() => this.pack.slug(slug)?.brief);
  }

  explainData(): ExplainSource {
    this.ensureFullyCurrent();
    return this.guard(() => this.pack.explainData());
  }

  searchData(): SearchSource {
    this.ensureFullyCurrent();
    return this.guard(() => this.pack.searchData());
  }

  /** Every entry, for the commands that need them all. */
  glossary(): Glossary {
    this.ensureFullyCurrent();
    return new Glossary(
      this.guard(() => this.pack.allEntries()),
      this.diagnostics,
      this.directories,
    );
  }
}
