import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSI, cleanEnv, FIXTURES, genz, ROOT, schemaErrors, tempDir } from './helpers.ts';

describe('genz define (real binary)', () => {
  it.each(['micro-influencer', 'micro influencer', 'microinfluencer', 'mirco influencer'])('finds micro-influencer as %j', (query) => {
    const { status, stdout, stderr } = genz(['define', ...query.split(' ')]);
    // A typo is answered, and says so on stderr (issue 15).
    expect(stderr).toBe(query === 'mirco influencer' ? 'genz: showing "micro-influencer", the closest match to "mirco influencer"\n' : '');
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('micro-influencer');
    expect(stdout).toContain('\nMEANING\n');
    expect(stdout).toContain('\nFAQ\n');
  });

  it('finds an alias', () => {
    const { status, stdout } = genz(['--data', join(FIXTURES, 'terms'), 'define', 'nocap']);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('no cap');
  });

  it('a miss exits 1 with a message on stderr only', () => {
    const { status, stdout, stderr } = genz(['define', 'zzzqqq']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^genz: no entry for "zzzqqq"\n/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('an ambiguous typo lists "did you mean" candidates and exits 1', () => {
    const { status, stderr } = genz(['--data', join(FIXTURES, 'terms'), '--no-builtin', 'define', 'quiet', 'fitting']);
    expect(status).toBe(1);
    expect(stderr).toMatch(/did you mean: .*quiet (quitting|firing)/);
  });

  it('--json prints one document that validates against the schema', () => {
    const { status, stdout } = genz(['define', 'mirco', 'influencer', '--json']);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc).toMatchObject({ schemaVersion: 1, query: 'mirco influencer', match: { type: 'fuzzy' }, entry: { slug: 'micro-influencer' } });
    expect(doc.entry.related.every((r: { term: string | null }) => typeof r.term === 'string')).toBe(true);
  });

  it('--json on a miss is still a valid document, with exit 1', () => {
    const { status, stdout } = genz(['define', 'zzzqqq', '--json']);
    expect(status).toBe(1);
    const doc = JSON.parse(stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.match).toBeNull();
  });

  it.each([
    [['define'], /define needs a term/],
    [['define', 'rizz', '--bogus'], /unknown option "--bogus"/],
    [['defnie', 'rizz'], /unknown command "defnie"/],
    [['--width', 'abc', 'define', 'rizz'], /--width/],
  ])('usage error %j exits 2 with one line and a hint', (args, message) => {
    const { status, stdout, stderr } = genz(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    const lines = stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(message);
    expect(lines[0]).toMatch(/^genz: /);
    expect(lines.slice(1).every((l) => l.startsWith('hint: '))).toBe(true);
  });

  it('a malformed term file gives file:line:col and exit 3, and the rest still answers', () => {
    const dir = tempDir({ 'bad-one.yaml': 'term: bad one\ncategory: [unclosed\n', 'fine.yaml': 'term: fine\ncategory: team\nworkplace: safe\ndefinition: All good.\n' });
    const { status, stdout, stderr } = genz(['--data', dir, 'define', 'fine']);
    expect(status).toBe(3);
    expect(stderr).toMatch(new RegExp(`${join(dir, 'bad-one.yaml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    expect(stdout.split('\n')[0]).toBe('fine');
  });

  it('a user entry wins over the built-in one and says where it came from', () => {
    const dir = tempDir({ 'micro-influencer.yaml': 'term: micro-influencer\ncategory: team\nworkplace: safe\ndefinition: Our own meaning.\n' });
    const { status, stdout } = genz(['--data', dir, 'define', 'micro-influencer']);
    expect(status).toBe(0);
    expect(stdout).toContain('Our own meaning.');
    expect(stdout).toContain(`Source: ${join(dir, 'micro-influencer.yaml')}`);
  });

  it('no colour when piped; FORCE_COLOR forces it; NO_COLOR and --no-color win over a TTY hint', () => {
    expect(genz(['define', 'micro-influencer']).stdout).not.toMatch(ANSI);
    expect(genz(['define', 'micro-influencer'], { env: cleanEnv({ FORCE_COLOR: '1' }) }).stdout).toMatch(ANSI);
    expect(genz(['--no-color', 'define', 'micro-influencer'], { env: cleanEnv({ FORCE_COLOR: '1' }) }).stdout).not.toMatch(ANSI);
  });

  it('wraps to --width and to COLUMNS', () => {
    const narrow = genz(['define', 'micro-influencer', '--width', '50']).stdout;
    expect(Math.max(...narrow.split('\n').map((l) => l.length))).toBeLessThanOrEqual(50);
    const wide = genz(['define', 'micro-influencer'], { env: cleanEnv({ COLUMNS: '120' }) }).stdout;
    expect(Math.max(...wide.split('\n').map((l) => l.length))).toBeGreaterThan(80);
  });

  it('exits quietly when the reader closes the pipe', () => {
    const result = genz(['define', 'micro-influencer'], {});
    expect(result.status).toBe(0);
    const piped = spawnSync('sh', ['-c', `"${process.execPath}" "${join(ROOT, 'bin', 'genz.js')}" define micro-influencer | head -1`], {
      encoding: 'utf8',
      env: cleanEnv(),
    });
    expect(piped.stdout).toBe('micro-influencer\n');
    expect(piped.stderr).toBe('');
  });

  it('--version and --help exit 0', () => {
    expect(genz(['--version'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const help = genz(['define', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Examples:');
  });

  it('genz alone prints a short help and exits 0', () => {
    const { status, stdout } = genz([]);
    expect(status).toBe(0);
    expect(stdout).toContain('genz define <term>');
  });
});
