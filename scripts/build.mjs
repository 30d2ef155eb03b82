#!/usr/bin/env node
// Bundles src/ into dist/ (one start-up file plus lazily loaded chunks) and compiles the
// built-in glossary to dist/glossary.json. Fails on any error in a built-in term file.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const final = join(root, 'dist');
// Build beside dist/ and swap it in at the end, so a genz that runs during a rebuild
// never finds dist/ half written or missing.
const dist = join(root, `.dist-build-${process.pid}`);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  entryPoints: { genz: join(root, 'src/main.ts'), compile: join(root, 'src/compile.ts') },
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
  // Some bundled CommonJS code calls require(); give ESM output a real one.
  banner: { js: "import { createRequire as __genzCreateRequire } from 'node:module'; const require = __genzCreateRequire(import.meta.url);" },
});

const { compileGlossary, formatDiagnostic } = await import(join(dist, 'compile.js'));
const { glossary, diagnostics } = compileGlossary(root);
const errors = diagnostics.filter((d) => d.severity === 'error');
for (const d of errors) console.error(formatDiagnostic(d));
if (errors.length > 0) {
  console.error(`build: ${errors.length} error(s) in data/terms; the glossary was not compiled`);
  rmSync(dist, { recursive: true, force: true });
  process.exit(1);
}
writeFileSync(join(dist, 'glossary.json'), JSON.stringify(glossary));
const old = join(root, `.dist-old-${process.pid}`);
try {
  renameSync(final, old);
} catch {
  // first build: no dist/ yet
}
renameSync(dist, final);
rmSync(old, { recursive: true, force: true });
console.error(`build: ${glossary.entries.length} built-in entries compiled`);

// The man page is generated from the built program's --help output.
const { writeManPage } = await import('./man.mjs');
writeManPage();
console.error('build: dist/genz.1 written');
