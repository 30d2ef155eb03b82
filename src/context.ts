/**
 * What every command is handed: the I/O, the global options, and lazily the glossary.
 * Deciding colour and width from the environment lives here, once.
 */
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { accessSync, constants, existsSync } from 'node:fs';
import type { Glossary } from './corpus/glossary.ts';
import type { Diagnostic } from './corpus/parse.ts';
import { EXIT, UsageError } from './errors.ts';
import { BUILD_ID } from './install.ts';
import type { Io } from './io.ts';
import { Output } from './output.ts';
import { safeJson, sanitizeInline } from './render/sanitize.ts';
import { type ColorLevel, makeStyle, type Style } from './render/style.ts';
import { ExplainIndex } from './search/explain.ts';
import { SearchIndex } from './search/fulltext.ts';
import type { Lookupable } from './search/lookup.ts';
import type { EntryBrief } from './search/parts.ts';
import { CacheDir, cacheRootOf } from './store/cache-dir.ts';
import { openBuiltin, type StoreOptions, StoredGlossary } from './store/glossary.ts';

export interface GlobalOptions {
  data: string[];
  /** false with --no-color */
  color: boolean;
  /** false with --no-builtin */
  builtin: boolean;
  width?: number;
  /** false with --no-pager */
  pager?: boolean;
  /** true with --quiet: no warnings (the exit status still reports broken files) */
  quiet?: boolean;
}

export interface SearchPathEntry {
  dir: string;
  from: '--data' | 'GENZ_PATH' | 'XDG_CONFIG_HOME' | 'built-in';
}

export class Context {
  private stored?: StoredGlossary;
  private loaded?: Glossary;
  private path?: SearchPathEntry[];
  private readonly warnedFiles = new Set<string>();
  private explainer?: ExplainIndex;
  private searcher?: SearchIndex;
  private readonly output: Output;

  constructor(
    readonly io: Io,
    readonly global: GlobalOptions,
    readonly builtinPath?: string,
  ) {
    this.output = new Output(io, global.pager !== false);
  }

  get colorLevel(): ColorLevel {
    const { env, stdout } = this.io;
    if (!this.global.color) return 0;
    const force = env['FORCE_COLOR'];
    if (force !== undefined) {
      if (force === '0' || force === 'false') return 0;
      const level = Number.parseInt(force, 10);
      return (level >= 1 && level <= 3 ? level : 1) as ColorLevel;
    }
    if (env['NO_COLOR'] || env['TERM'] === 'dumb' || !stdout.isTTY) return 0;
    if (env['COLORTERM'] === 'truecolor' || env['COLORTERM'] === '24bit') return 3;
    return env['TERM']?.includes('256') ? 2 : 1;
  }

  get style(): Style {
    return makeStyle(this.colorLevel);
  }

  /** --width, else the terminal's columns, else COLUMNS, else 80. */
  get width(): number {
    if (this.global.width) return this.global.width;
    const { stdout, env } = this.io;
    if (stdout.isTTY && stdout.columns) return stdout.columns;
    const columns = Number.parseInt(env['COLUMNS'] ?? '', 10);
    return columns > 0 ? columns : 80;
  }

  /**
   * A path from the command line or GENZ_PATH, made absolute against the working directory.
   * When that directory was removed, a relative path is a usage error: resolved against
   * $PWD, it could make `genz new` recreate the removed directory.
   */
  absolute(path: string): string {
    if (isAbsolute(path)) return path;
    if (this.io.cwdRemoved) {
      throw new UsageError(`${path}: the working directory no longer exists`, 'cd to a directory that exists, or give an absolute path');
    }
    return resolve(this.io.cwd, path);
  }

  /** $XDG_CONFIG_HOME/genz/terms (default ~/.config/genz/terms), whether or not it exists. */
  personalDir(): string {
    const { env } = this.io;
    // Relative XDG and HOME values are ignored, as the XDG spec says.
    const xdg = env['XDG_CONFIG_HOME'];
    const home = env['HOME'] && isAbsolute(env['HOME']) ? env['HOME'] : homedir();
    const config = xdg && isAbsolute(xdg) ? xdg : join(home, '.config');
    return join(config, 'genz', 'terms');
  }

  /**
   * User directories in precedence order: --data > GENZ_PATH > $XDG_CONFIG_HOME/genz/terms.
   * A missing --data directory is an error (it was asked for by name, see load.ts); a
   * missing GENZ_PATH entry is a warning, since the variable outlives the directories it
   * names; the personal directory is optional.
   */
  searchPath(): SearchPathEntry[] {
    if (this.path) return this.path;
    const { env } = this.io;
    const path: SearchPathEntry[] = this.global.data.map((dir) => ({ dir: this.absolute(dir), from: '--data' as const }));
    for (const dir of (env['GENZ_PATH'] ?? '').split(':').filter(Boolean)) {
      const abs = isAbsolute(dir) || !this.io.cwdRemoved ? this.absolute(dir) : undefined;
      if (abs !== undefined && existsSync(abs)) path.push({ dir: abs, from: 'GENZ_PATH' });
      else this.warn(`GENZ_PATH names ${dir}, which does not exist; skipped`);
    }
    const personal = this.personalDir();
    if (existsSync(personal)) path.push({ dir: personal, from: 'XDG_CONFIG_HOME' });
    const seen = new Set<string>();
    this.path = path.filter((entry) => !seen.has(entry.dir) && seen.add(entry.dir));
    return this.path;
  }

  /** $XDG_CACHE_HOME/genz (default ~/.cache/genz); undefined when neither variable is an absolute path. */
  get cacheRoot(): string | undefined {
    return cacheRootOf(this.io.env);
  }

  /** The snapshot directory, or why there is none: then every directory is compiled in memory. */
  cache(): CacheDir | { problem: string } {
    const root = this.cacheRoot;
    if (root === undefined) return { problem: 'neither XDG_CACHE_HOME nor HOME is an absolute path' };
    return CacheDir.open(root, BUILD_ID, this.io.uid);
  }

  /** The glossary in use (store/glossary.ts): each command reads only what it needs. */
  compiled(): StoredGlossary {
    this.stored ??= new StoredGlossary(this.storeOptions());
    return this.stored;
  }

  private storeOptions(): StoreOptions {
    const cache = this.cache();
    if ('problem' in cache) this.warn(`not using a cache: ${cache.problem}`);
    return {
      dirs: this.readableDirs(),
      ...(this.global.builtin ? { builtin: openBuiltin(this.builtinPath) } : {}),
      ...('problem' in cache ? {} : { cache }),
      buildId: BUILD_ID,
      now: this.io.clock ?? Date.now,
    };
  }

  /**
   * Opens the glossary (and with `check`, stats every file; with `entries`, reads every
   * entry) pausing now and then, so that Ctrl-C ends even a long compile at once. Commands
   * call it first; without Io.pause it does nothing and the work happens when first needed.
   */
  async prepare(level: 'open' | 'check' | 'entries'): Promise<void> {
    const pause = this.io.pause;
    if (!pause) return;
    this.stored ??= await StoredGlossary.open(this.storeOptions(), pause);
    if (level === 'open' || this.loaded) return;
    const glossary = await this.stored.prepare(pause, level === 'entries');
    if (glossary) this.loaded = glossary;
  }

  /** The search path's directories, less those that exist but cannot be read (a warning each). */
  private readableDirs(): string[] {
    return this.searchPath()
      .map((entry) => entry.dir)
      .filter((dir) => {
        try {
          accessSync(dir, constants.R_OK | constants.X_OK);
          return true;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'EACCES') return true; // missing: reported where it is read
          this.warn(`skipped ${dir}: permission denied`);
          return false;
        }
      });
  }

  /** Every entry: for the commands that need them all. */
  glossary(): Glossary {
    this.loaded ??= this.compiled().glossary();
    return this.loaded;
  }

  // A broken user file does not take the glossary down: say so once per file, answer from
  // the rest, and leave the full list to `genz validate`. Said when the command reports its
  // status or an error, so that it describes the files as the answer found them (the cache
  // may have been brought up to date meanwhile).
  private reportLoadErrors(): void {
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of this.stored?.diagnostics ?? []) if (d.severity === 'error') byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
    for (const [file, errors] of byFile) {
      if (this.warnedFiles.has(file)) continue;
      this.warnedFiles.add(file);
      const [first] = errors as [Diagnostic];
      const more = errors.length > 1 ? ` (and ${errors.length - 1} more: genz validate ${file})` : '';
      this.warn(`skipped ${file}:${first.line}:${first.col}: ${first.message} [${first.rule}]${more}`);
    }
  }

  index(): Lookupable {
    return this.compiled();
  }

  explainIndex(): ExplainIndex {
    this.explainer ??= new ExplainIndex(this.compiled().explainSource());
    return this.explainer;
  }

  searchIndex(): SearchIndex {
    this.searcher ??= new SearchIndex(this.compiled().searchSource());
    return this.searcher;
  }

  /** Term, category and gist of an entry, without loading it. */
  brief(slug: string): EntryBrief | undefined {
    return this.compiled().brief(slug);
  }

  termOf = (slug: string): string | undefined => this.compiled().termOf(slug);

  /**
   * Says on stderr that nothing matched and gives the exit status: 1, or 3 when some term
   * file failed to load (the answer may have been in it).
   */
  nothingFound(message: string, hint?: string): number {
    this.error(message, hint);
    return this.loadStatus || EXIT.notFound;
  }

  /** Exit status for a command that otherwise succeeded: 3 if some term file failed to load. */
  get loadStatus(): number {
    this.reportLoadErrors();
    return this.stored?.diagnostics.some((d) => d.severity === 'error') ? 3 : 0;
  }

  out(...lines: string[]): void {
    this.output.write(`${lines.join('\n')}\n`);
  }

  /** Writes text as it is, without a newline (prompts): never held. */
  write(text: string): void {
    this.io.stdout.write(text);
  }

  json(value: unknown): void {
    this.output.write(`${safeJson(value)}\n`);
  }

  /**
   * Prints a long text through the pager when stdout is a terminal too short for it
   * ($GENZ_PAGER, else $PAGER, else less -FRX; --no-pager turns it off).
   */
  page(text: string): Promise<void> {
    return this.output.page(`${text}\n`);
  }

  /** Everything printed from now on is paged as one text, when it is too tall (list, search…). */
  holdOutput(): void {
    this.output.hold();
  }

  flushOutput(): Promise<void> {
    return this.output.flush();
  }

  error(message: string, hint?: string): void {
    this.reportLoadErrors();
    this.io.stderr.write(`genz: ${sanitizeInline(message)}\n`);
    if (hint) this.io.stderr.write(`hint: ${sanitizeInline(hint)}\n`);
  }

  /** A line on stderr about the answer on stdout ("showing … the closest match to …"). */
  note(message: string): void {
    this.io.stderr.write(`genz: ${sanitizeInline(message)}\n`);
  }

  warn(message: string): void {
    if (this.global.quiet) return;
    this.io.stderr.write(`genz: warning: ${sanitizeInline(message)}\n`);
  }
}
