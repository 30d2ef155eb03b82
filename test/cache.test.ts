/**
 * The compiled-directory cache never changes an answer: every kind of change to a term
 * directory shows in the very next command, and a damaged or unwritable cache is rebuilt or
 * bypassed. Through the real binary, each test with its own XDG_CACHE_HOME.
 */
import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, genz, type Outcome, tempDir } from './helpers.ts';

const term = (name: string, definition: string) => `term: ${name}\ncategory: team\nworkplace: safe\ndefinition: ${definition}\n`;

/** A data directory, an environment with an empty cache, and a `define --json` against both. */
function setup(files: Record<string, string>) {
  const dir = tempDir(files);
  const env = cleanEnv();
  const run = (...args: string[]): Outcome => genz(['--data', dir, ...args], { env });
  const define = (...words: string[]) => {
    const outcome = run('define', ...words, '--json');
    return { ...outcome, doc: outcome.stdout ? JSON.parse(outcome.stdout) : null };
  };
  const cacheFiles = () => {
    const root = join(env['XDG_CACHE_HOME']!, 'genz');
    const out: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const path = join(d, name);
        if (statSync(path).isDirectory()) walk(path);
        else out.push(path);
      }
    };
    if (existsSync(root)) walk(root);
    return out;
  };
  return { dir, env, run, define, cacheFiles };
}

describe('cache: changes show in the next command', () => {
  it('a file added, then deleted', () => {
    const { dir, define } = setup({ 'deck-review.yaml': term('deck review', 'Our Thursday ritual.') });
    expect(define('deck', 'review').doc.entry.definition).toBe('Our Thursday ritual.');
    expect(define('standup', 'theatre').status).toBe(1);
    writeFileSync(join(dir, 'standup-theatre.yaml'), term('standup theatre', 'Meetings for show.'));
    expect(define('standup', 'theatre').doc.entry.definition).toBe('Meetings for show.');
    rmSync(join(dir, 'standup-theatre.yaml'));
    expect(define('standup', 'theatre').status).toBe(1);
  });

  it('a file renamed', () => {
    const { dir, define } = setup({ 'deck-review.yaml': term('deck review', 'Our Thursday ritual.') });
    expect(define('deck', 'review').doc.entry.source.path).toBe(join(dir, 'deck-review.yaml'));
    renameSync(join(dir, 'deck-review.yaml'), join(dir, 'deck-reviews.yaml'));
    const { doc } = define('deck', 'review');
    expect(doc.entry.slug).toBe('deck-reviews');
    expect(doc.entry.source.path).toBe(join(dir, 'deck-reviews.yaml'));
  });

  it('a file edited in place: same size, same inode, mtime set back to the same second', () => {
    const { dir, define } = setup({ 'deck-review.yaml': term('deck review', 'Our Thursday ritual.'), 'other.yaml': term('other', 'Else.') });
    const file = join(dir, 'deck-review.yaml');
    expect(define('deck', 'review').doc.entry.definition).toBe('Our Thursday ritual.');
    const before = statSync(file);
    writeFileSync(file, term('deck review', 'Our Tuesday ritual!!'));
    utimesSync(file, before.atime, before.mtime);
    expect(statSync(file).ino).toBe(before.ino);
    expect(statSync(file).size).toBe(before.size);
    expect(define('deck', 'review').doc.entry.definition).toBe('Our Tuesday ritual!!');
  });

  it('a term renamed in place: the new name is found and the old one is not', () => {
    const { dir, define } = setup({ 'deck-review.yaml': term('deck review', 'Our Thursday ritual.'), 'other.yaml': term('other', 'Else.') });
    expect(define('deck', 'review').status).toBe(0);
    writeFileSync(join(dir, 'deck-review.yaml'), term('deck rehash', 'Our Thursday ritual.'));
    expect(define('deck', 'rehash').doc.entry.term).toBe('deck rehash');
    expect(define('deck', 'review').doc.entry?.term ?? null).not.toBe('deck review');
  });

  it('an editor that writes a new file and renames it over the old one', () => {
    const { dir, define } = setup({ 'deck-review.yaml': term('deck review', 'Our Thursday ritual.') });
    expect(define('deck', 'review').doc.entry.definition).toBe('Our Thursday ritual.');
    writeFileSync(join(dir, '.deck-review.yaml.swp'), term('deck review', 'Moved to Friday.'));
    renameSync(join(dir, '.deck-review.yaml.swp'), join(dir, 'deck-review.yaml'));
    expect(define('deck', 'review').doc.entry.definition).toBe('Moved to Friday.');
  });

  it('an edit to a linked entry shows in the related names', () => {
    const linking = `${term('deck review', 'Our Thursday ritual.')}related:\n  - slug: other\n    note: see it\n`;
    const { dir, define } = setup({ 'deck-review.yaml': linking, 'other.yaml': term('other', 'Else.') });
    expect(define('deck', 'review').doc.entry.related[0].term).toBe('other');
    writeFileSync(join(dir, 'other.yaml'), term('another', 'Else.'));
    expect(define('deck', 'review').doc.entry.related[0].term).toBe('another');
  });

  it('fuzzy matches see added, edited and deleted files', () => {
    const { dir, define } = setup({ 'deck-review.yaml': term('deck review', 'Our Thursday ritual.'), 'other.yaml': term('other', 'Else.') });
    expect(define('deck', 'reveiw').doc.entry.slug).toBe('deck-review');
    writeFileSync(join(dir, 'standup-theatre.yaml'), term('standup theatre', 'Meetings for show.'));
    expect(define('standup', 'theatr').doc.entry.slug).toBe('standup-theatre');
    writeFileSync(join(dir, 'standup-theatre.yaml'), term('standup circus', 'Meetings for show.'));
    expect(define('standup', 'circs').doc.entry.term).toBe('standup circus');
    expect(define('standup', 'theatr').doc.entry).toBeNull();
    rmSync(join(dir, 'standup-theatre.yaml'));
    expect(define('standup', 'circs').doc.entry).toBeNull();
    expect(define('deck', 'reveiw').doc.entry.slug).toBe('deck-review');
  });

  it('search and explain see an edit in place', () => {
    const { dir, run } = setup({ 'deck-review.yaml': term('deck review', 'Our Thursday ritual.'), 'other.yaml': term('other', 'Else.') });
    expect(run('search', 'ritual').stdout).toContain('deck review');
    expect(run('explain', 'see you at the deck review').stdout).toContain('[deck review]');
    writeFileSync(join(dir, 'other.yaml'), `${term('other', 'Else, a ritual.')}aliases: [the sync]\n`);
    expect(run('search', 'ritual').stdout).toContain('other');
    expect(run('explain', 'see you at the sync').stdout).toContain('[the sync]');
  });

  it('a file that breaks is reported on every run, and one that is fixed stops being reported', () => {
    const { dir, run } = setup({ 'fine.yaml': term('fine', 'All good.') });
    expect(run('define', 'fine').status).toBe(0);
    writeFileSync(join(dir, 'bad-one.yaml'), 'term: bad one\ncategory: [unclosed\n');
    for (let i = 0; i < 2; i++) {
      const { status, stderr, stdout } = run('define', 'fine');
      expect(status).toBe(3);
      expect(stderr).toMatch(/^genz: warning: skipped .*bad-one\.yaml:\d+:\d+: /);
      expect(stdout.split('\n')[0]).toBe('fine');
    }
    writeFileSync(join(dir, 'bad-one.yaml'), term('bad one', 'Fixed now.'));
    expect(run('define', 'bad', 'one')).toMatchObject({ status: 0, stderr: '' });
  });
});

describe('cache: an optimisation only', () => {
  const files = { 'deck-review.yaml': term('deck review', 'Our Thursday ritual.'), 'other.yaml': term('other', 'Else.') };

  it('is written under XDG_CACHE_HOME, never in the data directory', () => {
    const { dir, run, cacheFiles } = setup(files);
    run('define', 'deck', 'review');
    expect(readdirSync(dir).sort()).toEqual(['deck-review.yaml', 'other.yaml']);
    expect(cacheFiles().length).toBeGreaterThan(0);
  });

  it('tidying removes only its own stale files: never a directory, a name it does not know, or a fresh file', () => {
    const { env, run, cacheFiles } = setup(files);
    run('define', 'deck', 'review');
    const [current] = cacheFiles();
    const snapshots = join(env['XDG_CACHE_HOME']!, 'genz', 'snapshots');
    const old = new Date(Date.now() - 40 * 24 * 3600_000);
    const make = (name: string, mtime = old) => {
      const path = join(snapshots, name);
      writeFileSync(path, 'x');
      utimesSync(path, mtime, mtime);
      return path;
    };
    const deadTemp = make('0123456789abcdef-source.snap.0123456789ab.tmp');
    const oldBuild = make('0123456789abcdef-oldbuild.snap');
    const freshBuild = make('fedcba9876543210-otherbuild.snap', new Date());
    const youngTemp = make('fedcba9876543210-otherbuild.snap.ba9876543210.tmp', new Date());
    const notOurs = make('notes.txt');
    const lookalikeDir = join(snapshots, 'aaaaaaaaaaaaaaaa-dir.snap');
    mkdirSync(lookalikeDir);
    writeFileSync(join(lookalikeDir, 'keep.txt'), 'keep');
    const olderLayout = join(env['XDG_CACHE_HOME']!, 'genz', 'v8', 'aaaa');
    mkdirSync(olderLayout, { recursive: true });
    writeFileSync(join(olderLayout, 'state.json'), '{}');
    // The snapshot gone, the next command writes one, and tidies once.
    rmSync(current!);
    expect(run('define', 'deck', 'review').status).toBe(0);
    for (const gone of [deadTemp, oldBuild]) expect(existsSync(gone), gone).toBe(false);
    for (const kept of [freshBuild, youngTemp, notOurs, join(lookalikeDir, 'keep.txt'), join(olderLayout, 'state.json')]) expect(existsSync(kept), kept).toBe(true);
  });

  it.each([
    ['emptied', (path: string) => writeFileSync(path, '')],
    ['truncated', (path: string) => truncateSync(path, Math.floor(statSync(path).size / 2))],
    ['garbage', (path: string) => writeFileSync(path, 'not what genz wrote \u0000\u0001')],
  ])('every cache file %s in turn: the same answers', (_, damage) => {
    const { run, cacheFiles } = setup(files);
    const expected = [run('define', 'deck', 'review').stdout, run('search', 'ritual').stdout, run('explain', 'at the deck review').stdout];
    expect(expected[0]).toContain('Our Thursday ritual.');
    for (const path of cacheFiles()) {
      const saved = readFileSync(path);
      damage(path);
      expect([run('define', 'deck', 'review').stdout, run('search', 'ritual').stdout, run('explain', 'at the deck review').stdout]).toEqual(expected);
      writeFileSync(path, saved);
    }
  });

  it('a snapshot of another build or directory is not read (each build keeps its own), and answers stay right', () => {
    const { run, cacheFiles, define } = setup(files);
    run('define', 'deck', 'review');
    const [path] = cacheFiles();
    const text = readFileSync(path!, 'latin1');
    const header = JSON.parse(text.split('\n')[1]!);
    const forged = text.replace(text.split('\n')[1]!, JSON.stringify({ ...header, dir: '/elsewhere', buildId: header.buildId }));
    writeFileSync(path!, forged, 'latin1');
    expect(define('deck', 'review').doc.entry.definition).toBe('Our Thursday ritual.');
    expect(readFileSync(path!, 'latin1')).not.toContain('/elsewhere');
  });

  it('unusable (the cache path is under a file): bypassed with one warning, same answers', () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'genz-blocked-')), 'not-a-dir');
    writeFileSync(blocker, '');
    const dir = tempDir(files);
    const env = cleanEnv({ XDG_CACHE_HOME: join(blocker, 'cache') });
    for (let i = 0; i < 2; i++) {
      const { status, stdout, stderr } = genz(['--data', dir, 'define', 'deck', 'review'], { env });
      expect(status).toBe(0);
      expect(stderr).toMatch(/^genz: warning: not using a cache: .*not-a-dir\/cache\/genz cannot be used \(ENOTDIR\)\n$/);
      expect(stdout).toContain('Our Thursday ritual.');
    }
  });

  it('two processes building it at once leave a cache that answers right', async () => {
    const { dir, env, define } = setup(files);
    const spawnOne = () =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [BIN, '--data', dir, 'define', 'deck', 'review'], { env, stdio: 'ignore' });
        child.on('exit', (code) => resolve(code ?? -1));
      });
    expect(await Promise.all([spawnOne(), spawnOne(), spawnOne()])).toEqual([0, 0, 0]);
    writeFileSync(join(dir, 'third.yaml'), term('third', 'Added after.'));
    expect(await Promise.all([spawnOne(), spawnOne()])).toEqual([0, 0]);
    expect(define('third').doc.entry.definition).toBe('Added after.');
    expect(define('deck', 'review').doc.entry.definition).toBe('Our Thursday ritual.');
  });
});
