/**
 * `--format html`: a static site that works from file:// and any static host. index.html
 * lists every term by category with a search box; terms/<slug>.html holds each entry;
 * assets/ holds the stylesheet, the search script, its data and MiniSearch. No page makes
 * a request outside the site.
 */
import type { Entry } from '../corpus/entry.ts';
import { entryJsonLd, entryMain, termPath } from './html-entry.ts';
import { page } from './html-page.ts';
import { SEARCH_JS } from './site-search.ts';
import { STYLE_CSS } from './site-style.ts';
import { byCategory, bySlug, CATEGORY_LABELS, html, inline, RATING_LABELS } from './text.ts';
import type { ExportFiles, ExportOptions } from './types.ts';

/** The search data as a script (a JSON file cannot be read from file://): the fields search.js indexes. */
function searchData(entries: readonly Entry[]): string {
  const terms = entries.map((e) => ({
    id: e.slug,
    term: inline(e.term),
    aliases: e.aliases.map(inline).join(' · '),
    synonyms: e.synonyms.map((s) => inline(s.term)).join(' · '),
    tags: e.tags.map(inline).join(' ').replace(/-/g, ' '),
    gist: inline(e.gist),
    definition: inline(e.definition),
  }));
  // JSON is a JavaScript expression; the line separators are escaped for older engines.
  const json = JSON.stringify(terms).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
  return `window.GENZ_TERMS = ${json};\n`;
}

function indexMain(entries: readonly Entry[], options: ExportOptions): string {
  const groups = byCategory(entries);
  const label = (category: string) => html(CATEGORY_LABELS[category] ?? category);
  const lines = [
    `<h1>${html(options.title)}</h1>`,
    `<p>${entries.length} ${entries.length === 1 ? 'term' : 'terms'}, each with what it means at work, where it came from, other ways to say it, dialogues and an FAQ.</p>`,
    // Shown by search.js: without JavaScript the page is the full list.
    '<div class="search" id="search-box" role="search" hidden>',
    '<label for="search">Search the glossary</label>',
    '<input type="search" id="search" autocomplete="off" spellcheck="false" placeholder="a term, or words from its meaning">',
    '<p id="search-status" aria-live="polite"></p>',
    '</div>',
    '<ul class="terms" id="search-results" aria-label="Search results" hidden></ul>',
    '<nav aria-label="Categories"><ul class="categories">',
    ...groups.map(([category, list]) => `<li><a href="#${html(category)}">${label(category)}</a> (${list.length})</li>`),
    '</ul></nav>',
  ];
  for (const [category, list] of groups) {
    lines.push(`<section id="${html(category)}" data-category="${html(category)}">`, `<h2>${label(category)}</h2>`, '<ul class="terms">');
    for (const e of list) {
      const rating = `<span class="rating rating-${html(e.workplace)}">${html(RATING_LABELS[e.workplace] ?? e.workplace)}</span>`;
      lines.push(`<li data-slug="${html(e.slug)}"><a href="${termPath(e.slug)}">${html(e.term)}</a> · ${rating}<p>${html(e.gist)}</p></li>`);
    }
    lines.push('</ul>', '</section>');
  }
  return lines.join('\n');
}

export function exportHtml(entries: readonly Entry[], options: ExportOptions): ExportFiles {
  const sorted = bySlug(entries);
  const common = { siteTitle: options.title, ...(options.stamp ? { stamp: options.stamp } : {}) };
  const files: ExportFiles = new Map();
  files.set(
    'index.html',
    page({
      ...common,
      title: options.title,
      description: `${options.title}: ${sorted.length} terms of Gen Z workplace slang, explained.`,
      root: '',
      ...(options.baseUrl ? { canonical: options.baseUrl } : {}),
      jsonLd: [
        {
          '@context': 'https://schema.org',
          '@type': 'DefinedTermSet',
          name: inline(options.title),
          ...(options.baseUrl ? { url: options.baseUrl } : {}),
          hasDefinedTerm: sorted.map((e) => ({ '@type': 'DefinedTerm', name: inline(e.term), termCode: e.slug })),
        },
      ],
      main: indexMain(sorted, options),
      scripts: ['assets/minisearch.js', 'assets/search-data.js', 'assets/search.js'],
    }),
  );
  for (const entry of sorted) {
    files.set(
      termPath(entry.slug),
      page({
        ...common,
        title: `${entry.term} — ${options.title}`,
        description: entry.gist,
        root: '../',
        ...(options.baseUrl ? { canonical: `${options.baseUrl}${termPath(entry.slug)}` } : {}),
        jsonLd: entryJsonLd(entry, options),
        main: entryMain(entry, options),
      }),
    );
  }
  files.set('assets/style.css', STYLE_CSS);
  files.set('assets/search.js', SEARCH_JS);
  files.set('assets/search-data.js', searchData(sorted));
  if (options.searchLibrary === undefined) throw new Error('the html export needs MiniSearch (options.searchLibrary)');
  files.set('assets/minisearch.js', options.searchLibrary);
  return files;
}
