/** `--format json`: the whole glossary as one document, each entry as `define --json` prints it. */
import type { Entry } from '../corpus/entry.ts';
import { entryJson, SCHEMA_VERSION } from '../render/json.ts';
import { safeJson } from '../render/sanitize.ts';
import { bySlug } from './text.ts';
import type { ExportFiles, ExportOptions } from './types.ts';

export const JSON_FILE = 'glossary.json';

export function exportDocument(entries: readonly Entry[], options: ExportOptions): object {
  const sorted = bySlug(entries);
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'export',
    ...(options.stamp ? { exportedAt: options.stamp } : {}),
    count: sorted.length,
    entries: sorted.map((entry) => entryJson(entry, options.termOf)),
  };
}

export function exportJson(entries: readonly Entry[], options: ExportOptions): ExportFiles {
  // safeJson: text stays exact, with the characters a terminal or a browser could act on escaped.
  return new Map([[JSON_FILE, `${safeJson(exportDocument(entries, options))}\n`]]);
}
