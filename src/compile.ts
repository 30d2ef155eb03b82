/**
 * Build-time compiler of the built-in glossary: every data/terms file is parsed and
 * validated once and written as a pack (corpus/pack.ts), so no YAML is parsed and no
 * index is built when genz answers.
 */
import { readdirSync, renameSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Entry } from './corpus/entry.ts';
import { readTermFile } from './corpus/load.ts';
import { packItem, writePack } from './corpus/pack.ts';
import type { Diagnostic } from './corpus/parse.ts';

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
  // Paths relative to the package root, so the package can move.
  const tmp = `${outDir}.${process.pid}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  writePack(tmp, entries.map((entry) => packItem(entry, null, undefined, relative(root, entry.source.path))));
  rmSync(outDir, { recursive: true, force: true });
  renameSync(tmp, outDir);
  return { count: entries.length, diagnostics };
}

export { formatDiagnostic } from './corpus/parse.ts';
