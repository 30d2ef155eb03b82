/**
 * Issue 17 §2: a term file must not leak another file, nor itself in bulk. Every quote of a
 * file's content in a diagnostic is cut to about 80 characters: a megabyte-long value, key,
 * alias or YAML name makes a one-line warning, in warnings, in `validate` and in
 * `validate --json`. (The symbolic-link refusal is in hostile-yaml.test.ts.)
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.ts';
import { run } from './run.ts';

const BIG = 'x'.repeat(300_000);
const head = (slug: string) => `term: ${slug}\ncategory: team\nworkplace: safe\ndefinition: Fine.\n`;

/** [file, text]: each puts BIG where a diagnostic quotes it. */
const CASES: Array<[string, string]> = [
  ['enum.yaml', `term: enum\ncategory: team\nworkplace: "${BIG}"\ndefinition: d\n`],
  ['number.yaml', `term: number\ncategory: team\nworkplace: 5${BIG.slice(0, 900)}\ndefinition: d\n`],
  ['key.yaml', `${head('key')}${BIG.slice(0, 1000)}: 1\n`],
  ['flowkey.yaml', `${head('flowkey')}synonyms: [{term: a, note: b, "${BIG}": 1}]\n`],
  ['twice.yaml', `${head('twice')}aliases: ["${BIG}", "${BIG}"]\n`.replace(BIG, BIG.slice(0, 200_000)).replace(BIG, BIG.slice(0, 200_000))],
  ['tag.yaml', `${head('tag')}tags: ["${BIG}X"]\n`],
  ['self.yaml', `term: "${BIG}"\ncategory: team\nworkplace: safe\ndefinition: d\naliases: ["${BIG}"]\n`],
  ['anchor.yaml', `${head('anchor')}since: *${BIG}\n`],
  ['cue.yaml', `${head('cue')}cues: ["${BIG}"]\n`],
  ['url.yaml', `${head('url')}sources: [{title: t, publisher: p, date: "${BIG}", url: "ftp://${BIG}"}]\n`],
  ['related.yaml', `${head('related')}related: [{slug: "${BIG}", note: n}]\n`],
];

function glossary(): string {
  const dir = tempDir(Object.fromEntries(CASES));
  // The same content reached through a link inside the directory: read, and quoted short.
  symlinkSync(join(dir, 'enum.yaml'), join(dir, 'inside-link.yaml'));
  writeFileSync(join(dir, 'good.yaml'), head('good'));
  return dir;
}

/** The longest run of x's a text quotes (BIG is all x's). */
const longestQuote = (text: string) => Math.max(0, ...[...text.matchAll(/x+/g)].map((m) => m[0].length));

describe('§2 quotes of file content are cut to about 80 characters', () => {
  const dir = glossary();

  it('in the warnings of a command that loads the files', () => {
    const { status, stdout, stderr } = run(['--no-builtin', '--data', dir, 'list']);
    expect(status).toBe(3);
    expect(stdout).toContain('good\n'); // (files with only warnings load too)
    expect(longestQuote(stderr)).toBeLessThanOrEqual(80);
    for (const line of stderr.trimEnd().split('\n')) expect(line.length, line.slice(0, 120)).toBeLessThan(600);
  });

  it('in validate, line by line', () => {
    const { status, stdout } = run(['--no-builtin', 'validate', dir]);
    expect(status).toBe(1);
    expect(longestQuote(stdout)).toBeLessThanOrEqual(80);
    expect(stdout.length).toBeLessThan(20_000);
    for (const [file] of CASES) expect(stdout, file).toContain(`${dir}/${file}:`);
  });

  it('in validate --json', () => {
    const { status, stdout } = run(['--no-builtin', 'validate', dir, '--json']);
    expect(status).toBe(1);
    const doc = JSON.parse(stdout);
    expect(doc.diagnostics.length).toBeGreaterThanOrEqual(CASES.length);
    for (const d of doc.diagnostics) expect(longestQuote(d.message), d.message.slice(0, 120)).toBeLessThanOrEqual(80);
    expect(stdout.length).toBeLessThan(20_000);
  });

  it('a link leading out of the term directory is refused unread: nothing of its target is quoted', () => {
    const secret = tempDir({ 'environ': `SECRET_TOKEN=${'s3cr3t'.repeat(10)}\n: [` });
    const terms = tempDir({ 'good.yaml': head('good') });
    symlinkSync(join(secret, 'environ'), join(terms, 'x.yaml'));
    symlinkSync('/proc/self/environ', join(terms, 'env.yaml'));
    for (const args of [['validate', terms, '--json'], ['validate', terms], ['--data', terms, 'list']]) {
      const { stdout, stderr } = run(['--no-builtin', ...args], { env: { PATH: process.env['PATH'] ?? '', HOME: secret, GENZ_SECRET: 'hunter2-secret' } });
      expect(stdout + stderr).not.toMatch(/s3cr3t|hunter2|SECRET_TOKEN/);
      expect(stdout + stderr).toMatch(/x\.yaml/);
      expect(stdout + stderr).toMatch(/outside its term directory/);
    }
  });
});
