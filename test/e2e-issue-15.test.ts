/**
 * Every example of issue 15 through the real binary: define answers only when it is sure
 * and says when it guessed; explain finds inflected, pronoun-changed and pattern forms.
 */
import { describe, expect, it } from 'vitest';
import { genz, tempDir } from './helpers.ts';

const defineJson = (query: string) => {
  const { status, stdout } = genz(['define', '--json', ...query.split(' ')]);
  const doc = JSON.parse(stdout) as { match: { type: string } | null; entry: { slug: string } | null; suggestions: Array<{ slug: string }> };
  return { status, type: doc.match?.type, slug: doc.entry?.slug, suggestions: doc.suggestions.map((s) => s.slug) };
};

describe('define never answers a wrong entry with confidence', () => {
  // Each used to print the entry on the right, with exit 0 and no sign of a guess.
  it.each([
    ['boomer', 'zoomer'],
    ['soft quitting', 'loud-quitting'],
    ['bffs', 'bffr'],
    ['bat', 'brat'],
    ['sly', 'slay'],
    ['pet', 'bet'],
    ['stun', 'stan'],
    ['cape', 'cap'],
  ])('%j prints no entry, lists candidates on stderr and exits 1 (it used to print %s)', (query) => {
    const { status, stdout, stderr } = genz(['define', ...query.split(' ')]);
    expect(stdout).toBe('');
    expect(status).toBe(1);
    expect(stderr).toMatch(new RegExp(`^genz: no entry for "${query}"\\n(hint: did you mean: .+\\?\\n)?$`));
  });

  it('an ordinary word near a term lists that term as a candidate', () => {
    expect(genz(['define', 'bat']).stderr).toMatch(/did you mean: .*\bbrat\b/);
  });

  // These are entries of their own now; the matcher must find them, not their neighbours.
  it.each([
    ['chad', 'chad'],
    ['smh', 'smh'],
    ['job hopping', 'job-hopping'],
    ['tbf', 'tbf'],
    ['hard launch', 'hard-launch'],
    ['gagged', 'gagged'],
    ['big W', 'w'],
  ])('%j is %s, exactly', (query, slug) => {
    const { status, slug: found, type } = defineJson(query);
    expect([status, found]).toEqual([0, slug]);
    expect(['exact', 'alias']).toContain(type);
  });

  it('"no rizz" shows rizz and says it is the term inside the query', () => {
    const { status, stdout, stderr } = genz(['define', 'no', 'rizz']);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('rizz');
    expect(stderr).toBe('genz: showing "rizz", the term in "no rizz"\n');
    expect(defineJson('no rizz').type).toBe('phrase');
  });

  it('a typo is shown with one line on stderr saying so', () => {
    const { status, stdout, stderr } = genz(['define', 'mirco', 'influencer']);
    expect(status).toBe(0);
    expect(stdout.split('\n')[0]).toBe('micro-influencer');
    expect(stderr).toBe('genz: showing "micro-influencer", the closest match to "mirco influencer"\n');
  });

  it('an inflected form is found through the generated forms, with no note', () => {
    const { status, stdout, stderr } = genz(['define', 'acting', 'our', 'wage']);
    expect([status, stdout.split('\n')[0], stderr]).toEqual([0, 'act your wage', '']);
    expect(defineJson('acting our wage').type).toBe('form');
  });

  it('a query shared by several entries lists them instead of picking one', () => {
    const entry = (term: string) => `term: ${term}\naliases:\n  - the thing\ncategory: team\nworkplace: safe\ndefinition: A word of our team.\n`;
    const dir = tempDir({ 'first-thing.yaml': entry('first thing'), 'second-thing.yaml': entry('second thing') });
    const { status, stdout, stderr } = genz(['--data', dir, '--no-builtin', 'define', 'the', 'thing']);
    expect(stdout).toBe('');
    expect(status).toBe(1);
    expect(stderr).toContain('genz: "the thing" is a word of several entries: first thing, second thing\n');
  });
});

describe('explain finds slang as people type it', () => {
  it.each([
    ['she yapped for an hour', ['yap']],
    ['we quietly quit lol', ['quiet-quitting']],
    ['he let them cook', ['let-him-cook']],
    ['they crashed out in the retro', ['crash-out']],
    ["I'm acting our wage", ['act-your-wage']],
    ['locking in for Q4', ['locked-in']],
    ["he's giving main character", ['its-giving']],
    ['my cottagecore era', ['core', 'era']],
  ])('%j → %j', (message, slugs) => {
    const { status, stdout } = genz(['explain', '--json', message]);
    expect(status).toBe(0);
    const hits = (JSON.parse(stdout) as { hits: Array<{ slug: string }> }).hits.map((hit) => hit.slug);
    expect(hits).toEqual(expect.arrayContaining(slugs));
  });

  it('a long word one typo from a term is possible', () => {
    const { status, stdout } = genz(['explain', "She's delullu if she thinks legal will sign that off"]);
    expect(status).toBe(0);
    expect(stdout).toContain('[delullu?]');
    expect(stdout).toContain('delulu (possible) — ');
  });

  it.each(['The fire drill is at 11:30 on Thursday.', 'The tabs are colour coded by region.', 'Can we chat about the roadmap after lunch?'])(
    'ordinary English stays unflagged: %j',
    (message) => {
      const { status, stdout } = genz(['explain', message]);
      expect(stdout).toBe('');
      expect(status).toBe(1);
    },
  );
});
