/** The `--json` shapes of the commands about term files and folders: validate, paths, new and export. */
import type { Diagnostic } from '../corpus/parse.ts';
import { SCHEMA_VERSION } from './json.ts';

export function validateJson(report: { profile: string; files: number; errors: number; warnings: number; diagnostics: Diagnostic[] }): object {
  const { profile, files, errors, warnings, diagnostics } = report;
  return { schemaVersion: SCHEMA_VERSION, command: 'validate', profile, files, errors, warnings, diagnostics };
}

/** What `genz paths` reports, as a terminal and --json show it. */
export interface PathsReport {
  /** In search-path order; `from` says how each got there: built-in, --data, GENZ_PATH or XDG_CONFIG_HOME. */
  directories: Array<{ dir: string; from: string; terms: number }>;
  /** Entries hidden by one of the same slug earlier in the path. */
  shadowed: Array<{ slug: string; hidden: string; by: string }>;
  problems: Diagnostic[];
  /** Where the cache lives, and whether genz can use it. */
  cache: { dir: string | null; usable: boolean; problem: string | null };
}

export function pathsJson(report: PathsReport): object {
  const { directories, shadowed, problems, cache } = report;
  return { schemaVersion: SCHEMA_VERSION, command: 'paths', directories, shadowed, problems, cache };
}

/** `new --json`: the new file's slug and absolute path. */
export function newJson(slug: string, path: string): object {
  return { schemaVersion: SCHEMA_VERSION, command: 'new', slug, path };
}

/** `export --json`: the format, the absolute folder written and how many files it holds. */
export function exportSummaryJson(format: string, out: string, files: number): object {
  return { schemaVersion: SCHEMA_VERSION, command: 'export', format, out, files };
}
