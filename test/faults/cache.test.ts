/**
 * Issue 17 §3: never a stale answer, never a hang, never an internal error from the cache.
 * Through the real binary: a racy edit on a file system with whole-second timestamps, a FIFO
 * or /dev/zero where a snapshot belongs, garbage, a cache that cannot be written (ulimit -f,
 * a full device, read-only), signals in the middle of a snapshot write, and two processes
 * whose clocks disagree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, openStore, tempDir } from '../helpers.ts';
import { CacheDir } from '../../src/store/cache-dir.ts';
import { openBuiltin, StoredGlossary } from '../../src/store/glossary.ts';
import { interrupt, run } from './run.ts';

const term = (name: string, definition: string) => `term: ${name}\ncategory: team\nworkplace: safe\ndefinition: ${definition}\n`;
const isRoot = process.getuid?.() === 0;

function setup(count = 2) {
  const files: Record<string, string> = { 'deck-review.yaml': term('deck review', 'Our Thursday ritual.') };
  for (let i = 1; i < count; i++) files[`team-term-${i}.yaml`] = term(`team term ${i}`, `Jargon number ${i} of our team.`);
  const dir = tempDir(files);
  const env = cleanEnv();
  const snapshots = join(env['XDG_CACHE_HOME']!, 'genz', 'snapshots');
  const snapshotFiles = () => (existsSync(snapshots) ? readdirSync(snapshots).map((name) => join(snapshots, name)) : []);
  const define = (options: Parameters<typeof run>[1] = {}) => run(['--data', dir, 'define', 'deck', 'review'], { env, ...options });
  return { dir, env, snapshots, snapshotFiles, define };
}

describe('§3 a racy edit never gives a stale answer', () => {
  it('1-second timestamps: edited in place within the second, mtime set back, same size: define shows the new text', () => {
    for (let trial = 0; trial < 3; trial++) {
      const { dir, env, snapshotFiles } = setup();
      const file = join(dir, 'deck-review.yaml');
      const options = { env: { ...env, GENZ_FAULT_COARSE: '1' }, faults: true };
      const first = run(['--data', dir, 'define', 'deck', 'review'], options);
      expect(first.stdout).toContain('Our Thursday ritual.');
      expect(snapshotFiles().length).toBe(1);
      const before = statSync(file);
      writeFileSync(file, term('deck review', 'Our Tuesday ritual!!'));
      utimesSync(file, before.atime, new Date(Math.floor(before.mtimeMs / 1000) * 1000));
      const second = run(['--data', dir, 'define', 'deck', 'review'], options);
      expect(second.stdout).toContain('Our Tuesday ritual!!');
    }
  });
});

describe('§3 a snapshot that is not a snapshot: rebuilt or bypassed, the right answer, exit 0', () => {
  const SABOTAGE: Array<[string, (path: string, saved: Buffer) => void]> = [
    ['a FIFO', (path) => execFileSync('mkfifo', [path])],
    ['a link to /dev/zero', (path) => symlinkSync('/dev/zero', path)],
    ...(isRoot ? [['/dev/zero itself (a device node)', (path: string) => execFileSync('mknod', [path, 'c', '1', '5'])] as [string, (path: string) => void]] : []),
    ['garbage', (path) => writeFileSync(path, 'GENZ-SNAPSHOT 1\n{"sections":{"files":[0,99999]}}\n\u0000\u0001garbage')],
    ['truncated to its header', (path, saved) => writeFileSync(path, saved.subarray(0, 200))],
    ['cut off in its last section', (path, saved) => writeFileSync(path, saved.subarray(0, saved.length - 10))],
    ['a directory', (path) => mkdirSync(path)],
  ];
  it.each(SABOTAGE)('%s', (_name, sabotage) => {
    const { snapshotFiles, define } = setup();
    expect(define().status).toBe(0);
    const [path] = snapshotFiles();
    const saved = readFileSync(path!);
    rmSync(path!, { recursive: true });
    sabotage(path!, saved);
    const started = Date.now();
    const { status, stdout, stderr } = define();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
    expect(stdout).toContain('Our Thursday ritual.');
  });
});

describe('§3 no usable cache still answers', () => {
  const cases: Array<[string, string]> = [
    ['ulimit -f 0 (every write fails with EFBIG; Node ignores SIGXFSZ)', 'ulimit -f 0;'],
    ['ulimit -f 1 (a 512-byte cap: snapshots cut short)', 'ulimit -f 1;'],
  ];
  it.each(cases)('%s', (_name, shell) => {
    const { snapshotFiles, define } = setup(40);
    for (let i = 0; i < 2; i++) {
      const { status, stdout, stderr } = define({ shell });
      expect({ status, stderr }).toEqual({ status: 0, stderr: '' });
      expect(stdout).toContain('Our Thursday ritual.');
    }
    expect(snapshotFiles().filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('a full device (the cache is /dev/full): the right answer', () => {
    const { dir, env } = setup();
    const snapshots = join(env['XDG_CACHE_HOME']!, 'genz', 'snapshots');
    mkdirSync(snapshots, { recursive: true });
    const { status, stdout } = run(['--data', dir, 'define', 'deck', 'review'], { env, shell: `ln -s /dev/full "${snapshots}/x";` });
    expect(status).toBe(0);
    expect(stdout).toContain('Our Thursday ritual.');
  });

  it.skipIf(isRoot)('a read-only cache directory with a read-only TMPDIR (skipped as root: root writes anyway)', () => {
    const { env, snapshots, define } = setup();
    mkdirSync(snapshots, { recursive: true });
    chmodSync(snapshots, 0o500);
    const tmp = tempDir({});
    chmodSync(tmp, 0o500);
    const { status, stdout } = define({ env: { ...env, TMPDIR: tmp } });
    expect(status).toBe(0);
    expect(stdout).toContain('Our Thursday ritual.');
  });
});

describe('§3 signals never leave a temporary file', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s at random moments of a cold compile: no *.tmp in the cache, and the next answer is right', async (signal) => {
    const { dir, env, snapshotFiles } = setup(1500);
    for (const afterMs of [150, 300, 450, 600, 900]) {
      await interrupt(['--data', dir, 'list'], { env, afterMs, signal });
      expect(snapshotFiles().filter((f) => /\.tmp$/.test(f)), `${signal} after ${afterMs} ms`).toEqual([]);
    }
    const { status, stdout } = run(['--data', dir, 'define', 'team', 'term', '1499'], { env });
    expect(status).toBe(0);
    expect(stdout).toContain('Jargon number 1499');
  });
});

describe('§3 two processes never delete what the other is reading', () => {
  it('whatever the clocks say: one 40 days ahead tidies while the other reads from an open snapshot', () => {
    const { dir, env } = setup(30);
    const cacheRoot = join(env['XDG_CACHE_HOME']!, 'genz');
    expect(run(['--data', dir, 'list'], { env }).status).toBe(0);
    // A reader with the snapshot open (lazily: it reads sections and entries later).
    const reader = openStore([dir], { cacheRoot, builtin: false });
    const cache = CacheDir.open(cacheRoot, 'test', process.getuid?.());
    if ('problem' in cache) throw new Error(cache.problem);
    // Another process, its clock 40 days ahead, writes a snapshot and tidies: the reader's
    // file looks abandoned to it.
    const ahead = Date.now() + 40 * 24 * 3600_000;
    writeFileSync(join(dir, 'new-one.yaml'), term('new one', 'Added.'));
    const writer = new StoredGlossary({ dirs: [dir], builtin: openBuiltin(), cache, buildId: 'test', now: () => ahead });
    expect(writer.exact('new one')?.entry.definition).toBe('Added.');
    expect(reader.entry('team-term-29')?.definition).toBe('Jargon number 29 of our team.');
    expect(reader.glossary().entries.length).toBeGreaterThanOrEqual(30);
  });

  it('two builds sharing a cache keep their own snapshots and do not evict each other', () => {
    const { dir, env, snapshots } = setup();
    const cacheRoot = join(env['XDG_CACHE_HOME']!, 'genz');
    for (const buildId of ['one', 'two', 'one', 'two']) {
      const cache = CacheDir.open(cacheRoot, buildId, process.getuid?.());
      if ('problem' in cache) throw new Error(cache.problem);
      new StoredGlossary({ dirs: [dir], cache, buildId, now: Date.now }).glossary();
    }
    const names = readdirSync(snapshots);
    expect(names.some((n) => n.endsWith('-one.snap'))).toBe(true);
    expect(names.some((n) => n.endsWith('-two.snap'))).toBe(true);
    expect(spawnSync('true').status).toBe(0);
  });
});
