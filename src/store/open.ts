/**
 * Opening one glossary directory as a Source (source.ts): its snapshot and delta from the
 * cache when the directory is unchanged (check 1 of glossary.ts), else a compile of its
 * changed files (directory.ts), written back to the cache. And the built-in glossary.
 */
import { DataError } from '../errors.ts';
import { builtinSnapshotPath, builtinTermsDir } from '../install.ts';
import { finish, type Steps } from '../text/steps.ts';
import type { CacheDir } from './cache-dir.ts';
import { type Compiled, compileSteps } from './directory.ts';
import { matches, statOrUndefined } from './signature.ts';
import { Snapshot, SnapshotError } from './snapshot.ts';
import { Source } from './source.ts';

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

/** Check 1: the directory's snapshot (and delta) if the directory is unchanged, else a compile of its changed files. */
export function* openSteps(dir: string, options: StoreOptions): Steps<Source> {
  const { cache, now } = options;
  const base = cache?.read(dir, now());
  let delta = base && cache?.read(dir, now(), 'delta');
  if (delta && delta.header.base !== base?.header.id) {
    delta.close();
    delta = undefined;
  }
  let previous: Source | undefined;
  try {
    previous = base && new Source(dir, base, delta);
    if (previous && matches(previous.dirSignature, statOrUndefined(dir))) return previous;
  } catch (error) {
    // A header of the wrong shape: compiled afresh, as any damage is.
    if (!(error instanceof SnapshotError)) throw error;
    base?.close();
    delta?.close();
    previous = undefined;
  }
  return yield* recompileSteps(dir, previous, options);
}

export function recompile(dir: string, previous: Source | undefined, options: StoreOptions): Source {
  return finish(recompileSteps(dir, previous, options));
}

/** Compiles `dir` from `previous`'s unchanged lines and its changed files, and caches the result. */
export function* recompileSteps(dir: string, previous: Source | undefined, options: StoreOptions): Steps<Source> {
  const { buildId, now, cache } = options;
  let compiled: Compiled;
  try {
    compiled = yield* compileSteps(dir, previous, buildId, now);
  } catch (error) {
    // A damaged snapshot (a section that does not parse) is compiled from scratch.
    previous?.close();
    if (!previous || (error as Error).name === 'UsageError') throw error;
    return yield* recompileSteps(dir, undefined, options);
  }
  // Written and renamed in one synchronous step: no signal handler runs in between, so
  // Ctrl-C or SIGTERM never leaves a temporary file behind.
  cache?.write(dir, compiled.bytes, now(), compiled.delta ? 'delta' : 'base');
  const snapshot = new Snapshot(compiled.bytes);
  if (!compiled.delta) {
    previous?.close();
    // The delta over the old base is of no use now.
    cache?.discard(dir, 'delta');
    return new Source(dir, snapshot, undefined, false, true);
  }
  previous!.delta?.close();
  return new Source(dir, previous!.base, snapshot, false, true);
}
