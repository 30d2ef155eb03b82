/** The exporters (src/export/) as pure functions: shape, escaping, determinism. */
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../src/export/csv.ts';
import { exportHtml } from '../src/export/html.ts';
import { exportJson } from '../src/export/json.ts';
import { exportMarkdown } from '../src/export/md.ts';
import { csvCell, httpUrl, markdown, scriptJson } from '../src/export/text.ts';
import type { ExportOptions } from '../src/export/types.ts';
import { entry } from './export-helpers.ts';
import { schemaErrors } from './helpers.ts';

const ENTRIES = [
  entry({
    slug: 'deck-review',
    term: 'deck review',
    aliases: ['dr'],
    gist: 'Reading slides together.',
    definition: 'Our Thursday ritual.\n\nA second paragraph.',
    origin: 'Started in 2021.',
    synonyms: [{ term: 'crit', note: 'Design-school word.' }],
    examples: [{ setting: 'Room 4', lines: [{ speaker: 'Ana', text: 'Ready?' }, { speaker: 'Ben', text: 'Deck review time.' }] }],
    related: [{ slug: 'standup', note: 'Same week.' }, { slug: 'not-here', note: 'Gone.' }],
    faq: [{ question: 'When?', answer: 'Thursdays.' }],
    sources: [{ title: 'Team wiki', publisher: 'Acme', date: '2024-05', url: 'https://wiki.example.com/deck' }],
  }),
  entry({ slug: 'standup', term: 'standup', category: 'workplace-trend', workplace: 'casual' }),
];
const termOf = (slug: string) => ENTRIES.find((e) => e.slug === slug)?.term;
const OPTIONS: ExportOptions = { title: 'Acme glossary', termOf, searchLibrary: '/* minisearch */' };
const text = (files: Map<string, string | Buffer>, path: string) => String(files.get(path));

describe('html', () => {
  const files = exportHtml(ENTRIES, OPTIONS);
  it('writes an index, a page per term and the assets', () => {
    expect([...files.keys()].sort()).toEqual([
      'assets/minisearch.js', 'assets/search-data.js', 'assets/search.js', 'assets/style.css', 'index.html', 'terms/deck-review.html', 'terms/standup.html',
    ]);
    expect(text(files, 'index.html')).toContain('<a href="terms/deck-review.html">deck review</a>');
    expect(text(files, 'assets/minisearch.js')).toBe('/* minisearch */');
  });
  it('gives each term page every section, related links to pages in the export only', () => {
    const page = text(files, 'terms/deck-review.html');
    for (const heading of ['Meaning', 'Origin', 'Other ways to say it', 'At work', 'Related', 'FAQ', 'Sources']) expect(page).toContain(`<h2>${heading}</h2>`);
    expect(page).toContain('<span class="speaker">Ana:</span> Ready?');
    expect(page).toContain('<a href="standup.html">standup</a>');
    expect(page).toContain('not-here (not in this glossary)');
    expect(page).not.toContain('href="not-here.html"');
    expect(page).toContain('<a href="https://wiki.example.com/deck" rel="noopener noreferrer">Team wiki</a>');
  });
  it('has a strict CSP, no inline script but JSON-LD, and a canonical link only with --base-url', () => {
    const page = text(files, 'terms/deck-review.html');
    expect(page).toContain(`content="default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'`);
    expect(page.match(/<script(?![^>]*(type="application\/ld\+json"|src="))/g)).toBeNull();
    expect(page).not.toMatch(/ style=|<style/);
    expect(page).not.toContain('rel="canonical"');
    const withBase = exportHtml(ENTRIES, { ...OPTIONS, baseUrl: 'https://acme.example/g/' });
    expect(text(withBase, 'terms/deck-review.html')).toContain('<link rel="canonical" href="https://acme.example/g/terms/deck-review.html">');
    expect(text(withBase, 'index.html')).toContain('<link rel="canonical" href="https://acme.example/g/">');
  });
  it('describes each term as schema.org DefinedTerm and its FAQ as FAQPage', () => {
    const blocks = [...text(files, 'terms/deck-review.html').matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
    expect(blocks.map((b) => b['@type'])).toEqual(['DefinedTerm', 'FAQPage']);
    expect(blocks[0]).toMatchObject({ name: 'deck review', alternateName: ['dr'], inDefinedTermSet: { name: 'Acme glossary' } });
    expect(blocks[1].mainEntity[0]).toEqual({ '@type': 'Question', name: 'When?', acceptedAnswer: { '@type': 'Answer', text: 'Thursdays.' } });
  });
  it('names the site with --title and stamps only with --stamp', () => {
    expect(text(files, 'index.html')).toContain('<title>Acme glossary</title>');
    expect(text(files, 'index.html')).not.toContain('2026');
    expect(text(exportHtml(ENTRIES, { ...OPTIONS, stamp: '2026-01-15T10:00:00.000Z' }), 'index.html')).toContain('on 2026-01-15T10:00:00.000Z');
  });
});

describe('md', () => {
  const files = exportMarkdown(ENTRIES, OPTIONS);
  it('writes index.md and a page per term, linked relatively', () => {
    expect([...files.keys()].sort()).toEqual(['deck-review.md', 'index.md', 'standup.md']);
    expect(text(files, 'index.md')).toContain('- [deck review](deck-review.md) (safe) — Reading slides together.');
    const page = text(files, 'deck-review.md');
    expect(page).toContain('- [standup](standup.md) — Same week.');
    expect(page).toContain('- not-here (not in this glossary) — Gone.');
    expect(page).toContain('> **Ana:** Ready?');
    expect(page).toContain('- [Team wiki](<https://wiki.example.com/deck>) — Acme, 2024-05');
  });
  it('gives a term called "index" a page that does not replace the index', () => {
    const files2 = exportMarkdown([entry({ slug: 'index', term: 'index' })], OPTIONS);
    expect([...files2.keys()].sort()).toEqual(['index.md', 'index_.md']);
    expect(text(files2, 'index.md')).toContain('[index](index_.md)');
  });
});

describe('csv', () => {
  const csv = text(exportCsv(ENTRIES, OPTIONS), 'glossary.csv');
  it('is UTF-8 with a BOM, CRLF rows, a header and one row per term', () => {
    expect(csv.startsWith('\uFEFFterm,aliases,category,rating,gist,definition\r\n')).toBe(true);
    expect(csv).toContain('\r\ndeck review,dr,team,safe,Reading slides together.,"Our Thursday ritual.\r\n\r\nA second paragraph."\r\n');
    expect(csv.endsWith('standup,,workplace-trend,casual,A gist.,A definition.\r\n')).toBe(true);
  });
  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "' =1"],
    ['=HYPERLINK("http://x")', '"\'=HYPERLINK(""http://x"")"'],
  ])('quotes and defuses %j', (cell, expected) => expect(csvCell(cell)).toBe(expected));
});

describe('json', () => {
  const doc = JSON.parse(text(exportJson(ENTRIES, OPTIONS), 'glossary.json'));
  it('is one document the schema describes, entries as define --json prints them', () => {
    expect(schemaErrors(doc)).toBeNull();
    expect(doc).toMatchObject({ schemaVersion: 1, command: 'export', count: 2 });
    expect(doc.entries[0].related).toEqual([{ slug: 'standup', term: 'standup', note: 'Same week.' }, { slug: 'not-here', term: null, note: 'Gone.' }]);
  });
});

describe('every format', () => {
  const exporters = { html: exportHtml, md: exportMarkdown, csv: exportCsv, json: exportJson };
  it.each(Object.entries(exporters))('%s gives the same bytes for the same entries, in any order', (_format, exporter) => {
    const once = exporter(ENTRIES, OPTIONS);
    const again = exporter([...ENTRIES].reverse(), OPTIONS);
    expect([...again.keys()]).toEqual([...once.keys()]);
    for (const [path, content] of once) expect(again.get(path)).toEqual(content);
  });
});

describe('escaping helpers', () => {
  it('keeps JSON-LD inside its script element', () => {
    const out = scriptJson({ a: '</script><!-- & \u2028\u2029' });
    expect(out).toBe('{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028\\u2029"}');
    expect(JSON.parse(out).a).toBe('</script><!-- & \u2028\u2029');
  });
  it.each([
    ['https://e.org/a b', 'https://e.org/a%20b'],
    ['http://e.org/"<x>', 'http://e.org/%22%3Cx%3E'],
    ['javascript:alert(1)', undefined],
    [' JavaScript:alert(1)', undefined],
    ['java\nscript:alert(1)', undefined],
    ['data:text/html,<script>', undefined],
    ['file:///etc/passwd', undefined],
    ['//e.org/x', undefined],
  ])('takes only http(s) URLs: %j', (url, expected) => expect(httpUrl(url)).toBe(expected));
  it.each([
    ['*em* _u_ `code`', '\\*em\\* \\_u\\_ \\`code\\`'],
    ['[x](javascript:alert(1))', '\\[x\\]\\(javascript:alert\\(1\\)\\)'],
    ['<b>raw</b> & co', '&lt;b&gt;raw&lt;/b&gt; &amp; co'],
    ['# not a heading', '\\# not a heading'],
    ['- not a list', '\\- not a list'],
    ['1. not a list', '1\\. not a list'],
    ['a | b ~~c~~ !x', 'a \\| b \\~\\~c\\~\\~ \\!x'],
  ])('makes Markdown literal: %j', (input, expected) => expect(markdown(input)).toBe(expected));
});
