/**
 * Build-time compiler of the built-in glossary: every data/terms file is parsed and
 * validated once, stored as records and parts (parts.ts) with every index built (pack.ts),
 * so no YAML is parsed and no index is built when genz answers.
 */
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Entry } from './corpus/entry.ts';
import { readTermFile } from './corpus/load.ts';
import { bySlug, Pack, PACK_FORMAT, writeWinners } from './corpus/pack.ts';
import type { Diagnostic } from './corpus/parse.ts';
import { entryParts, partTexts, Records, writeRecords } from './corpus/parts.ts';

export function compileGlossary(root: string, outDir: string): { count: number; diagnostics: Diagnostic[] } {
  const dir = join(root, 'data', 'terms');
  const entries: Entry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const result = readTermFile(join(dir, name), { builtin: true });
    diagnostics.push(...result.diagnostics.map((d) => ({ ...d, file: relative(root, d.file) })));
    if (result.entry) entries.push(result.entry);
  }
  if (diagnostics.some((d) => d.severity === 'error')) return { count: 0, diagnostics };
  entries.sort(bySlug);
  // Paths relative to the package root, so the package can move.
  const stored = entries.map((entry) => ({ ...entry, source: { path: relative(root, entry.source.path), builtin: true } }));
  const tmp = `${outDir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  writeRecords(join(tmp, 'records'), stored.map((entry) => JSON.stringify(entry)), entries.map((entry) => partTexts(entryParts(entry))));
  writeWinners(tmp, stored.map((entry, index) => ({ slug: entry.slug, source: 'b', index, path: entry.source.path, signature: null })));
  const pack = new Pack(tmp, new Map([['b', { records: new Records(join(tmp, 'records')), root }]]));
  for (const kind of ['keys', 'explain', 'search', 'forms'] as const) pack.ensure(kind);
  writeFileSync(join(tmp, 'head.json'), JSON.stringify({ format: PACK_FORMAT, count: entries.length }));
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmp, outDir);
  return { count: entries.length, diagnostics };
}

export { formatDiagnostic } from './corpus/parse.ts';
