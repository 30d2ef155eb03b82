#!/usr/bin/env node
// Bundles src/ into dist/ (one start-up file plus lazily loaded chunks) and compiles the
// built-in glossary to the pack dist/glossary/. Fails on any error in a built-in term file.
// The start-up file must stay small (every 100 KB of JavaScript costs ~10 ms of every
// command): yaml, fuse.js and the commands that need the whole glossary are chunks loaded
// by dynamic import(); `npm run build -- --metafile` prints what went where.
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
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
const { count, diagnostics } = compileGlossary(root, join(dist, 'glossary'));
const errors = diagnostics.filter((d) => d.severity === 'error');
for (const d of errors) console.error(formatDiagnostic(d));
if (errors.length > 0) {
  console.error(`build: ${errors.length} error(s) in data/terms; the glossary was not compiled`);
  process.exit(1);
}
console.error(`build: ${count} built-in entries compiled`);
