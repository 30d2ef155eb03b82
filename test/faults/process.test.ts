/**
 * Issue 17 §4: signals and I/O, through the real binary. Ctrl-C ends long work at once and
 * exits 130; a pager never outlives a killed genz; `genz new` says why it cannot write;
 * an unreadable directory or standard input is one line, not a crash.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, genzInProcess, tempDir } from '../helpers.ts';
import { GENZ_BIN, interrupt, run } from './run.ts';

const term = (name: string, definition: string) => `term: ${name}\ncategory: team\nworkplace: safe\ndefinition: ${definition}\n`;

function manyTerms(count: number): string {
  const dir = tempDir({});
  for (let i = 0; i < count; i++) writeFileSync(join(dir, `team-term-${i}.yaml`), term(`team term ${i}`, `Jargon number ${i} of our team, used in stand-ups.`));
  return dir;
}

describe('§4 Ctrl-C ends long synchronous work at once, with exit 130', () => {
  const big = manyTerms(20_000);
  const MESSAGE = `${'that deck ate, no cap. we are so cooked fr.\n'.repeat(24_000)}`.slice(0, 1024 * 1024);

  it('list over 20,000 entries, compiling them (first run)', async () => {
    const env = cleanEnv();
    const ended = await interrupt(['--data', big, 'list'], { env, afterMs: 1500 });
    expect(ended).toMatchObject({ code: 130, signal: null });
    expect(ended.ms).toBeLessThan(1000);
  }, 60_000);

  it('explain of a 1 MiB message', async () => {
    const ended = await interrupt(['explain'], { env: cleanEnv(), input: MESSAGE, afterMs: 350 });
    expect(ended).toMatchObject({ code: 130, signal: null });
    expect(ended.ms).toBeLessThan(500);
  });

  it.each([
    ['piped', ['explain'], {}],
    ['on a terminal', ['explain'], { isTTY: true, columns: 72 }],
    ['--json', ['explain', '--json'], {}],
  ])('and a run left alone gives the answer of one piece (%s): the slices change nothing', async (_name, args, tty) => {
    const mixed = `${MESSAGE.slice(0, 300_000)} no\ncap, it's giving ${'mid '.repeat(20_000)}fr fr\n\n${'bet. '.repeat(30_000)}`;
    const whole = await genzInProcess(args, { stdin: mixed, ...tty });
    const sliced = await genzInProcess(args, { stdin: mixed, ...tty, pause: () => new Promise((resolve) => setImmediate(resolve)) });
    expect(sliced.status).toBe(0);
    expect(sliced.stdout.length).toBeGreaterThan(mixed.length / 2);
    expect(sliced.stdout === whole.stdout).toBe(true);
  });
});

const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0 && spawnSync('less', ['--version']).status === 0;

describe.skipIf(!HAS_TMUX)('§4 killed while its pager runs: the pager goes too, the terminal is usable', () => {
  function pagerRun(signal: string): { screen: string; pagerLeft: string } {
    const socket = `genz-faults-${process.pid}-${signal}`;
    const env = { ...cleanEnv({ TERM: 'xterm-256color' }), PS1: '$ ' };
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env }).stdout;
    const sleep = (ms: number) => spawnSync('sleep', [String(ms / 1000)]);
    try {
      tmux('new-session', '-d', '-x', '80', '-y', '15', 'sh');
      sleep(300);
      tmux('send-keys', `"${process.execPath}" "${GENZ_BIN}" define rizz; echo "EXIT=$?"`, 'Enter');
      let genzPid = '';
      for (let i = 0; i < 50 && !genzPid; i++, sleep(100)) genzPid = spawnSync('pgrep', ['-f', `${GENZ_BIN} define rizz`], { encoding: 'utf8' }).stdout.trim().split('\n')[0] ?? '';
      let pagerPid = '';
      for (let i = 0; i < 50 && !pagerPid; i++, sleep(100)) pagerPid = spawnSync('pgrep', ['-P', genzPid], { encoding: 'utf8' }).stdout.trim();
      expect(pagerPid, 'the pager started').not.toBe('');
      spawnSync('kill', [`-${signal}`, genzPid]);
      sleep(1200);
      const pagerLeft = spawnSync('ps', ['-o', 'pid=', '-p', pagerPid], { encoding: 'utf8' }).stdout.trim();
      tmux('send-keys', 'echo "usable-$((40+2))"', 'Enter');
      sleep(500);
      return { screen: tmux('capture-pane', '-p'), pagerLeft };
    } finally {
      tmux('kill-server');
    }
  }

  it.each(['TERM', 'HUP', 'QUIT'])('SIG%s', (signal) => {
    const { screen, pagerLeft } = pagerRun(signal);
    expect(pagerLeft).toBe('');
    expect(screen).toMatch(/^usable-42$/m);
  });
});

describe('§4 genz new says why it cannot write (exit 2 or 3), never an internal error', () => {
  it.each([
    ['--dir under /dev/null', ['--dir', '/dev/null/x'], /not a directory/],
    ['--dir that is a file', ['--dir', '/etc/hostname'], /not a directory/],
    ['a 251-character name', ['--dir', '/tmp', 'a'.repeat(251)], /limited to 255/],
    ['--dir on /proc', ['--dir', '/proc/genz-x/terms'], /cannot write \/proc\/genz-x/],
  ])('%s', (_name, args, reason) => {
    const started = Date.now();
    const { status, stdout, stderr } = run(['new', 'deck review', ...args]);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect([2, 3]).toContain(status);
    expect(stdout).toBe('');
    expect(stderr).toMatch(reason);
    expect(stderr).not.toMatch(/internal error/);
  });

  it('with the working directory deleted, does not recreate it through $PWD', () => {
    const gone = tempDir({});
    const script = `cd "$1" && rmdir "$1" && exec "$2" "$3" new deck review --dir ./terms`;
    const result = spawnSync('sh', ['-c', script, 'sh', gone, process.execPath, GENZ_BIN], { env: cleanEnv(), encoding: 'utf8' });
    expect(existsSync(gone)).toBe(false);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/working directory no longer exists/);
  });
});

describe('§4 unreadable input is a warning or one line of error', () => {
  it('an unreadable directory in the search path (simulated: as root chmod stops no read) is skipped with a warning', () => {
    const readable = tempDir({ 'deck-review.yaml': term('deck review', 'Ours.') });
    const locked = tempDir({ 'other.yaml': term('other', 'Locked away.') });
    const env = cleanEnv({ GENZ_PATH: `${locked}:${readable}`, GENZ_FAULT_EACCES: locked });
    for (const args of [['define', 'rizz'], ['define', 'deck', 'review'], ['search', 'ours']]) {
      const { status, stdout, stderr } = run(args, { env, faults: true });
      expect(status, args.join(' ')).toBe(0);
      expect(stdout.length).toBeGreaterThan(0);
      expect(stderr).toBe(`genz: warning: skipped ${locked}: permission denied\n`);
    }
  });

  it.each([
    ['open for writing only (0>file)', '0>"$F"'],
    ['a directory (<dir)', '<"$D"'],
  ])('explain with standard input %s: one line, exit 2', (_name, redirect) => {
    const dir = tempDir({ f: '' });
    const result = spawnSync('sh', ['-c', `exec "$0" "$1" explain ${redirect}`, process.execPath, GENZ_BIN], {
      env: { ...cleanEnv(), F: join(dir, 'f'), D: dir },
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^genz: cannot read standard input \(E[A-Z]+\)\n(hint: run "genz explain --help" for usage\n)?$/);
  });
});

describe('§4 validate and loading use one set of rules', () => {
  const FILES: Record<string, string> = {
    'empty-example.yaml': `${term('empty example', 'd')}examples:\n  - setting: x\n    lines: []\n`,
    'flow-aliases.yaml': `${term('flow aliases', 'd')}aliases: [${Array.from({ length: 5000 }, (_, i) => `"alias${i}"`).join(', ')}]\n`,
    'block-aliases.yaml': `${term('block aliases', 'd')}aliases:\n${Array.from({ length: 5000 }, (_, i) => `  - "blk${i}"`).join('\n')}\n`,
    'yaml-aliases.yaml': `term: &t yaml aliases\ncategory: team\nworkplace: safe\ndefinition: d\naliases: [${Array(5000).fill('*t').join(', ')}]\n`,
    'fine.yaml': term('fine', 'd'),
  };

  it('a file is an error for validate exactly when loading skips it (and says so)', () => {
    const dir = tempDir(FILES);
    const validated = JSON.parse(run(['--no-builtin', 'validate', dir, '--json']).stdout);
    const listed = run(['--no-builtin', '--data', dir, 'list']);
    const loaded = new Set(listed.stdout.trim().split('\n'));
    for (const name of Object.keys(FILES)) {
      const slug = name.replace('.yaml', '');
      const errors = validated.diagnostics.filter((d: { file: string; severity: string }) => d.file.endsWith(`/${name}`) && d.severity === 'error');
      const warned = listed.stderr.includes(`skipped ${join(dir, name)}:`);
      expect({ name, loaded: loaded.has(slug), warned }).toEqual({ name, loaded: errors.length === 0, warned: errors.length > 0 });
    }
    expect(readdirSync(dir).length).toBe(Object.keys(FILES).length);
    mkdirSync(join(dir, 'sub'));
  });
});
