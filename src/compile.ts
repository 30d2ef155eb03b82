/**
 * Build-time compiler of the built-in glossary (scripts/build.mjs): every data/terms file is
 * parsed and validated once into a snapshot (store/snapshot.ts), the format the user's
 * directories are cached in, so no YAML is parsed when genz answers from it.
 */
import { relative } from 'node:path';
import type { Diagnostic } from './corpus/parse.ts';
import { BUILD_ID } from './install.ts';
import { compileSteps } from './store/directory.ts';
import { type ProblemRecord, Snapshot } from './store/snapshot.ts';
import { finish } from './text/steps.ts';

/** The snapshot of `termsDir`, or the diagnostics that stop the build. */
export function compileGlossary(root: string, termsDir: string): { bytes?: Buffer; count: number; diagnostics: Diagnostic[] } {
  const { bytes } = finish(compileSteps(termsDir, undefined, BUILD_ID, () => 0, ''));
  const snapshot = new Snapshot(bytes);
  const problems = snapshot.lines<ProblemRecord>('problems');
  const diagnostics = problems.flatMap((file) => file.diagnostics).map((d) => ({ ...d, file: relative(root, d.file) }));
  if (diagnostics.some((d) => d.severity === 'error')) return { count: 0, diagnostics };
  const count = snapshot.lines<string | null>('slugs').filter((slug) => slug !== null).length;
  return { bytes, count, diagnostics };
}

export { formatDiagnostic } from './corpus/parse.ts';
