#!/usr/bin/env node
// The shim: everything lives in the bundle that `npm run build` writes to dist/.
import('../dist/genz.js').then(
  (genz) => genz.main(),
  (error) => {
    if (error?.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist')) {
      process.stderr.write('genz: this copy is not built yet\nhint: run "npm install" (or "npm run build") in the genz folder\n');
      process.exitCode = 3;
      return;
    }
    throw error;
  },
);
