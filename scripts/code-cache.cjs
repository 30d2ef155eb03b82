// Writes <bundle>.cache: V8's code cache for the start-up bundle, taken after running the
// common commands in this one process, so that the functions they call are in it too (V8
// compiles functions lazily, on first call). Run by scripts/build.mjs with output discarded:
//   node scripts/code-cache.cjs <dist>/genz.cjs
const { writeFileSync } = require('node:fs');
const { load } = require('../bin/genz.js');

const file = process.argv[2];
const { bundle, script } = load(file, undefined);
const runs = [
  ['define', 'rizz'],
  ['define', 'rizzing', '--json'],
  ['define', 'rizzz'],
  ['define', 'zzqx nothing'],
  ['search', 'pretend', 'to', 'work'],
  ['explain', "that deck ate, no cap fr"],
  ['explain', '--json', 'lowkey mid'],
];
(async () => {
  for (const argv of runs) {
    process.argv = [process.argv[0], 'genz', ...argv];
    await bundle.main();
  }
  process.exitCode = 0;
  writeFileSync(`${file}.cache`, script.createCachedData());
})();
