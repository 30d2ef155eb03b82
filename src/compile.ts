/**
 * Build-time compiler of the built-in glossary (scripts/build.mjs): every data/terms file is
 * parsed and validated once into a snapshot (store/snapshot.ts), the format the user's
 * directories are cached in, so no YAML is parsed when genz answers from it.
 */
import { relative } from 'node:path';
import type { Diagnostic } from './corpus/parse.ts';
import { BUILD_ID } from './install.ts';
import { compileDirectory } from './store/directory.ts';
import { snapshotBytes } from './store/snapshot.ts';

/** The snapshot of `termsDir`, or the diagnostics that stop the build. */
export function compileGlossary(root: string, termsDir: string): { bytes?: Buffer; count: number; diagnostics: Diagnostic[] } {
  const content = compileDirectory(termsDir, undefined, BUILD_ID, () => 0);
  const diagnostics = content.files.flatMap((file) => file.diagnostics).map((d) => ({ ...d, file: relative(root, d.file) }));
  if (diagnostics.some((d) => d.severity === 'error')) return { count: 0, diagnostics };
  // Where the package is installed is known only at run time (CompiledDirectory.entry).
  return { bytes: snapshotBytes({ ...content, dir: '', dirSignature: null }), count: content.entries.length, diagnostics };
}

export { formatDiagnostic } from './corpus/parse.ts';
