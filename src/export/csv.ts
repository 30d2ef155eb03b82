/**
 * `--format csv`: one row per term, RFC 4180 (CRLF, quoted fields), UTF-8 with a byte order
 * mark so spreadsheets read it as UTF-8. Cells that a spreadsheet would run as a formula are
 * defused (text.ts, csvCell).
 */
import type { Entry } from '../corpus/entry.ts';
import { bySlug, csvCell } from './text.ts';
import type { ExportFiles, ExportOptions } from './types.ts';

export const CSV_FILE = 'glossary.csv';
export const CSV_COLUMNS = ['term', 'aliases', 'category', 'rating', 'gist', 'definition'] as const;

function row(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

export function exportCsv(entries: readonly Entry[], _options: ExportOptions): ExportFiles {
  const rows = bySlug(entries).map((e) => row([e.term, e.aliases.join('; '), e.category, e.workplace, e.gist, e.definition]));
  return new Map([[CSV_FILE, `\uFEFF${row(CSV_COLUMNS)}${rows.join('')}`]]);
}
