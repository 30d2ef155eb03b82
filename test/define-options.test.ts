import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSections } from '../src/commands/sections.ts';
import { UsageError } from '../src/errors.ts';
import { FIXTURES, genz } from './helpers.ts';

describe('parseSections', () => {
  it.each([
    [['meaning,faq'], ['meaning', 'faq']],
    [['meaning', 'faq'], ['meaning', 'faq']],
    [['definition'], ['meaning']],
    [['Dialogues', 'at-work', 'at work'], ['examples']],
    [['other-ways', 'other_ways', 'synonyms'], ['synonyms']],
    [['FAQ', ' origin '], ['faq', 'origin']],
    [['related,see-also'], ['related']],
  ])('%j → %j', (values, expected) => {
    expect(parseSections(values.flatMap((v) => v.split(',')))).toEqual(expected);
  });

  it.each([[['bogus']], [['meaning', 'nope']], [['']]])('rejects %j, naming the valid sections', (values) => {
    expect(() => parseSections(values)).toThrow(UsageError);
    expect(() => parseSections(values)).toThrow(/meaning, origin, synonyms, examples, related, faq/);
  });
});

describe('genz define --section / --brief (real binary)', () => {
  it('--section meaning,faq prints only those sections', () => {
    const { status, stdout, stderr } = genz(['define', 'micro-influencer', '--section', 'meaning,faq']);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const headings = stdout.split('\n').filter((l) => /^[A-Z][A-Z ]+$/.test(l));
    expect(headings).toEqual(['MEANING', 'FAQ']);
  });

  it('-s is repeatable and takes aliases', () => {
    const { status, stdout } = genz(['define', 'micro-influencer', '-s', 'dialogues', '-s', 'other-ways']);
    expect(status).toBe(0);
    expect(stdout.split('\n').filter((l) => /^[A-Z][A-Z ]+$/.test(l))).toEqual(['AT WORK', 'OTHER WAYS TO SAY IT']);
  });

  it('an unknown section is a usage error listing the valid names', () => {
    const { status, stdout, stderr } = genz(['define', 'micro-influencer', '--section', 'vibes']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('genz: unknown section "vibes"; valid sections: meaning, origin, synonyms, examples, related, faq, sources\nhint: run "genz define --help" for usage\n');
  });

  it('--brief prints one line: term — gist', () => {
    const { status, stdout } = genz(['--data', join(FIXTURES, 'terms'), 'define', 'no', 'cap', '--brief']);
    expect(status).toBe(0);
    expect(stdout).toBe("no cap — Honestly; I'm not lying.\n");
  });

  it.each([
    [['--brief', '--json']],
    [['--section', 'faq', '--json']],
    [['--section', 'faq', '--brief']],
  ])('%j conflict: exit 2', (flags) => {
    const { status, stderr } = genz(['define', 'micro-influencer', ...flags]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/^genz: --\S+ cannot be used with --\S+\nhint: run "genz define --help" for usage\n$/);
  });

  it('piped output is never paged, even with a pager set', () => {
    const { status, stdout } = genz(['define', 'micro-influencer'], { env: { PATH: process.env['PATH'] ?? '', GENZ_PAGER: 'false' } });
    expect(status).toBe(0);
    expect(stdout).toContain('\nFAQ\n');
  });
});

describe('a term that starts with a dash', () => {
  it('reads as an option (exit 2), and the hint says how to look it up', () => {
    const { status, stderr } = genz(['define', '-core']);
    expect(status).toBe(2);
    expect(stderr).toBe(`genz: unknown option "-core"\nhint: to look up "-core", put -- before it: genz define -- -core\n`);
    const lookedUp = genz(['define', '--', '-core']);
    expect(lookedUp.status).toBe(0);
    expect(lookedUp.stdout.split('\n')[0]).toBe('-core');
  });

  it("an option that is no term points to the command's help", () => {
    const { status, stderr } = genz(['define', '-x']);
    expect(status).toBe(2);
    expect(stderr).toBe(`genz: unknown option "-x"\nhint: run "genz define --help" for usage\n`);
  });
});
