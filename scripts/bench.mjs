#!/usr/bin/env node
// `npm run bench`: start-up-to-answer times of the real binary against `node -e 0` (the
// floor), measured in the same run and interleaved so machine noise hits both alike.
// Synthetic glossaries of 1,000 and 10,000 entries are generated into .bench/ (not
// committed; scripts/bench-glossary.mjs). Each run gets an empty HOME and its own
// XDG_CACHE_HOME, so the developer's files never interfere.
//   BENCH_RUNS=31 npm run bench      more runs per case (default 21)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { termName, writeGlossary } from './bench-glossary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(root, 'bin', 'genz.js');
const RUNS = Number(process.env['BENCH_RUNS'] ?? 21);
const COLD_RUNS = 3;
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const started = Date.now();

if (!existsSync(join(root, 'dist', 'genz.cjs'))) spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

function glossary(count) {
  const dir = join(root, '.bench', `glossary-${count}`);
  const marker = join(dir, '.complete');
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    process.stderr.write(`bench: generating ${count} term files in ${dir}\n`);
    writeGlossary(dir, count);
    writeFileSync(marker, '');
  }
  return dir;
}

const scratch = mkdtempSync(join(tmpdir(), 'genz-bench-'));
const home = join(scratch, 'home');
mkdirSync(home);
// The developer's environment (Node's own settings such as NODE_EXTRA_CA_CERTS cost every
// start-up, the floor included), minus anything genz reads. BENCH_CLEAN_ENV=1: PATH only.
const inherited = { ...(process.env['BENCH_CLEAN_ENV'] === '1' ? { PATH: process.env['PATH'] ?? '' } : process.env) };
for (const name of ['GENZ_PATH', 'GENZ_DEBUG', 'NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME']) delete inherited[name];
const env = (cache) => ({ ...inherited, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: cache });
const warmCache = join(scratch, 'cache');

/** One run: wall ms (spawn to exit) and peak RSS in MB. */
function measure(argv, options = {}) {
  const rssFile = join(scratch, 'rss');
  const command = TIME ? [TIME, '-f', '%M', '-o', rssFile, ...argv] : argv;
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0], command.slice(1), { env: options.env ?? env(warmCache), input: options.input ?? '', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (options.expect !== undefined && result.status !== options.expect) {
    throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr?.toString().slice(0, 300)}`);
  }
  const rss = TIME ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : Number.NaN;
  return { ms, rss };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const small = glossary(1000);
const large = glossary(10000);
const genz = (...args) => [process.execPath, BIN, ...args];

// A 10 KB chat message with slang from both glossaries.
function message(count) {
  const words = 'so the deck for the client review is basically done and honestly the team did great work this sprint'.split(' ');
  const out = [];
  for (let i = 0; out.join(' ').length < 10_000; i++) {
    out.push(words[i % words.length]);
    if (i % 23 === 0) out.push(termName((i * 37) % count));
    if (i % 41 === 0) out.push(['no cap', 'rizz', 'that slaps', 'quiet quitting', 'bare minimum Monday'][i % 5]);
    if (i % 17 === 16) out[out.length - 1] += '.';
  }
  return out.join(' ').slice(0, 10_240);
}

const exactTerm = (count) => termName(Math.floor(count / 3)).split(' ');
const typo = (count) => {
  const words = termName(Math.floor(count / 2)).split(' ');
  const first = words[0];
  words[0] = first.length > 3 ? first[0] + first[2] + first[1] + first.slice(3) : `${first}x`;
  return words;
};

// Targets of issue 14: [define, typo, search, explain] per size.
const TARGETS = { 1000: [1.3, 1.6, 2, 1.8], 10000: [1.6, 2.5, 2.5, 2.5] };
const cases = [
  { name: 'define <term>', size: 'built-in', target: 1.25, argv: genz('define', 'rizz'), expect: 0 },
  { name: 'define <alias>', size: 'built-in', target: 1.25, argv: genz('define', 'rizzing'), expect: 0 },
  ...[
    [1000, small],
    [10000, large],
  ].flatMap(([count, dir]) => [
    { name: 'define <term>, cache warm', size: count, target: TARGETS[count][0], argv: genz('--data', dir, 'define', ...exactTerm(count)), expect: 0, memory: count === 10000 },
    { name: 'define <typo>', size: count, target: TARGETS[count][1], argv: genz('--data', dir, 'define', ...typo(count)), expect: 0 },
    { name: 'search <two words>', size: count, target: TARGETS[count][2], argv: genz('--data', dir, 'search', 'coffee', 'burnout'), expect: 0 },
    { name: 'explain <10 KB message>', size: count, target: TARGETS[count][3], argv: genz('--data', dir, 'explain'), input: message(count), expect: 0 },
  ]),
];

// Warm every cache once (and check each case answers as expected).
for (const c of cases) measure(c.argv, { input: c.input, expect: c.expect });

// After one file changed: add it, edit it in place (same size), delete it; each change is
// followed by a `define` of the changed term, which must see it: the added term is found,
// the term edited in place (same size, same inode) is found under its new name, the
// deleted one is not.
const changes = [
  [1000, small, 2.5],
  [10000, large, 4],
].flatMap(([count, dir, target]) => {
  const changed = join(dir, 'bench-added-term.yaml');
  const addedText = readFileSync(join(dir, readdirSync(dir).find((n) => n.endsWith('.yaml'))), 'utf8')
    .replace(/^term: .*$/m, 'term: bench added term')
    .replace(/^aliases:\n( {2}- .*\n)+/m, '');
  rmSync(changed, { force: true });
  measure(genz('--data', dir, 'define', ...exactTerm(count)));
  return [
    { name: 'define after adding a file', size: count, target, changed, apply: () => writeFileSync(changed, addedText), argv: genz('--data', dir, 'define', 'bench', 'added', 'term'), expect: 0 },
    {
      name: 'define after an in-place edit',
      size: count,
      target,
      changed,
      apply: () => writeFileSync(changed, addedText.replace('bench added term', 'bench fixed term')),
      argv: genz('--data', dir, 'define', 'bench', 'fixed', 'term'),
      expect: 0,
    },
    { name: 'define after deleting a file', size: count, target, changed, apply: () => rmSync(changed, { force: true }), argv: genz('--data', dir, 'define', 'bench', 'fixed', 'term'), expect: 1 },
  ];
});

// The built-in define against a floor measured in a clean environment (PATH only), so the
// figure does not rest on a slow floor.
const cleanEnv = { PATH: process.env['PATH'] ?? '', HOME: home, XDG_CACHE_HOME: warmCache };
const cleanFloor = [];
const cleanDefine = [];

const floor = [];
const results = new Map([...cases, ...changes].map((c) => [c, { ms: [], rss: [] }]));
for (let run = 0; run < RUNS; run++) {
  floor.push(measure([process.execPath, '-e', '0']).ms);
  cleanFloor.push(measure([process.execPath, '-e', '0'], { env: cleanEnv }).ms);
  cleanDefine.push(measure(genz('define', 'rizz'), { env: cleanEnv, expect: 0 }).ms);
  for (const c of cases) {
    const { ms, rss } = measure(c.argv, { input: c.input });
    results.get(c).ms.push(ms);
    results.get(c).rss.push(rss);
  }
  for (const c of changes) {
    c.apply();
    const { ms, rss } = measure(c.argv, { expect: c.expect });
    results.get(c).ms.push(ms);
    results.get(c).rss.push(rss);
  }
  // Bring every index up to date again before the next round's warm cases: the change cases
  // just changed both directories (the last change recorded racily, so the next run compiles
  // again), and a warm case is one whose cache is up to date.
  for (const c of cases) if (c.size !== 'built-in') measure(c.argv, { input: c.input });
}
for (const c of changes) rmSync(c.changed, { force: true });

// First run on a new 10,000-term directory: an empty cache each time.
const cold = [];
for (let run = 0; run < COLD_RUNS; run++) {
  const cache = join(scratch, `cold-${run}`);
  cold.push(measure(genz('--data', large, 'define', ...exactTerm(10000)), { env: env(cache), expect: 0 }));
  rmSync(cache, { recursive: true, force: true });
}

const floorMs = median(floor);
const rows = [['case', 'size', 'median ms', '× floor', 'peak RSS MB', 'target', 'result']];
const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
rows.push(['node -e 0 (floor)', '', fmt(floorMs), '1.00', '', '', '']);
for (const c of [...cases, ...changes]) {
  const { ms, rss } = results.get(c);
  const ratio = median(ms) / floorMs;
  const target = c.target ?? 3;
  rows.push([c.name, String(c.size ?? 10000), fmt(median(ms)), fmt(ratio, 2), fmt(Math.max(...rss)), `≤ ${target}×`, ratio <= target ? 'pass' : 'FAIL']);
  if (c.memory) {
    const peak = Math.max(...rss);
    rows.push(['peak memory, define warm', String(c.size), '', '', fmt(peak), '≤ 80 MB', peak <= 80 ? 'pass' : 'FAIL']);
  }
}
const coldMs = median(cold.map((r) => r.ms));
rows.push(['first run, cold cache', '10000', fmt(coldMs, 0), fmt(coldMs / floorMs, 1), fmt(Math.max(...cold.map((r) => r.rss))), '≤ 5000 ms', coldMs <= 5000 ? 'pass' : 'FAIL']);
const cleanRatio = median(cleanDefine) / median(cleanFloor);
rows.push([`define <term>, clean env (floor ${fmt(median(cleanFloor))} ms)`, 'built-in', fmt(median(cleanDefine)), fmt(cleanRatio, 2), '', '(shown)', '']);

const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
const line = (r) => `| ${r.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
console.log(line(rows[0]));
console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
for (const r of rows.slice(1)) console.log(line(r));
const envNote = process.env['BENCH_CLEAN_ENV'] === '1' ? 'clean environment (PATH only)' : `inherited environment${process.env['NODE_EXTRA_CA_CERTS'] ? ' (NODE_EXTRA_CA_CERTS set)' : ''}`;
console.log(`\n${RUNS} runs per case (cold: ${COLD_RUNS}), interleaved with the floor; node ${process.version}; ${envNote}; ${((Date.now() - started) / 1000).toFixed(0)} s`);
rmSync(scratch, { recursive: true, force: true });
