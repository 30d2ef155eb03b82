/**
 * Build-time compiler of the built-in glossary: every data/terms file is parsed and
 * validated once, so no YAML is parsed when genz answers.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Entry } from './corpus/entry.ts';
import { COMPILED_FORMAT, type CompiledGlossary, readTermFile } from './corpus/load.ts';
import type { Diagnostic } from './corpus/parse.ts';

export function compileGlossary(root: string): { glossary: CompiledGlossary; diagnostics: Diagnostic[] } {
  const dir = join(root, 'data', 'terms');
  const entries: Entry[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml')).sort()) {
    const result = readTermFile(join(dir, name), { builtin: true });
    diagnostics.push(...result.diagnostics.map((d) => ({ ...d, file: relative(root, d.file) })));
    if (result.entry) entries.push({ ...result.entry, source: { path: relative(root, result.entry.source.path), builtin: true } });
  }
  return { glossary: { format: COMPILED_FORMAT, entries }, diagnostics };
}

export { formatDiagnostic } from './corpus/parse.ts';
