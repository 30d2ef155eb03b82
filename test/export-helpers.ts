/** Shared by the export tests: the site's own search run in Node, and entries to export. */
import { accessSync, constants, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import type { Entry } from '../src/corpus/entry.ts';

/**
 * The exported site's search (assets/*.js as the browser runs them, without the page):
 * the slugs a query finds, best first.
 */
export function siteSearch(site: string): (query: string) => string[] {
  const window: Record<string, unknown> = {};
  const sandbox = { window, document: { getElementById: () => null }, self: window, globalThis: window };
  for (const file of ['minisearch.js', 'search-data.js', 'search.js']) {
    runInNewContext(readFileSync(join(site, 'assets', file), 'utf8'), Object.assign(sandbox, window), { filename: file });
    Object.assign(window, sandbox.window);
  }
  const search = (sandbox as unknown as { genzSearch?: (q: string) => string[] }).genzSearch ?? (window['genzSearch'] as (q: string) => string[]);
  return search;
}

/** A complete entry with every field; `fields` override. */
export function entry(fields: Partial<Entry> & { slug: string }): Entry {
  return {
    term: fields.slug.replace(/-/g, ' '),
    aliases: [],
    category: 'team',
    tags: [],
    workplace: 'safe',
    workplaceNote: '',
    since: null,
    gist: 'A gist.',
    definition: 'A definition.',
    origin: '',
    synonyms: [],
    examples: [],
    related: [],
    faq: [],
    sources: [],
    ambiguous: false,
    cues: [],
    source: { path: `/terms/${fields.slug}.yaml`, builtin: false },
    ...fields,
  };
}

/** The Chromium the browser tests drive: GENZ_CHROMIUM, else Debian's. */
export const CHROMIUM = process.env['GENZ_CHROMIUM'] ?? '/usr/bin/chromium';

/** Whether a Chromium can be run from `path`; if not, the one line the skipped tests show. */
export function chromiumStatus(path: string): { executablePath: string } | { skip: string } {
  try {
    accessSync(path, constants.X_OK);
    return { executablePath: path };
  } catch {
    return { skip: `skipped: no Chromium at ${path} (apt-get install chromium, or set GENZ_CHROMIUM)` };
  }
}

/** The flags every run of the browser tests uses: nothing phones home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
