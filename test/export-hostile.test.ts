/**
 * Term files are untrusted: whatever an entry holds stays text in every format. Each field
 * carries markup for the context it lands in, and the output is checked for anything that
 * escaped it.
 */
import { describe, expect, it } from 'vitest';
import { exportCsv } from '../src/export/csv.ts';
import { exportHtml } from '../src/export/html.ts';
import { exportJson } from '../src/export/json.ts';
import { exportMarkdown } from '../src/export/md.ts';
import type { ExportOptions } from '../src/export/types.ts';
import { entry } from './export-helpers.ts';

const XSS = '<script>alert(1)</script>';
const HOSTILE = entry({
  slug: 'evil',
  term: `${XSS}<img src=x onerror=alert(2)>`,
  aliases: ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2', '@SUM(A1)', '\t=tab'],
  gist: `" onmouseover="alert(3)" x='y' onfocus='alert(4)`,
  definition: `</script><script>alert(5)</script><!-- \u2028\u2029 & [link](javascript:alert(6)) ![img](http://evil.example/x.png)\n\n# heading\n\n<b>raw</b> \u001b[31mred\u001b[0m`,
  origin: '*bold* _it_ `code` | table | ~~strike~~',
  workplaceNote: '<iframe src="https://evil.example"></iframe>',
  synonyms: [{ term: '<svg onload=alert(7)>', note: '"quoted" & \'single\'' }],
  examples: [{ setting: '</div><div onclick="alert(8)">', lines: [{ speaker: '<b onmouseover=alert(9)>Ana</b>', text: '</p><script>alert(10)</script>' }, { speaker: 'Ben', text: 'ok' }] }],
  related: [{ slug: 'javascript:alert(11)', note: '<a href="javascript:alert(12)">x</a>' }],
  faq: [{ question: '</script><script>alert(13)</script>', answer: '\u2028"};alert(14);//' }],
  sources: [
    { title: 'js', publisher: 'P', date: '2024', url: 'javascript:alert(15)' },
    { title: 'data', publisher: 'P', date: '2024', url: 'data:text/html,<script>alert(16)</script>' },
    { title: 'quote', publisher: 'P', date: '2024', url: 'https://ok.example/a"onclick="alert(17)<x>' },
    { title: 'vbs', publisher: 'P', date: '2024', url: ' JAVASCRIPT:alert(18)' },
  ],
});
const OPTIONS: ExportOptions = { title: `${XSS}"'`, termOf: () => undefined, searchLibrary: '' };

const ATTRIBUTES = ['lang', 'charset', 'name', 'content', 'http-equiv', 'href', 'rel', 'type', 'src', 'class', 'id', 'role', 'hidden', 'for', 'autocomplete', 'spellcheck', 'placeholder', 'aria-label', 'aria-live', 'data-slug', 'data-category'];

/** Every start tag in an HTML text. */
const tags = (html: string) => [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)].map((m) => ({ name: m[1]!.toLowerCase(), attrs: m[2]! }));

describe('html: nothing escapes its context', () => {
  const files = exportHtml([HOSTILE], OPTIONS);
  const pages = ['index.html', 'terms/evil.html'].map((path) => [path, String(files.get(path))] as const);

  it.each(pages)('%s: only genz\'s own elements and attributes', (_path, html) => {
    const allowed = new Set(['html', 'head', 'meta', 'title', 'link', 'script', 'body', 'a', 'header', 'p', 'main', 'footer', 'article', 'h1', 'h2', 'span', 'section', 'ul', 'li', 'strong', 'div', 'dl', 'dt', 'dd', 'ol', 'input', 'label', 'nav']);
    for (const tag of tags(html)) {
      expect(allowed, tag.name).toContain(tag.name);
      // Every attribute genz writes is name="value" with the value escaped: parse them so.
      const attrs = [...tag.attrs.matchAll(/\s([\w-]+)(?:="([^"]*)")?/g)];
      expect(attrs.map((a) => a[0]).join('')).toBe(tag.attrs.replace(/\s*\/?$/, ''));
      for (const [, name, value] of attrs) {
        expect(ATTRIBUTES, name).toContain(name);
        expect(value ?? '').not.toMatch(/^\s*(javascript|data|vbscript):/i);
      }
    }
  });

  it.each(pages)('%s: scripts are JSON-LD or files of the site, and JSON-LD holds the text exactly', (_path, html) => {
    for (const tag of tags(html).filter((t) => t.name === 'script')) expect(tag.attrs).toMatch(/^ (type="application\/ld\+json"|src="(\.\.\/)?assets\/[a-z-]+\.js")$/);
    const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) {
      expect(block).not.toMatch(/[<>&\u2028\u2029]/);
      expect(() => JSON.parse(block)).not.toThrow();
    }
    const ld = blocks.map((b) => JSON.parse(b));
    if (_path === 'terms/evil.html') {
      expect(ld[0].name).toBe(HOSTILE.term);
      expect(ld[1].mainEntity[0].name).toBe(HOSTILE.faq[0]!.question);
    }
  });

  it('links sources only when they are http(s), percent-encoded', () => {
    const page = String(files.get('terms/evil.html'));
    const hrefs = [...page.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    for (const href of hrefs) expect(href).toMatch(/^(https:\/\/ok\.example\/|\.\.\/|#|[a-z0-9-]+\.html$)/);
    expect(page).toContain('href="https://ok.example/a%22onclick=%22alert(17)%3Cx%3E"');
    expect(page).toContain('js (javascript:alert(15))');
  });

  it('keeps the text readable: escaped, not dropped, controls shown', () => {
    const page = String(files.get('terms/evil.html'));
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).toContain('&quot; onmouseover=&quot;alert(3)&quot; x=&#39;y&#39;');
    expect(page).toContain('\\x1B[31mred');
    expect(page).not.toContain('\u001b');
  });

  it('keeps the search data a plain assignment of JSON', () => {
    const data = String(files.get('assets/search-data.js'));
    expect(data).toMatch(/^window\.GENZ_TERMS = \[.*\];\n$/s);
    expect(data).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(data.slice('window.GENZ_TERMS = '.length, -2))[0].term).toContain('<script>');
  });
});

describe('md: nothing becomes markup', () => {
  const page = String(exportMarkdown([HOSTILE], OPTIONS).get('evil.md'));
  it('lets no raw HTML through', () => expect(page).not.toMatch(/<(?!https:\/\/ok\.example)/));
  it('has no links but genz\'s own: .md pages and http(s) sources', () => {
    // An unescaped "](" is a link; every one must be ours.
    for (const m of page.matchAll(/(?<!\\)\]\((<[^>]*>|[^)]*)\)?/g)) expect(m[1]).toMatch(/^(index\.md|<https:\/\/ok\.example\/[^<> ]*>)$/);
  });
  it('escapes emphasis, code, headings and tables', () => {
    expect(page).toContain('\\*bold\\* \\_it\\_ \\`code\\` \\| table \\| \\~\\~strike\\~\\~');
    expect(page).toContain('\n\\# heading\n');
    expect(page).not.toMatch(/^#(?!# |\s)/m);
  });
});

describe('csv: no cell runs as a formula', () => {
  const csv = String(exportCsv([HOSTILE], OPTIONS).get('glossary.csv'));
  it('prefixes formula cells with an apostrophe and quotes the rest by RFC 4180', () => {
    const row = csv.split('\r\n')[1]!;
    expect(row.startsWith('<script>alert(1)</script><img src=x onerror=alert(2)>,')).toBe(true);
    expect(row).toContain(`"'=HYPERLINK(""http://evil.example"",""click""); +1+1; -2; @SUM(A1);  =tab"`);
    for (const cell of parseCsv(csv).flat()) expect(cell).not.toMatch(/^\s*[=+\-@]/);
  });
});

describe('json: data, exactly', () => {
  const raw = String(exportJson([HOSTILE], { ...OPTIONS, termOf: () => undefined }).get('glossary.json'));
  it('round-trips every field and escapes the characters a terminal or parser could act on', () => {
    expect(JSON.parse(raw).entries[0].definition).toBe(HOSTILE.definition);
    expect(raw).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u2028\u2029]/);
  });
});

/** RFC 4180 as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  const endCell = () => {
    rows.at(-1)!.push(cell);
    cell = '';
  };
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted && c === '"' && body[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted) cell += c;
    else if (c === ',') endCell();
    else if (c === '\r' && body[i + 1] === '\n') {
      endCell();
      rows.push([]);
      i++;
    } else cell += c;
  }
  return rows.filter((r) => r.length > 0);
}
