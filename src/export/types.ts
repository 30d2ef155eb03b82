/** What every exporter takes and gives: entries in, files out (relative path → content), no I/O. */
import type { Entry } from '../corpus/entry.ts';

export const FORMATS = ['html', 'md', 'csv', 'json'] as const;
export type Format = (typeof FORMATS)[number];

export interface ExportOptions {
  /** The site's (or document's) name. */
  title: string;
  /** Absolute http(s) URL the site will be served from, ending in "/": canonical links. */
  baseUrl?: string;
  /** A time to print in the output (--stamp); absent, the output depends on the entries alone. */
  stamp?: string;
  /** The display name of an entry in the glossary in use, for related links. */
  termOf: (slug: string) => string | undefined;
  /** MiniSearch's browser build (html only): copied into the site as assets/minisearch.js. */
  searchLibrary?: string;
}

/** Relative path (always "/"-separated) → file content. */
export type ExportFiles = Map<string, string | Buffer>;

export type Exporter = (entries: readonly Entry[], options: ExportOptions) => ExportFiles;
