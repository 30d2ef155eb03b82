/** `explain`'s output: the message with its hits marked, a row per term, and the --json document. */
import { type Certainty, codePointCounter, type Hit } from '../search/explain.ts';
import type { EntryBrief } from '../search/parts.ts';
import { SCHEMA_VERSION } from './json.ts';
import { sanitizeBlock, sanitizeInline } from './sanitize.ts';
import type { Style } from './style.ts';
import { hang, wrapWords } from './wrap.ts';

/** A term found in the message: certain if any of its uses is, and how many uses. */
export interface TermFound {
  certainty: Certainty;
  count: number;
}

/** The entry of a slug that was found (its term and gist). */
export type BriefOf = (slug: string) => EntryBrief;

// Private-use markers stand in for the brackets while the message is wrapped, one
// character per printed column, so a hit is never split and styles go on after wrapping.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const OPEN_POSSIBLE = '\uE002';
const CLOSE_POSSIBLE = '\uE003\uE003'; // prints as "?]"
const INNER_SPACE = '\uE004';
const MARKERS = /[\uE000-\uE004]/g;

/**
 * The message with each hit bracketed and styled: [no cap], and [mid?] for a possible one;
 * wrapped to `width`, or keeping its own lines when width is undefined.
 */
export function highlight(text: string, hits: Hit[], width: number | undefined, style: Style): string {
  const plain = (s: string) => sanitizeBlock(s.replace(MARKERS, '\uFFFD'));
  let marked = '';
  let at = 0;
  for (const hit of hits) {
    marked += plain(text.slice(at, hit.start));
    const word = sanitizeInline(hit.text.replace(MARKERS, '\uFFFD')).replace(/ /g, INNER_SPACE);
    marked += hit.certainty === 'certain' ? OPEN + word + CLOSE : OPEN_POSSIBLE + word + CLOSE_POSSIBLE;
    at = hit.end;
  }
  marked += plain(text.slice(at));
  const lines = marked.split('\n').flatMap((line) => (width === undefined ? [line] : wrapWords(line, width)));
  return lines
    .join('\n')
    .replace(/\uE000([^\uE001]*)\uE001/g, (_, word: string) => style.match(`[${word}]`))
    .replace(/\uE002([^\uE003]*)\uE003\uE003/g, (_, word: string) => style.possible(`[${word}?]`))
    .replace(/\uE004/g, ' ');
}

/** "term — gist" for each term found: wrapped with the term in bold at `width`, one line each when piped. */
export function termRows(terms: Map<string, TermFound>, brief: BriefOf, style: Style, width: number | undefined): string[] {
  return [...terms].map(([slug, { certainty }]) => {
    const entry = brief(slug);
    const name = sanitizeInline(entry.term) + (certainty === 'possible' ? ' (possible)' : '');
    const gist = sanitizeInline(entry.gist);
    return width !== undefined ? hang(`${name} — `, `${style.strong(name)} — `, gist, width, '', '    ').join('\n') : `${name} — ${gist}`;
  });
}

/** `explain --json`: each hit with its offsets in code points, then each term once. */
export function explainJson(text: string, hits: Hit[], terms: Map<string, TermFound>, brief: BriefOf): object {
  const offset = codePointCounter(text);
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'explain',
    hits: hits.map((hit) => {
      const entry = brief(hit.slug);
      return {
        start: offset(hit.start),
        end: offset(hit.end),
        text: hit.text,
        slug: hit.slug,
        term: entry.term,
        certainty: hit.certainty,
        gist: entry.gist,
      };
    }),
    terms: [...terms].map(([slug, { certainty, count }]) => {
      const entry = brief(slug);
      return { slug, term: entry.term, certainty, count, gist: entry.gist };
    }),
  };
}
