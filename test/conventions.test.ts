/**
 * The conventions a daily user expects (issue 18), through the real binary: help that is
 * honest, errors in genz's own words with a hint to the command's help, --quiet, `define -`,
 * `related --json` on a miss, the cache in `genz paths`, and list's tables in a pipe.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/errors.ts';
import { cleanEnv, genz, ROOT, schemaErrors, tempDir } from './helpers.ts';

const commands = ['define', 'search', 'explain', 'list', 'related', 'random', 'today', 'quiz', 'validate', 'new', 'paths', 'completion'];

describe('help', () => {
  it('genz help <not a command> says so in one line with a hint, and exits 2', () => {
    const { status, stdout, stderr } = genz(['help', 'nosuch']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('genz: unknown command "nosuch"\nhint: run "genz --help" to see the commands\n');
    expect(genz(['help', 'serch']).stderr).toBe('genz: unknown command "serch"\nhint: did you mean "genz search"?\n');
  });

  it('genz help <command> still shows that command\'s help', () => {
    const { status, stdout } = genz(['help', 'define']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Usage: genz define /);
  });

  it.each([[[]], ...commands.map((c) => [[c]])])('no "(default: [])" in genz %j --help', (args) => {
    const { stdout } = genz([...args, '--help']);
    expect(stdout).not.toContain('(default: [])');
    expect(stdout).toContain('--data <dir>');
  });

  it('the man page has no "(default: [])" and lists every exit status genz uses', () => {
    const page = readFileSync(join(ROOT, 'dist', 'genz.1'), 'utf8');
    expect(page).not.toContain('default: []');
    const exitStatus = page.split('.SH EXIT STATUS\n')[1]!.split('\n.SH ')[0]!;
    const listed = [...exitStatus.matchAll(/^\.B (\d+)$/gm)].map((m) => Number(m[1]));
    expect(listed.sort((a, b) => a - b)).toEqual(Object.values(EXIT).sort((a, b) => a - b));
  });
});

describe('usage errors in genz\'s words, with a hint to the command\'s own help', () => {
  it.each([
    [['define'], 'genz: define needs a term', 'hint: run "genz define --help" for usage'],
    [['search', 'x', '--limit', '0'], 'genz: --limit "0": must be a whole number from 1 to 10000', 'hint: run "genz search --help" for usage'],
    [['list', '--category', 'welbeing'], 'genz: --category "welbeing": not a category (did you mean "wellbeing"?); one of: workplace-trend, career-money, wellbeing, internet-social, everyday-slang, team', 'hint: run "genz list --help" for usage'],
    [['quiz', '--category', 'vibes'], /^genz: --category "vibes": not a category; one of: /, 'hint: run "genz quiz --help" for usage'],
    [['define', 'rizz', '--bogus'], 'genz: unknown option "--bogus"', 'hint: run "genz define --help" for usage'],
    [['define', 'rizz', '--brif'], 'genz: unknown option "--brif"', 'hint: did you mean --brief?'],
    [['define', 'rizz', '--brief', '--json'], 'genz: --brief cannot be used with --json', 'hint: run "genz define --help" for usage'],
    [['define', 'rizz', '-s', 'nope'], /^genz: unknown section "nope"/, 'hint: run "genz define --help" for usage'],
    [['list', 'extra'], 'genz: list takes no arguments (got 1)', 'hint: run "genz list --help" for usage'],
    [['--width', '0', 'list'], 'genz: --width "0": must be a whole number above 0', 'hint: run "genz list --help" for usage'],
    [['--data'], 'genz: --data needs a value: --data <dir>', 'hint: run "genz --help" for usage'],
  ])('%j', (args, message, hint) => {
    const { status, stdout, stderr } = genz(args as string[]);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    const [first, second, ...rest] = stderr.trimEnd().split('\n');
    expect(first).toMatch(message);
    expect(second).toBe(hint);
    expect(rest).toEqual([]);
    expect(stderr).not.toMatch(/argument '.*' is invalid|error: |Expected \d+ arguments?|option '/);
  });
});

describe('--quiet', () => {
  const broken = () => tempDir({ 'bad-one.yaml': 'term: bad one\ncategory: [unclosed\n', 'fine.yaml': 'term: fine\ncategory: team\nworkplace: safe\ndefinition: All good.\n' });

  it.each([
    ['the fast path', (dir: string, quiet: string[]) => [...quiet, '--data', dir, 'define', 'fine']],
    ['the full command line', (dir: string, quiet: string[]) => ['--data', dir, 'list', ...quiet]],
  ])('silences the warning about a broken user file, and the exit status still says 3 (%s)', (_path, argv) => {
    const dir = broken();
    const loud = genz(argv(dir, []));
    expect(loud.status).toBe(3);
    expect(loud.stderr).toContain('genz: warning: skipped');
    for (const flag of ['--quiet', '-q']) {
      const quiet = genz(argv(dir, [flag]));
      expect(quiet.status).toBe(3);
      expect(quiet.stderr).toBe('');
      expect(quiet.stdout).toContain('fine');
    }
  });

  it('keeps errors', () => {
    const { status, stderr } = genz(['--quiet', 'define', 'zzzqqqx']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/^genz: no entry for "zzzqqqx"/);
  });
});

describe('genz define - reads the term from standard input', () => {
  it.each([
    [['define', '-']],
    [['define', '-', '--brief']], // through commander
    [['--no-color', 'define', '-']],
  ])('%j', (args) => {
    const { status, stdout } = genz(args, { input: 'rizz\n' });
    expect(status).toBe(0);
    expect(stdout).toMatch(/^rizz/);
  });

  it('joins the words, as on the command line', () => {
    const { status, stdout } = genz(['define', '-', '--json'], { input: '  quiet\nquitting \n' });
    expect(status).toBe(0);
    expect(JSON.parse(stdout).entry.slug).toBe('quiet-quitting');
  });

  it('empty standard input is a usage error', () => {
    const { status, stderr } = genz(['define', '-'], { input: '' });
    expect(status).toBe(2);
    expect(stderr).toMatch(/^genz: define needs a term/);
  });
});

describe('related --json', () => {
  it.each([
    ['zzzqqqx', []],
    ['quiet', ['quiet-cutting', 'quiet-luxury']],
  ])('on a miss (%s) prints a document with match null and the suggestions, and exits 1, as define does', (query, some) => {
    const { status, stdout, stderr } = genz(['related', query, '--json']);
    expect(status).toBe(1);
    const doc = JSON.parse(stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc).toMatchObject({ command: 'related', query, match: null, entry: null, outgoing: [], incoming: [] });
    expect(doc.suggestions.map((s: { slug: string }) => s.slug)).toEqual(expect.arrayContaining(some));
    expect(doc.suggestions).toEqual(JSON.parse(genz(['define', query, '--json']).stdout).suggestions);
    expect(stderr).toMatch(/^genz: no entry for /);
  });

  it('on a match carries match and an empty suggestions list, as define does', () => {
    const { status, stdout } = genz(['related', 'quiet quitting', '--json']);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.match).toMatchObject({ type: 'exact' });
    expect(doc.suggestions).toEqual([]);
  });
});

describe('genz paths shows the cache', () => {
  it('where it lives and that it can be used', () => {
    const env = cleanEnv();
    const { status, stdout } = genz(['paths'], { env });
    expect(status).toBe(0);
    expect(stdout).toContain(`\nCACHE\n  ${join(env['XDG_CACHE_HOME']!, 'genz')}  [usable]\n`);
    const doc = JSON.parse(genz(['paths', '--json'], { env }).stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.cache).toEqual({ dir: join(env['XDG_CACHE_HOME']!, 'genz'), usable: true, problem: null });
  });

  it('and why it cannot be used', () => {
    const file = join(tempDir({}), 'not-a-dir');
    writeFileSync(file, '');
    const env = cleanEnv({ XDG_CACHE_HOME: file });
    const { stdout } = genz(['paths'], { env });
    expect(stdout).toMatch(/\nCACHE\n {2}\S+ {2}\[not usable: .+\]\n/);
    const doc = JSON.parse(genz(['paths', '--json'], { env }).stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.cache.usable).toBe(false);
    expect(doc.cache.problem).toEqual(expect.any(String));
  });
});

describe('list tables in a pipe', () => {
  it('--categories stays tab-separated', () => {
    const { status, stdout } = genz(['list', '--categories']);
    expect(status).toBe(0);
    for (const line of stdout.trimEnd().split('\n')) expect(line).toMatch(/^[a-z-]+\t\d+$/);
  });

  it('--tags gives each tag and its count, for completion and scripts', () => {
    const { status, stdout } = genz(['list', '--tags']);
    expect(status).toBe(0);
    const rows = stdout.trimEnd().split('\n');
    expect(rows.some((row) => /^burnout\t\d+$/.test(row))).toBe(true);
    const doc = JSON.parse(genz(['list', '--tags', '--json']).stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.tags.length).toBe(rows.length);
  });
});
