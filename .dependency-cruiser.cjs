/**
 * The layers of src/, imported downward only (STYLE.md, issue 14):
 *   text ← corpus ← search ← store ← render ← export ← context ← commands ← cli/fast ← main
 * with leaf helpers (errors, io, install, bundled, random) usable from anywhere. `npm run
 * lint` fails on a cycle or on an import against this order.
 */
const LEAVES = '^src/(errors|io|install|bundled|random)\\.ts$';
const layer = (name, from, mayImport) => ({
  name,
  comment: `${from} may import only ${mayImport}`,
  severity: 'error',
  from: { path: `^src/${from}/` },
  to: { path: '^src/', pathNot: [`^src/(${mayImport})/`, LEAVES] },
});

module.exports = {
  forbidden: [
    { name: 'no-circular', comment: 'a cycle is a design question', severity: 'error', from: {}, to: { circular: true } },
    layer('text-is-a-leaf', 'text', 'text'),
    layer('corpus-over-text', 'corpus', 'corpus|text'),
    layer('search-over-corpus', 'search', 'search|corpus|text'),
    layer('store-over-search', 'store', 'store|search|corpus|text'),
    layer('render-over-store', 'render', 'render|quiz|search|corpus|text'),
    layer('quiz-over-corpus', 'quiz', 'quiz|corpus|text'),
    layer('export-over-render', 'export', 'export|render|search|corpus|text'),
    {
      name: 'leaves-import-nothing-above',
      severity: 'error',
      from: { path: LEAVES },
      to: { path: '^src/', pathNot: LEAVES },
    },
    {
      name: 'commands-below-cli',
      comment: 'commands never reach up to the command line or the process',
      severity: 'error',
      from: { path: '^src/(commands|context)' },
      to: { path: '^src/(cli|fast|main)\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
