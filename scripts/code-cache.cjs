// Writes <bundle>.cache: V8's code cache for the start-up bundle, taken after running the
// common commands in this one process, so that the functions they call are in it too (V8
// compiles functions lazily, on first call). Then the same for the chunks of dist/ those
// commands load (fuse.js at a typo; js-yaml and the inflection tables when a term directory is
// compiled), written after the start-up cache so that it does not grow with the compile's
// code. Run by scripts/build.mjs with output discarded, HOME a new temporary folder:
//   node scripts/code-cache.cjs <dist>/genz.cjs
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
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
  writeFileSync(`${file}.cache`, script.createCachedData());
  const terms = join(process.env.HOME, 'terms');
  mkdirSync(terms, { recursive: true });
  writeFileSync(join(terms, 'deck-review.yaml'), 'term: deck review\naliases:\n  - reviewing the deck\ncategory: team\nworkplace: safe\ndefinition: A look at the slides.\n');
  process.argv = [process.argv[0], 'genz', '--data', terms, 'define', 'deck', 'review'];
  await bundle.main();
  process.exitCode = 0;
  for (const [chunk, chunkScript] of bundle.bundledScripts) writeFileSync(`${chunk}.cache`, chunkScript.createCachedData());
})();
