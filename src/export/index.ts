/** The exporters by format: pure functions from entries to files (types.ts). */
import { exportCsv } from './csv.ts';
import { exportHtml } from './html.ts';
import { exportJson } from './json.ts';
import { exportMarkdown } from './md.ts';
import type { Exporter, Format } from './types.ts';

export const EXPORTERS: Record<Format, Exporter> = {
  html: exportHtml,
  md: exportMarkdown,
  csv: exportCsv,
  json: exportJson,
};

export { FORMATS, type ExportFiles, type ExportOptions, type Format } from './types.ts';
