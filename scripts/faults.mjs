#!/usr/bin/env node
// Fault-injection run of issue 17: the fault families against the real binary, one table.
//   node scripts/faults.mjs [--bin path/to/genz.js] [--quick]
// Each case runs bin/genz.js as a user would and checks the guarantees. Exit 1 when
// a case of §1 or §2 (data loss, leaks) fails.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const argBin = process.argv.indexOf('--bin');
const BIN = argBin > 0 ? process.argv[argBin + 1] : join(ROOT, 'bin', 'genz.js');
const QUICK = process.argv.includes('--quick');
const FS_FAULTS = join(ROOT, 'test', 'faults', 'fs-faults.cjs');
const rows = new Map(); // family → { section, cases, failures, examples }

function record(family, section, ok, what) {
  const row = rows.get(family) ?? { section, cases: 0, failures: 0, examples: [] };
  row.cases++;
  if (!ok) {
    row.failures++;
    if (row.examples.length < 3) row.examples.push(what);
  }
  rows.set(family, row);
}

const temp = (prefix) => mkdtempSync(join(tmpdir(), `genz-faults-${prefix}-`));
function env(extra = {}) {
  const home = temp('home');
  return { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_CACHE_HOME: join(home, '.cache'), ...extra };
}
function genz(args, { environment = env(), input = '', shell, faults, cwd = ROOT, timeout = 20_000 } = {}) {
  const node = [...(faults ? ['-r', FS_FAULTS] : []), BIN, ...args];
  const started = Date.now();
  const r = shell
    ? spawnSync('sh', ['-c', `${shell} exec "$0" "$@"`, process.execPath, ...node], { env: environment, input, cwd, encoding: 'utf8', timeout, maxBuffer: 64 << 20 })
    : spawnSync(process.execPath, node, { env: environment, input, cwd, encoding: 'utf8', timeout, maxBuffer: 64 << 20 });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', ms: Date.now() - started };
}
const term = (name, definition, extra = '') => `term: ${name}\ncategory: team\nworkplace: safe\ndefinition: ${definition}\n${extra}`;
function terms(files) {
  const dir = temp('terms');
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
function survey(root, skip) {
  const out = new Map();
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (p === skip) continue;
      const s = lstatSync(p);
      if (s.isSymbolicLink()) out.set(p, `link ${readlinkSync(p)}`);
      else if (s.isDirectory()) {
        out.set(p, 'dir');
        walk(p);
      }
      else if (s.isFile()) out.set(p, `${createHash('sha1').update(readFileSync(p)).digest('hex')} ${s.mtimeMs}`);
      else out.set(p, `special ${s.mode}`);
    }
  };
  walk(root);
  return JSON.stringify([...out]);
}
const longestX = (text) => Math.max(0, ...[...text.matchAll(/x+/g)].map((m) => m[0].length));

// §2 hostile term files: a big value wherever a diagnostic quotes one; links out of the directory.
function hostileFiles() {
  const sizes = QUICK ? [1_000, 500_000] : [100, 1_000, 50_000, 500_000, 1_000_000];
  const places = {
    enum: (b) => `term: t\ncategory: team\nworkplace: "${b}"\ndefinition: d\n`,
    category: (b) => `term: t\ncategory: "${b}"\nworkplace: safe\ndefinition: d\n`,
    key: (b) => term('t', 'd', `${b.slice(0, 1000)}: 1\n`),
    quotedKey: (b) => term('t', 'd', `"${b}": 1\n`),
    nestedKey: (b) => term('t', 'd', `synonyms: [{term: a, note: b, "${b}": 1}]\n`),
    twice: (b) => term('t', 'd', `aliases: ["${b.slice(0, b.length / 2)}", "${b.slice(0, b.length / 2)}"]\n`),
    tag: (b) => term('t', 'd', `tags: ["${b}X"]\n`),
    aliasIsTerm: (b) => `term: "${b.slice(0, b.length / 2)}"\ncategory: team\nworkplace: safe\ndefinition: d\naliases: ["${b.slice(0, b.length / 2)}"]\n`,
    anchor: (b) => term('t', 'd', `since: *${b}\n`),
    tagged: (b) => term('t', 'd', `origin: !<${b}> x\n`),
    cue: (b) => term('t', 'd', `cues: ["${b}"]\n`),
    date: (b) => term('t', 'd', `sources: [{title: t, publisher: p, date: "${b}", url: "https://e.x"}]\n`),
    url: (b) => term('t', 'd', `sources: [{title: t, publisher: p, date: "2024", url: "ftp://${b}"}]\n`),
    related: (b) => term('t', 'd', `related: [{slug: "${b}", note: n}]\n`),
    number: (b) => `term: t\ncategory: team\nworkplace: 5${b.slice(0, 300)}\ndefinition: d\n`,
    syntax: (b) => `term: t\n${b}: [\n`,
  };
  for (const size of sizes) {
    const big = 'x'.repeat(size - 20 > 0 ? size - 20 : size);
    for (const [place, make] of Object.entries(places)) {
      const dir = terms({ [`${place}.yaml`]: make(big), 'good.yaml': term('good', 'Fine.') });
      for (const args of [['--data', dir, 'list'], ['validate', dir], ['validate', dir, '--json'], ['--data', dir, 'define', 'good']]) {
        const r = genz(['--no-builtin', ...args]);
        const text = r.stdout + r.stderr;
        const lines = text.split('\n').filter((l) => !l.startsWith('good') && !l.startsWith('team'));
        const ok = r.status !== null && longestX(text.replace(/"file": ".*"/g, '')) <= 80 && lines.every((l) => l.length < 600) && !/internal error/.test(text);
        record('hostile term files: quotes capped', 2, ok, `${place} ${size} ${args.join(' ')}: ${longestX(text)} x's`);
      }
    }
  }
  const secretDir = temp('secret');
  writeFileSync(join(secretDir, 'id_rsa'), 'SECRET-KEY-MATERIAL\nterm: [\n');
  writeFileSync(join(secretDir, 'creds.yaml'), 'term: SECRET-YAML\ncategory: team\nworkplace: safe\ndefinition: SECRET-YAML\n');
  const targets = ['/proc/self/environ', '/etc/passwd', '/etc/shadow', '/dev/zero', '/proc/self/cmdline', join(secretDir, 'id_rsa'), join(secretDir, 'creds.yaml'), secretDir, '../' + secretDir.split('/').pop() + '/id_rsa'];
  for (const target of targets) {
    const dir = terms({ 'good.yaml': term('good', 'Fine.') });
    symlinkSync(target, join(dir, 'x.yaml'));
    for (const args of [['validate', dir, '--json'], ['validate', dir], ['--data', dir, 'list'], ['--data', dir, 'define', 'secret yaml'], ['--data', dir, 'search', 'secret']]) {
      const r = genz(['--no-builtin', ...args], { environment: env({ GENZ_CANARY: 'SECRET-ENV' }) });
      const text = r.stdout + r.stderr;
      record('hostile term files: links out refused', 2, !/SECRET|root:x:0|GENZ_CANARY/.test(text), `${target} ${args.join(' ')}`);
    }
  }
}

// §1 and §3: cache faults. Sabotage a cache path, run a command, compare with no cache.
function cacheFaults() {
  const commands = [['define', 'deck', 'review'], ['define', 'dekc', 'review'], ['define', 'zzqxv'], ['search', 'ritual'], ['explain', 'after the deck review'], ['list']];
  const sabotage = {
    'link to a directory of files': (p, scratch) => symlinkSync(scratch, p),
    'link to a file': (p, scratch) => symlinkSync(join(scratch, 'precious.txt'), p),
    fifo: (p) => execFileSync('mkfifo', [p]),
    'link to /dev/zero': (p) => symlinkSync('/dev/zero', p),
    'device node /dev/zero': (p) => execFileSync('mknod', [p, 'c', '1', '5']),
    'file for a directory': (p) => writeFileSync(p, 'planted'),
    'directory for a file': (p) => mkdirSync(p),
    garbage: (p) => writeFileSync(p, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))),
    'truncated': (p, _s, saved) => writeFileSync(p, saved.subarray(0, Math.floor(saved.length / 3))),
    'one byte flipped': (p, _s, saved) => {
      const copy = Buffer.from(saved);
      copy[Math.floor(copy.length * 0.7)] ^= 0x55;
      writeFileSync(p, copy);
    },
    empty: (p) => writeFileSync(p, ''),
  };
  const dir = terms({ 'deck-review.yaml': term('deck review', 'Our Thursday ritual.'), 'other.yaml': term('other', 'Else.') });
  const expected = new Map(commands.map((c) => [c.join(' '), genz(['--data', dir, ...c], { environment: env({ HOME: 'relative', XDG_CACHE_HOME: 'relative' }) })]));
  for (const [how, apply] of Object.entries(sabotage)) {
    for (const where of ['genz', 'snapshots', 'snapshot']) {
      if (where !== 'snapshot' && ['truncated', 'one byte flipped', 'garbage', 'empty'].includes(how)) continue;
      for (const c of commands) {
        const e = env();
        const root = dirname(e.XDG_CACHE_HOME);
        const scratch = join(root, 'scratch');
        mkdirSync(scratch);
        writeFileSync(join(scratch, 'precious.txt'), 'precious');
        writeFileSync(join(scratch, '0123456789abcdef-x.snap'), 'precious snap');
        genz(['--data', dir, 'list'], { environment: e });
        const snaps = join(e.XDG_CACHE_HOME, 'genz', 'snapshots');
        const snap = join(snaps, readdirSync(snaps).find((n) => n.endsWith('.snap')));
        const path = where === 'genz' ? join(e.XDG_CACHE_HOME, 'genz') : where === 'snapshots' ? snaps : snap;
        const saved = readFileSync(snap);
        rmSync(path, { recursive: true, force: true });
        apply(path, scratch, saved);
        const before = survey(root, e.XDG_CACHE_HOME);
        const r = genz(['--data', dir, ...c], { environment: e, timeout: 15_000 });
        const want = expected.get(c.join(' '));
        const untouched = survey(root, e.XDG_CACHE_HOME) === before;
        record('cache: nothing outside the cache changes', 1, untouched, `${how} at ${where}: ${c.join(' ')}`);
        const same = r.status === want.status && r.stdout === want.stdout && !/internal error/.test(r.stderr);
        record('cache faults: same answer, no hang', 3, same, `${how} at ${where}: ${c.join(' ')} → ${r.status} ${r.signal ?? ''} ${r.stderr.slice(0, 80)}`);
      }
    }
  }
}

// §3 concurrency: processes building and reading one cache at once, with edits between.
async function concurrency() {
  const rounds = QUICK ? 3 : 8;
  for (let round = 0; round < rounds; round++) {
    const files = {};
    for (let i = 0; i < 300; i++) files[`t-${i}.yaml`] = term(`team term ${i}`, `Number ${i}.`);
    const dir = terms(files);
    const e = env();
    const one = (args) =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [BIN, '--data', dir, ...args], { env: e, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (err += d));
        child.on('exit', (code) => resolve({ code, out, err }));
      });
    if (round % 2) writeFileSync(join(dir, `t-${round}.yaml`), term(`team term ${round}`, `Edited ${round}.`));
    const results = await Promise.all([one(['define', 'team', 'term', String(round)]), one(['list']), one(['search', 'number']), one(['define', 'team', 'term', String(round)])]);
    const want = round % 2 ? `Edited ${round}.` : `Number ${round}.`;
    const ok = results.every((r) => r.code === 0 && !/internal error/.test(r.err)) && results[0].out.includes(want) && results[3].out.includes(want) && results[1].out.split('\n').filter((line) => line.startsWith('t-')).length === 300;
    record('concurrency: parallel processes on one cache', 3, ok, `round ${round}: ${results.map((r) => r.code).join(',')}`);
    const left = readdirSync(join(e.XDG_CACHE_HOME, 'genz', 'snapshots')).filter((n) => n.endsWith('.tmp'));
    record('concurrency: parallel processes on one cache', 3, left.length === 0, `round ${round}: ${left}`);
  }
}

// §3/§4 signals: at random moments of long work, exit status, time to exit, leftovers.
async function signals() {
  const files = {};
  for (let i = 0; i < (QUICK ? 3000 : 20_000); i++) files[`t-${i}.yaml`] = term(`team term ${i}`, `Jargon number ${i} of our team.`);
  const dir = terms(files);
  const message = 'that deck ate, no cap. we are so cooked fr.\n'.repeat(24_000).slice(0, 1024 * 1024);
  const warm = env();
  genz(['--data', dir, 'list'], { environment: warm, timeout: 120_000 });
  const expectCode = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  const jobs = [
    ['list, compiling', () => env(), ['--data', dir, 'list'], ''],
    ['list, cached', () => warm, ['--data', dir, 'list'], ''],
    ['explain 1 MiB', () => env(), ['explain'], message],
  ];
  const latencies = [];
  for (const [name, makeEnv, args, input] of jobs) {
    for (const signal of Object.keys(expectCode)) {
      for (const afterMs of QUICK ? [200, 500] : [150, 250, 400, 600, 900]) {
        const e = makeEnv();
        const r = await new Promise((resolve) => {
          const child = spawn(process.execPath, [BIN, ...args], { env: e, stdio: ['pipe', 'pipe', 'ignore'] });
          child.stdin.on('error', () => {});
          child.stdin.end(input);
          child.stdout.resume();
          let sent = 0;
          const timer = setTimeout(() => {
            sent = Date.now();
            child.kill(signal);
          }, afterMs);
          child.on('exit', (code, sig) => {
            clearTimeout(timer);
            resolve({ code, sig, ms: sent ? Date.now() - sent : -1 });
          });
        });
        if (r.ms < 0) continue; // finished before the signal: nothing to test
        const snaps = join(e.XDG_CACHE_HOME, 'genz', 'snapshots');
        let left = [];
        try {
          left = readdirSync(snaps).filter((n) => n.endsWith('.tmp'));
        } catch {}
        // The signal may land before genz installs its handlers (its first ~50 ms): killed by it then.
        const statusOk = r.code === expectCode[signal] || r.sig === signal;
        latencies.push(r.ms);
        record(`signals: ${signal} exits at once (< 250 ms)`, 4, statusOk && r.ms < 250, `${name} after ${afterMs} ms: ${r.code ?? r.sig} in ${r.ms} ms`);
        record('signals: no temporary file left', 3, left.length === 0, `${name} ${signal} after ${afterMs} ms: ${left}`);
      }
    }
  }
  latencies.sort((a, b) => a - b);
  if (latencies.length) console.log(`signal → exit: median ${latencies[latencies.length >> 1]} ms, max ${latencies.at(-1)} ms over ${latencies.length} runs`);
}

// Odd environments: each must answer right (or fail with one clear line), never 70 or a hang.
function environments() {
  const dir = terms({ 'deck-review.yaml': term('deck review', 'Our Thursday ritual.') });
  const right = (r) => r.status === 0 && r.stdout.includes('Our Thursday ritual.') && !/internal error/.test(r.stderr);
  const define = ['--data', dir, 'define', 'deck', 'review'];
  const blocker = join(temp('blocker'), 'file');
  writeFileSync(blocker, '');
  const cases = [
    ['relative XDG_CACHE_HOME and HOME', () => genz(define, { environment: env({ XDG_CACHE_HOME: '.cache', HOME: '.' }), cwd: temp('cwd') }), right],
    ['cache under a file', () => genz(define, { environment: env({ XDG_CACHE_HOME: join(blocker, 'c') }) }), right],
    ['ulimit -f 0', () => genz(define, { shell: 'ulimit -f 0;' }), right],
    ['ulimit -f 1', () => genz(define, { shell: 'ulimit -f 1;' }), right],
    ['TMPDIR missing', () => genz(define, { environment: env({ TMPDIR: '/nonexistent' }) }), right],
    ['1-second timestamps', () => genz(define, { environment: env({ GENZ_FAULT_COARSE: '1' }), faults: true }), right],
    ['an unreadable search-path directory (simulated)', () => genz(['define', 'deck', 'review'], { environment: env({ GENZ_PATH: `/tmp/genz-locked:${dir}`, GENZ_FAULT_EACCES: dir + 'x' }), faults: true }), right],
    ['GENZ_PATH with missing entries', () => genz(['define', 'deck', 'review'], { environment: env({ GENZ_PATH: `/nope:${dir}:/also/nope` }) }), right],
    ['stdin closed', () => genz(['explain'], { shell: 'exec 0<&-;' }), (r) => r.status === 2],
    ['stdin write-only', () => genz(['explain'], { shell: `exec 0>${join(temp('wo'), 'f')};` }), (r) => r.status === 2 && r.stderr.split('\n').length === 2],
    ['stdin a directory', () => genz(['explain'], { shell: 'exec 0</tmp;' }), (r) => r.status === 2 && r.stderr.split('\n').length === 2],
    ['new --dir /dev/null/x', () => genz(['new', 'x', '--dir', '/dev/null/x']), (r) => [2, 3].includes(r.status)],
    ['new --dir a file', () => genz(['new', 'x', '--dir', '/etc/hostname']), (r) => [2, 3].includes(r.status)],
    ['new, 251-character name', () => genz(['new', 'a'.repeat(251), '--dir', temp('new')]), (r) => [2, 3].includes(r.status)],
    ['new --dir on /proc', () => genz(['new', 'x', '--dir', '/proc/genz/x'], { timeout: 5000 }), (r) => [2, 3].includes(r.status)],
    ['new --dir on /sys', () => genz(['new', 'x', '--dir', '/sys/genz/x'], { timeout: 5000 }), (r) => [2, 3].includes(r.status)],
    ['new, working directory removed', () => {
      const gone = temp('gone');
      const r = spawnSync('sh', ['-c', 'cd "$1" && rmdir "$1" && exec "$2" "$3" new x --dir ./t', 'sh', gone, process.execPath, BIN], { env: env(), encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr, recreated: (() => { try { lstatSync(gone); return true; } catch { return false; } })() };
    }, (r) => r.status === 2 && !r.recreated],
    ['define, working directory removed', () => {
      const gone = temp('gone');
      const r = spawnSync('sh', ['-c', 'cd "$1" && rmdir "$1" && exec "$2" "$3" define rizz', 'sh', gone, process.execPath, BIN], { env: env(), encoding: 'utf8' });
      return { status: r.status, stdout: r.stdout, stderr: r.stderr };
    }, (r) => r.status === 0],
    ['stdout /dev/full', () => genz(['list'], { shell: 'exec 1>/dev/full;' }), (r) => r.status === 74],
  ];
  for (const [name, go, check] of cases) {
    let r;
    try {
      r = go();
    } catch (error) {
      r = { status: -1, stderr: String(error) };
    }
    record('odd environments', 4, check(r) && !/internal error/.test(r.stderr ?? ''), `${name}: ${r.status} ${(r.stderr ?? '').slice(0, 100)}`);
  }
}

const started = Date.now();
hostileFiles();
cacheFaults();
await concurrency();
await signals();
environments();
console.log(`\n| family | issue § | cases | failures |\n|---|---|---|---|`);
let dataLoss = 0;
for (const [family, row] of rows) {
  console.log(`| ${family} | ${row.section} | ${row.cases} | ${row.failures} |`);
  if (row.section <= 2) dataLoss += row.failures;
}
for (const [family, row] of rows) for (const example of row.examples) console.log(`  ✗ ${family}: ${example}`);
console.log(`\n${[...rows.values()].reduce((n, r) => n + r.cases, 0)} cases in ${Math.round((Date.now() - started) / 1000)} s against ${BIN}`);
process.exitCode = dataLoss > 0 ? 1 : 0;
