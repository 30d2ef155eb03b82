/**
 * A team's own glossary directory, end to end through the real binary: merging with the
 * built-in glossary, overriding an entry, the search path, validate, new and paths.
 */
import { readFileSync, readdirSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, genz, ROOT, schemaErrors, tempDir } from './helpers.ts';

const BUILTIN = readdirSync(join(ROOT, 'data', 'terms')).length;
const entry = (term: string, extra = '') => `term: ${term}\ncategory: team\nworkplace: safe\ndefinition: Team meaning of ${term}.\n${extra}`;

function teamDir(): string {
  return tempDir({
    'deck-review.yaml': entry('deck review', 'aliases: [deckrev]\nrelated: [{slug: quiet-quitting, note: Not at all.}]\n'),
    'standup-bingo.yaml': entry('standup bingo'),
    'hot-desk.yaml': entry('hot desk', 'tags: [office]\n'),
    'war-room.yaml': entry('war room'),
    'ship-it.yaml': entry('ship it'),
    'bikeshed.yaml': entry('bikeshed', 'aliases: [bikeshedding]\n'),
    'parking-lot.yaml': entry('parking lot'),
    'micro-influencer.yaml': entry('micro-influencer', 'aliases: [micro influencers]\n'),
    'typo-key.yaml': `${entry('typo key')}synonym:\n  - term: x\n    note: y\n`,
    'broken.yaml': 'term: broken\ncategory: [team\nworkplace: safe\n',
    'dup-one.yaml': entry('dup one', 'aliases: [the dup]\n'),
    'dup-two.yaml': entry('dup two', 'aliases: [the dup]\n'),
  });
}

describe('a team glossary directory', () => {
  const dir = teamDir();

  it('define merges it, warns once per broken file, and exits 3', () => {
    const { status, stdout, stderr } = genz(['--data', dir, 'define', 'standup', 'bingo']);
    expect(stdout).toContain('Team meaning of standup bingo.');
    expect(stdout).toContain(`Source: ${join(dir, 'standup-bingo.yaml')}`);
    expect(stderr.match(/broken\.yaml/g)).toHaveLength(1);
    expect(stderr.match(/typo-key\.yaml/g)).toHaveLength(1);
    expect(stderr).toMatch(/broken\.yaml:\d+:\d+: /);
    expect(status).toBe(3);
  });

  it('a team entry overrides the built-in one with the same slug', () => {
    const { doc } = { doc: JSON.parse(genz(['--data', dir, 'define', 'micro-influencer', '--json']).stdout) };
    expect(doc.entry.definition).toBe('Team meaning of micro-influencer.');
    expect(doc.entry.source).toEqual({ path: join(dir, 'micro-influencer.yaml'), builtin: false });
  });

  it('list and search see the merged glossary', () => {
    const slugs = genz(['--data', dir, 'list']).stdout.trimEnd().split('\n');
    // 10 team files load (the 2 broken ones don't), and 1 of them replaces a built-in entry
    expect(slugs).toHaveLength(BUILTIN + 9);
    expect(slugs).toContain('bikeshed');
    const found = JSON.parse(genz(['--data', dir, 'search', 'bikeshedding', '--json']).stdout);
    expect(found.results[0].slug).toBe('bikeshed');
    const related = JSON.parse(genz(['--data', dir, 'related', 'quiet', 'quitting', '--json']).stdout);
    expect(related.incoming.map((l: { slug: string }) => l.slug)).toContain('deck-review');
  });

  it('validate reports each problem at its line, sorted, with a summary, and exits 1', () => {
    const { status, stdout } = genz(['validate', dir]);
    expect(status).toBe(1);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toMatch(/^12 files checked \(basic\): \d+ errors?, \d+ warnings?$/);
    const findings = lines.slice(0, -1);
    expect(findings).toEqual([...findings].sort((a, b) => a.localeCompare(b, 'en', { numeric: true })));
    expect(findings).toContainEqual(expect.stringMatching(/broken\.yaml:[23]:\d+: error: .* \[yaml-syntax\]$/));
    expect(findings).toContainEqual(`${join(dir, 'typo-key.yaml')}:5:1: error: unknown key "synonym" in a term file (did you mean "synonyms"?) [unknown-key]`);
    expect(findings).toContainEqual(expect.stringMatching(/dup-two\.yaml:5:\d+: error: "the dup" is also claimed by dup-one .*\[duplicate-alias\]$/));
  });

  it('validate --json is one document for CI bots', () => {
    const doc = JSON.parse(genz(['validate', dir, '--json']).stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.errors).toBeGreaterThanOrEqual(3);
    expect(doc.diagnostics.every((d: { line: number; col: number }) => d.line >= 1 && d.col >= 1)).toBe(true);
  });

  it('a clean team directory validates with exit 0', () => {
    const clean = tempDir({ 'hot-desk.yaml': entry('hot desk'), 'war-room.yaml': entry('war room') });
    const { status, stdout } = genz(['validate', clean]);
    expect(stdout.trimEnd()).toBe('2 files checked (basic): 0 errors, 0 warnings');
    expect(status).toBe(0);
  });
});

describe('the search path', () => {
  it('--data > GENZ_PATH > XDG_CONFIG_HOME > built-in, first wins', () => {
    const a = tempDir({ 'shared.yaml': entry('shared', '').replace('Team meaning', 'From A') });
    const b = tempDir({ 'shared.yaml': entry('shared').replace('Team meaning', 'From B') });
    const env = cleanEnv();
    const personal = join(env['XDG_CONFIG_HOME']!, 'genz', 'terms');
    mkdirSync(personal, { recursive: true });
    const c = tempDir({});
    require('node:fs').writeFileSync(join(personal, 'shared.yaml'), entry('shared').replace('Team meaning', 'From C'));
    const define = (args: string[], extra: Record<string, string> = {}) =>
      JSON.parse(genz([...args, 'define', 'shared', '--json'], { env: { ...env, ...extra } }).stdout).entry.definition;
    expect(define(['--data', a], { GENZ_PATH: b })).toMatch(/^From A/);
    expect(define([], { GENZ_PATH: `${b}:${c}` })).toMatch(/^From B/);
    expect(define([])).toMatch(/^From C/);
  });

  it('--no-builtin leaves the built-in glossary out', () => {
    const dir = tempDir({ 'hot-desk.yaml': entry('hot desk') });
    expect(genz(['--data', dir, '--no-builtin', 'list']).stdout).toBe('hot-desk\n');
  });

  it('a missing --data directory is a usage error; a missing GENZ_PATH entry is a warning', () => {
    const missing = join(tempDir({}), 'nope');
    expect(genz(['--data', missing, 'define', 'rizz']).status).toBe(2);
    const { status, stderr } = genz(['define', 'rizz'], { env: cleanEnv({ GENZ_PATH: missing }) });
    expect(status).toBe(0);
    expect(stderr).toMatch(/warning: GENZ_PATH names .*nope, which does not exist; skipped/);
  });

  it('paths lists the directories in force with their counts and problems', () => {
    const dir = tempDir({ 'hot-desk.yaml': entry('hot desk'), 'bad.yaml': 'term: [\n' });
    const { status, stdout } = genz(['--data', dir, 'paths']);
    expect(status).toBe(3);
    expect(stdout).toContain(`1. ${dir}  [--data]  1 term`);
    expect(stdout).toMatch(/2\. .*data\/terms {2}\[built-in\] {2}\d+ terms/);
    expect(stdout).toMatch(/bad\.yaml:\d+:\d+: error/);
    const doc = JSON.parse(genz(['--data', dir, 'doctor', '--json']).stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.directories[0]).toEqual({ dir, from: '--data', terms: 1 });
    expect(doc.problems[0].file).toBe(join(dir, 'bad.yaml'));
  });
});

describe('genz new', () => {
  it('writes a commented template into the first user directory, and refuses to overwrite', () => {
    const dir = tempDir({});
    const first = genz(['--data', dir, 'new', 'Deck', 'Review']);
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(`${join(dir, 'deck-review.yaml')}\n`);
    const text = readFileSync(join(dir, 'deck-review.yaml'), 'utf8');
    expect(text.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=file:\/\/.*\/schema\/term\.schema\.json$/);
    expect(existsSync(new URL(text.split('$schema=')[1]!.split('\n')[0]!))).toBe(true);
    for (const key of ['term', 'aliases', 'category', 'tags', 'workplace', 'since', 'gist', 'definition', 'origin', 'synonyms', 'examples', 'related', 'faq', 'ambiguous', 'cues']) {
      expect(text).toMatch(new RegExp(`^#? ?${key}:`, 'm'));
    }
    const again = genz(['--data', dir, 'new', 'deck', 'review']);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(join(dir, 'deck-review.yaml'), 'utf8')).toBe(text);
  });

  it('the template loads, and validate points at what is left to fill in', () => {
    const dir = tempDir({});
    genz(['new', 'hot', 'desk', '--dir', dir]);
    const { status, stdout } = genz(['validate', dir]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/warning: definition still has the template's TODO \[placeholder\]/);
  });

  it('--editor opens $EDITOR on the file', () => {
    const dir = tempDir({});
    const env = cleanEnv({ EDITOR: "sed -i 's/^definition: >-$/definition: Edited./'" });
    const { status } = genz(['new', 'war', 'room', '--dir', dir, '--editor'], { env });
    expect(status).toBe(0);
    expect(readFileSync(join(dir, 'war-room.yaml'), 'utf8')).toContain('definition: Edited.');
  });

  it('--json names the file, in the documented shape', () => {
    const dir = tempDir({});
    const doc = JSON.parse(genz(['new', 'war', 'room', '--dir', dir, '--json']).stdout);
    expect(schemaErrors(doc)).toBeNull();
    expect(doc).toEqual({ schemaVersion: 1, command: 'new', slug: 'war-room', path: join(dir, 'war-room.yaml') });
  });

  it('goes to the personal directory when there is no other, creating it', () => {
    const env = cleanEnv();
    const { stdout } = genz(['new', 'ship', 'it'], { env });
    expect(stdout.trim()).toBe(join(env['XDG_CONFIG_HOME']!, 'genz', 'terms', 'ship-it.yaml'));
  });
});
