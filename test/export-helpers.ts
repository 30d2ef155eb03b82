/** Shared by the export tests: the site's own search run in Node, and entries to export. */
import { readFileSync } from 'node:fs';
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
