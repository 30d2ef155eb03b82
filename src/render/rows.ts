/** Rows of many entries: `list`'s and `search`'s lines, and `list`'s counts. */
import type { Entry } from '../corpus/entry.ts';
import type { EntryBrief } from '../search/parts.ts';
import type { Count } from './json.ts';
import { sanitizeInline } from './sanitize.ts';
import type { Style } from './style.ts';
import { displayWidth } from './width.ts';
import { hang } from './wrap.ts';

/** "term — gist", wrapped with a hanging indent on a terminal, one line when piped. */
export function gistRow(entry: Pick<Entry, 'term' | 'gist'>, style: Style, width: number | undefined, extra = ''): string {
  const term = sanitizeInline(entry.term);
  const text = `${sanitizeInline(entry.gist)}${extra}`;
  if (width === undefined) return `${term} — ${text}`;
  return hang(`${term} — `, `${style.strong(term)} — `, text, width, '  ', '      ').join('\n');
}

/** A search result: its gist row, then its category and the fields the words matched in. */
export function searchRow(entry: EntryBrief, matchedIn: string[], style: Style, width: number | undefined): string {
  return gistRow(entry, style, width, ` (${entry.category}; matched ${matchedIn.join(', ')})`);
}

/** The heading of a category in `list`'s grouped view: "WELLBEING (32)". */
export function categoryHeading(name: string, count: number, style: Style): string {
  return `${style.heading(name.toUpperCase())} (${count})`;
}

/**
 * Names and counts: lined up in `columns` under a heading (on a terminal), else
 * "name<TAB>count" (for cut and awk).
 */
export function countTable(heading: string, counts: Count[], style: Style, columns: boolean): string[] {
  const names = counts.map((c) => sanitizeInline(c.name));
  if (!columns) return counts.map((c, i) => `${names[i]}\t${c.count}`);
  const nameWidth = Math.max(heading.length, ...names.map(displayWidth));
  const countWidth = Math.max('TERMS'.length, ...counts.map((c) => String(c.count).length));
  const row = (name: string, count: string) => `${name}${' '.repeat(nameWidth - displayWidth(name))}  ${count.padStart(countWidth)}`;
  return [style.heading(row(heading, 'TERMS')), ...counts.map((c, i) => row(names[i]!, String(c.count)))];
}
