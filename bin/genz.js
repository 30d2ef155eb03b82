#!/usr/bin/env node
// The shim: everything lives in dist/genz.cjs, which `npm run build` writes. This file is
// CommonJS (bin/package.json) because Node starts a CommonJS main module ~4 ms sooner than
// an ES module.
//
// The bundle is compiled with V8's code cache (dist/genz.cjs.cache, made by the build from
// runs of the common commands): compiling it afresh costs ~7 ms of every command. It is what
// Node 22's module.enableCompileCache() does, for Node 20. A cache that does not fit this
// Node (another V8, other flags, another bundle) is rejected by V8 and the bundle compiled
// as usual: same program, same answers.
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/** Runs the bundle at `file` as a CommonJS module and returns it with its vm.Script. */
function load(file, cachedData) {
  const vm = require('node:vm');
  const Module = require('node:module');
  // (No dynamic import() in the bundle: Node 20 loses a cached script's import callback, so
  // its chunks are require()d.)
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
  return { bundle: module.exports, script };
}

if (require.main === module) {
  const file = join(__dirname, '..', 'dist', 'genz.cjs');
  let cache;
  try {
    cache = readFileSync(`${file}.cache`);
  } catch {
    cache = undefined; // compiled without one
  }
  let bundle;
  try {
    bundle = load(file, cache).bundle;
  } catch (error) {
    if (error?.code !== 'ENOENT' || error.path !== file) throw error;
    process.stderr.write('genz: this copy is not built yet\nhint: run "npm ci && npm run build" in the genz folder\n');
    process.exitCode = 3;
  }
  bundle?.main();
} else {
  module.exports = { load };
}
