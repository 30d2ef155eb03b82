/**
 * Escaping for every context an export writes into. Term files are untrusted: each field
 * goes through the escaper of the context it lands in, after control characters are made
 * visible as they are for the terminal (render/sanitize.ts).
 */
import type { Entry } from '../corpus/entry.ts';
import { sanitizeBlock, sanitizeInline } from '../render/sanitize.ts';

/** Entries in a fixed order, by slug in code-unit order (not the locale's): byte-identical output. */
export function bySlug(entries: readonly Entry[]): Entry[] {
  return [...entries].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** One line of text, controls shown escaped. */
export const inline = sanitizeInline;

/** Paragraphs of a text field (separated by blank lines), each one line, controls shown escaped. */
export function paragraphs(text: string): string[] {
  return sanitizeBlock(text)
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s*\n\s*/g, ' ').trim())
    .filter(Boolean);
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text for HTML element content or a double-quoted attribute value. */
export function html(text: string): string {
  return inline(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * JSON for inside <script type="application/ld+json">: nothing in it can close the element
 * or open a comment (<, >, &), and no line separator can end a JavaScript string.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The URL if it is an absolute http(s) URL (normalised: spaces, quotes and <> percent-encoded), else undefined. */
export function httpUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

// CommonMark: a backslash before ASCII punctuation makes it literal. These are the characters
// that can start emphasis, code, links, images, tables, strikethrough or raw HTML inline.
const MD_INLINE = /[\\`*_{}[\]()<>#+!|~&]/g;
// And what can start a block at the beginning of a line: headings, quotes, lists, rules.
const MD_BLOCK_START = /^(\s*)([-+=>]|\d+)([.)]?)/;

/** Text for a Markdown paragraph or list item: literal, with no raw HTML. */
export function markdown(text: string): string {
  return inline(text)
    .replace(MD_INLINE, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`))
    .replace(MD_BLOCK_START, (m, space: string, marker: string, dot: string) =>
      /\d/.test(marker) ? (dot ? `${space}${marker}\\${dot}` : m) : `${space}\\${marker}${dot}`,
    );
}

/** A spreadsheet would run a cell starting with these as a formula (OWASP: CSV injection). */
const FORMULA_START = /^[\s]*[=+\-@]|^[\t\r]/;

/** One RFC 4180 field: formula cells defused with a leading ', quoted when needed. */
export function csvCell(raw: string): string {
  const text = sanitizeBlock(raw).replace(/\n/g, '\r\n');
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Labels shared by the formats. */
export const RATING_LABELS: Record<string, string> = {
  safe: 'safe at work',
  casual: 'casual: fine in chat, not formal',
  avoid: 'avoid at work',
};

export const CATEGORY_LABELS: Record<string, string> = {
  'workplace-trend': 'Workplace trends',
  'career-money': 'Career and money',
  wellbeing: 'Wellbeing',
  'internet-social': 'Internet and social media',
  'everyday-slang': 'Everyday slang',
  team: 'Team terms',
};

/** Categories in the order the glossary lists them, then any others by name. */
export function byCategory(entries: readonly Entry[]): Array<[string, Entry[]]> {
  const groups = new Map<string, Entry[]>(Object.keys(CATEGORY_LABELS).map((c) => [c, []]));
  for (const entry of bySlug(entries)) {
    if (!groups.has(entry.category)) groups.set(entry.category, []);
    groups.get(entry.category)!.push(entry);
  }
  const known = Object.keys(CATEGORY_LABELS);
  return [...groups].filter(([, list]) => list.length > 0).sort(([a], [b]) => {
    const ia = known.indexOf(a);
    const ib = known.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? known.length : ia) - (ib < 0 ? known.length : ib);
    return a < b ? -1 : 1;
  });
}

/** A slug as a file name: slugs are [a-z0-9-] already; anything else is encoded, never a path. */
export function fileName(slug: string): string {
  return /^[a-z0-9][a-z0-9-]*$/.test(slug) ? slug : `x-${Buffer.from(slug, 'utf8').toString('hex')}`;
}
