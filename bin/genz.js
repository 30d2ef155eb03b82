#!/usr/bin/env node
// The shim: everything lives in the bundle that `npm run build` writes to dist/. It is
// CommonJS (bin/package.json) because Node starts a CommonJS main module ~4 ms sooner than
// an ES module.
let genz;
try {
  genz = require('../dist/genz.cjs');
} catch (error) {
  if (error?.code !== 'MODULE_NOT_FOUND' || !String(error.message).includes('genz.cjs')) throw error;
  process.stderr.write('genz: this copy is not built yet\nhint: run "npm install" (or "npm run build") in the genz folder\n');
  process.exitCode = 3;
}
genz?.main();
