/**
 * genz deletes only what it created and never follows a link out of its cache (issue 17).
 * Random sequences of commands run against a cache that is sabotaged between them: cache
 * directories and files replaced by symbolic links into a scratch directory full of files
 * (standing for a system directory or another disk), by FIFOs, by files where directories
 * were and directories where files were. After every command, every file outside the cache
 * is unchanged (bytes and mtime), nothing new appears outside it, and the answer is the one
 * a run with no cache gives.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanEnv, genzInProcess, tempDir } from './helpers.ts';

const term = (name: string, definition: string) => `term: ${name}\ncategory: team\nworkplace: safe\ndefinition: ${definition}\n`;

/** Every path below `root` (but `skip`), with what it is: content hash and mtime, link target, or directory. */
function survey(root: string, skip: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (path === skip) continue;
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) out.set(path, `link ${readlinkSync(path)}`);
      else if (stat.isDirectory()) {
        out.set(path, 'dir');
        walk(path);
      } else if (stat.isFile()) out.set(path, `file ${createHash('sha1').update(readFileSync(path)).digest('hex')} ${stat.mtimeMs}`);
      else out.set(path, `special ${stat.mode}`);
    }
  };
  walk(root);
  return out;
}

/** The cache's own paths: its directories and whatever files it holds now. */
function cachePaths(cacheRoot: string): string[] {
  const genz = join(cacheRoot, 'genz');
  const snapshots = join(genz, 'snapshots');
  const isDir = (path: string) => {
    try {
      return lstatSync(path).isDirectory();
    } catch {
      return false;
    }
  };
  // Only places reached through real directories: sabotage must not reach through a link itself.
  const paths = [genz];
  if (isDir(genz)) paths.push(snapshots);
  if (isDir(genz) && isDir(snapshots)) paths.push(...readdirSync(snapshots).map((name) => join(snapshots, name)));
  return paths;
}

type Sabotage = 'link-to-scratch-dir' | 'link-to-scratch-file' | 'fifo' | 'file' | 'dir' | 'remove';
type Step = { kind: 'run'; args: string[] } | { kind: 'sabotage'; how: Sabotage; pick: number } | { kind: 'edit'; pick: number };

const COMMANDS = [
  ['define', 'deck', 'review'],
  ['define', 'standup', 'theatre'],
  ['define', 'dekc', 'review'],
  ['define', 'no', 'such', 'thing'],
  ['search', 'ritual'],
  ['explain', 'after the deck review, more standup theatre'],
  ['list'],
  ['related', 'deck', 'review'],
];

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...COMMANDS).map((args): Step => ({ kind: 'run', args })) },
  {
    weight: 3,
    arbitrary: fc
      .record({ how: fc.constantFrom<Sabotage>('link-to-scratch-dir', 'link-to-scratch-file', 'fifo', 'file', 'dir', 'remove'), pick: fc.nat() })
      .map((s): Step => ({ kind: 'sabotage', ...s })),
  },
  { weight: 1, arbitrary: fc.nat().map((pick): Step => ({ kind: 'edit', pick })) },
);

describe('the cache never touches what is not its own', () => {
  it('through random commands on a sabotaged cache: nothing outside it changes, answers as with no cache', async () => {
    let version = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
        const root = tempDir({});
        const terms = join(root, 'terms');
        const scratch = join(root, 'scratch');
        const cache = join(root, 'cache');
        for (const dir of [terms, scratch, join(scratch, 'sub'), cache]) mkdirSync(dir);
        writeFileSync(join(terms, 'deck-review.yaml'), term('deck review', 'Our Thursday ritual.'));
        writeFileSync(join(terms, 'standup-theatre.yaml'), term('standup theatre', 'Meetings for show.'));
        for (const name of ['passwd', 'notes.txt', '0123456789abcdef-x.snap', '0123456789abcdef-x.delta.snap', 'a.snap.0123456789ab.tmp']) writeFileSync(join(scratch, name), `precious ${name}`);
        writeFileSync(join(scratch, 'sub', 'deep.txt'), 'precious deep');
        const env = cleanEnv({ XDG_CACHE_HOME: cache });
        // No cache at all: HOME and XDG_CACHE_HOME are not absolute paths.
        const noCacheEnv = cleanEnv({ XDG_CACHE_HOME: 'relative', HOME: 'relative' });
        const log: string[] = [];
        try {
          for (const s of steps) {
            if (s.kind === 'edit') {
              // An edit keeps the file's own term: a file edited in place to claim another
              // entry's word is the one gap a define hit leaves (docs/storage.md).
              const names = readdirSync(terms);
              const name = names[s.pick % names.length]!;
              writeFileSync(join(terms, name), term(name.replace('.yaml', '').replace('-', ' '), `Version ${++version}.`));
              log.push(`edit ${name}`);
              continue;
            }
            if (s.kind === 'sabotage') {
              const candidates = cachePaths(cache);
              const target = candidates[s.pick % candidates.length]!;
              rmSync(target, { recursive: true, force: true });
              if (s.how === 'link-to-scratch-dir') symlinkSync(scratch, target);
              else if (s.how === 'link-to-scratch-file') symlinkSync(join(scratch, 'passwd'), target);
              else if (s.how === 'fifo') execFileSync('mkfifo', [target]);
              else if (s.how === 'file') writeFileSync(target, 'planted');
              else if (s.how === 'dir') mkdirSync(target);
              log.push(`${s.how} at ${target.slice(cache.length)}`);
              continue;
            }
            const before = survey(root, cache);
            const cached = await genzInProcess(['--data', terms, ...s.args], { env });
            const after = survey(root, cache);
            log.push(`genz ${s.args.join(' ')} → ${cached.status}`);
            expect(after, log.join('\n')).toEqual(before);
            const plain = await genzInProcess(['--data', terms, ...s.args], { env: noCacheEnv });
            expect({ status: cached.status, stdout: cached.stdout }, log.join('\n')).toEqual({ status: plain.status, stdout: plain.stdout });
            expect(cached.stderr, log.join('\n')).not.toMatch(/internal error/);
          }
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      }),
      { numRuns: Number(process.env['CACHE_SAFETY_RUNS'] ?? 25) },
    );
  }, 240_000);

  it('a relative XDG_CACHE_HOME or HOME is ignored: no cache appears in the working directory', async () => {
    const cwd = tempDir({});
    const terms = tempDir({ 'deck-review.yaml': term('deck review', 'Our Thursday ritual.') });
    const { status, stdout, stderr } = await genzInProcess(['--data', terms, 'define', 'deck', 'review'], {
      cwd,
      env: cleanEnv({ XDG_CACHE_HOME: '.cache', HOME: '.' }),
    });
    expect(status).toBe(0);
    expect(stdout).toContain('Our Thursday ritual.');
    expect(stderr).toBe('genz: warning: not using a cache: neither XDG_CACHE_HOME nor HOME is an absolute path\n');
    expect(readdirSync(cwd)).toEqual([]);
  });
});
