#!/usr/bin/env node
// Bundles src/ into dist/ and compiles the built-in glossary to the snapshot dist/glossary.snap.
// Fails on any error in a built-in term file.
// - dist/genz.cjs, the start-up file, with V8's code cache dist/genz.cjs.cache (bin/genz.js);
//   it must stay small (every 100 KB of JavaScript costs ~10 ms of every command);
// - dist/cli.cjs, the full command line, required when the fast path (src/fast.ts) declines;
// - dist/yaml.cjs, dist/fuse.cjs, dist/inflect.cjs, required on first use, and dist/english.txt, read on first use (src/bundled.ts).
// `npm run build -- --metafile` prints what went where.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const final = join(root, 'dist');
// Build beside dist/ and swap it in at the end, so a genz that runs during a rebuild
// never finds dist/ half written or missing.
const dist = join(root, `.dist-build-${process.pid}`);
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// Node's built-in modules reached through process.getBuiltinModule() rather than `import`:
// an ESM import of node:fs builds a module facade that loads every lazy part of fs (streams,
// promises…), ~5 ms of every start-up. Same exports, read once the bundle runs.
const builtinsWithoutFacades = {
  name: 'builtins-without-facades',
  setup(b) {
    // Imports only: a CommonJS require() (commander's) gets the real module, getters and all.
    b.onResolve({ filter: /^node:(fs|path|os|tty|process|url|module)$/ }, (args) =>
      args.kind === 'import-statement' ? { path: args.path, namespace: 'builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'builtin' }, async (args) => {
      // Data properties only: reading a lazy getter (fs.ReadStream, process.stderr) is the cost
      // being avoided. Importing one by name fails the build, visibly.
      const module = (await import(args.path)).default;
      const names = Object.keys(module).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && 'value' in Object.getOwnPropertyDescriptor(module, name));
      return {
        contents: `const m = process.getBuiltinModule(${JSON.stringify(args.path)});\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`,
        loader: 'js',
      };
    });
  },
};

// main.ts loads the full command line (cli.ts) only when the fast path declines: it is a
// bundle of its own, dist/cli.cjs, left out of the start-up file and required on first use.
// (require, not import(): the start-up file runs from V8's code cache through vm.Script,
// and Node 20 loses a cached script's dynamic-import callback.)
// genz decides the colour level itself (src/context.ts) and hands it to chalk, so chalk's own
// detection is never used; its Node version imports node:tty, and with it node:net and the
// streams (~5 ms of every start-up). Its browser version detects nothing and imports nothing.
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: join(root, 'node_modules/chalk/source/vendor/supports-color/browser.js') }));
  },
};

const cliApart = {
  name: 'cli-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/cli\.ts$/ }, (args) => (args.kind === 'dynamic-import' ? { path: 'cli', namespace: 'cli-apart' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'cli-apart' }, () => ({ contents: "module.exports = require('./cli.cjs');", loader: 'js' }));
    b.onResolve({ filter: /^\.\/cli\.cjs$/ }, () => ({ path: './cli.cjs', external: true }));
  },
};

// Identifies this build's code, for the cache key (src/corpus/cache.ts).
const buildId = createHash('sha256');
for (const file of readdirSync(join(root, 'src'), { recursive: true }).sort()) {
  if (String(file).endsWith('.ts')) buildId.update(readFileSync(join(root, 'src', String(file))));
}
buildId.update(readFileSync(join(root, 'package-lock.json')));

const common = {
  define: { __GENZ_BUILD_ID__: JSON.stringify(buildId.digest('hex').slice(0, 16)) },
  plugins: [builtinsWithoutFacades, chalkWithoutDetection],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  // Smaller code parses faster; names are kept so GENZ_DEBUG stack traces stay readable.
  minifyWhitespace: true,
  minifySyntax: true,
  // yaml is required on first parse of a term file and fuse.js for the first fuzzy match
  // (src/bundled.ts), from dist/yaml.cjs and dist/fuse.cjs: neither belongs in the start-up file.
  external: ['yaml', 'js-yaml', 'fuse.js'],
  metafile: true,
  logLevel: 'warning',
  // Some bundled CommonJS code calls require(); give ESM output a real one.
  banner: { js: "import { createRequire as __genzCreateRequire } from 'node:module'; const require = __genzCreateRequire(import.meta.url);" },
};
// The start-up file is one file (each extra module costs its resolution, read and compile);
// the command line, and the glossary compiler, are bundles of their own.
// The start-up file and the command line are CommonJS: Node starts a CommonJS main module
// ~4 ms sooner than an ES module (no ESM loader), and bin/ is a CommonJS scope
// (bin/package.json) that loads the start-up file.
const commonjs = {
  ...common,
  plugins: [...common.plugins, cliApart],
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__genzModuleUrl' },
  banner: { js: "const __genzModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  outExtension: { '.js': '.cjs' },
  outdir: dist,
};
const result = await build({ ...commonjs, entryPoints: { genz: join(root, 'src/main.ts') } });
const cli = await build({ ...commonjs, entryPoints: { cli: join(root, 'src/cli.ts') } });
// fuse.js's basic build (plain fuzzy search: all genz uses), as published: minified CommonJS.
copyFileSync(join(root, 'node_modules/fuse.js/dist/fuse.basic.min.cjs'), join(dist, 'fuse.cjs'));
await build({ ...common, entryPoints: { compile: join(root, 'src/compile.ts') }, outdir: join(dist, 'build') });
// MiniSearch's browser build, minified, for the search box of `genz export --format html`,
// which copies it into the site (src/commands/export.ts). Copied here at build time, so an
// installed genz needs no node_modules for it: minisearch is a devDependency.
const minisearch = readFileSync(join(root, 'node_modules/minisearch/dist/umd/index.js'), 'utf8').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n');
const minisearchVersion = JSON.parse(readFileSync(join(root, 'node_modules/minisearch/package.json'), 'utf8')).version;
const minified = await transform(minisearch, { minify: true, legalComments: 'none', target: 'es2018' });
writeFileSync(join(dist, 'minisearch.js'), `/*! MiniSearch ${minisearchVersion} | MIT License | (c) Luca Ongaro | https://github.com/lucaong/minisearch */\n${minified.code}`);
// en-inflectors, required when a glossary is compiled (search/forms.ts), and the English word
// list as one sorted string (search/english.ts), read as text on the typo path and when compiling.
await build({ entryPoints: [join(root, 'scripts/inflect.cjs')], outfile: join(dist, 'inflect.cjs'), bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning' });
const englishWords = createRequire(import.meta.url)('./english-words.cjs');
// Read back as one-byte text (search/english.ts), which only ASCII survives unchanged.
if (!/^[\x00-\x7f]*$/.test(englishWords)) throw new Error('build: the English word list must be ASCII (search/english.ts reads it as latin1)');
writeFileSync(join(dist, 'english.txt'), englishWords);
rmSync(join(dist, 'english.cjs'), { force: true });
// yaml as one CommonJS file, required when a term file is first parsed (corpus/parse.ts).
await build({ entryPoints: [join(root, 'node_modules/yaml/dist/index.js')], outfile: join(dist, 'yaml.cjs'), bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning' });
// js-yaml, the quick reader of term files (src/corpus/parse.ts), likewise.
await build({ entryPoints: [join(root, 'node_modules/js-yaml/index.js')], outfile: join(dist, 'js-yaml.cjs'), bundle: true, format: 'cjs', platform: 'node', target: 'node20', minify: true, legalComments: 'none', logLevel: 'warning' });

if (process.argv.includes('--metafile')) {
  for (const [file, output] of Object.entries({ ...result.metafile.outputs, ...cli.metafile.outputs })) {
    const imports = output.imports.filter((i) => !i.external).map((i) => `${i.kind === 'dynamic-import' ? 'lazy ' : ''}${i.path}`);
    console.error(`${file.replace(`${root}/`, '')}: ${(output.bytes / 1024).toFixed(1)} KB${imports.length ? ` → ${imports.join(', ')}` : ''}`);
  }
}

const { compileGlossary, formatDiagnostic } = await import(join(dist, 'build', 'compile.js'));
const { bytes, count, diagnostics } = compileGlossary(root, join(root, 'data', 'terms'));
const errors = diagnostics.filter((d) => d.severity === 'error');
for (const d of errors) console.error(formatDiagnostic(d));
if (errors.length > 0) {
  console.error(`build: ${errors.length} error(s) in data/terms; the glossary was not compiled`);
  rmSync(dist, { recursive: true, force: true });
  process.exit(1);
}
writeFileSync(join(dist, 'glossary.snap'), bytes);
// V8's code cache for the start-up bundle (bin/genz.js): runs of the common commands, their
// output discarded, in a process of their own with the environment a user's run has.
const cached = spawnSync(process.execPath, [join(root, 'scripts', 'code-cache.cjs'), join(dist, 'genz.cjs')], {
  stdio: ['ignore', 'ignore', 'pipe'],
  env: { ...process.env, HOME: mkdtempSync(join(tmpdir(), 'genz-build-')), GENZ_PATH: '', XDG_CONFIG_HOME: '', XDG_CACHE_HOME: '', NO_COLOR: '1' },
});
if (cached.status !== 0) console.error(`build: no code cache (start-up compiles the bundle): ${cached.stderr}`);
const old = join(root, `.dist-old-${process.pid}`);
try {
  renameSync(final, old);
} catch {
  // first build: no dist/ yet
}
renameSync(dist, final);
rmSync(old, { recursive: true, force: true });
console.error(`build: ${count} built-in entries compiled`);

// The man page is generated from the built program's --help output.
const { writeManPage } = await import('./man.mjs');
writeManPage();
console.error('build: dist/genz.1 written');
