import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain .mjs script without types
import { termFile } from '../scripts/bench-glossary.mjs';
import { parseSimpleYaml } from '../src/corpus/fastyaml.ts';
import { parseTermText } from '../src/corpus/parse.ts';
import { FIXTURES, ROOT } from './helpers.ts';

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? yamlFiles(join(dir, d.name)) : d.name.endsWith('.yaml') ? [join(dir, d.name)] : []));

/** The fast reader either declines or agrees with yaml. */
function agrees(text: string): boolean {
  const fast = parseSimpleYaml(text);
  if (fast === undefined) return false;
  let expected: unknown;
  try {
    expected = parse(text, { uniqueKeys: true, strict: true });
  } catch {
    throw new Error(`fast reader accepted text yaml rejects:\n${text}`);
  }
  expect(fast).toEqual(expected);
  return true;
}

describe('parseSimpleYaml', () => {
  it('reads every built-in term file as yaml does', () => {
    const files = yamlFiles(join(ROOT, 'data', 'terms'));
    const read = files.filter((file) => agrees(readFileSync(file, 'utf8')));
    // Nearly all of them are in the subset (the rest fall back to yaml).
    expect(read.length / files.length).toBeGreaterThan(0.9);
  });

  it('reads the fixtures and generated files as yaml does, or declines', () => {
    for (const file of yamlFiles(FIXTURES)) agrees(readFileSync(file, 'utf8'));
    for (let i = 0; i < 300; i++) expect(agrees(termFile(i, 300).text)).toBe(true);
  });

  it.each([
    'term: "67"\nsince: 2014\n',
    'term: a\ndefinition: >-\n  one\n\n  two\n    more\n',
    'term: a\ndefinition: |\n  one\n  # not a comment\n',
    'term: a # comment\ntags: [x, y] # more\n',
    "term: 'it''s'\n",
    'term: a: b\n',
    'term: a\nterm: b\n',
    'term: a\n  continued\n',
    'term: "tab\\there \\x41"\n',
    'aliases:\n- x\n- y\n',
    'examples:\n  - setting: s\n    lines:\n      - speaker: A\n        text: hi\n',
    'term: null\nambiguous: true\n',
    'term: ~\n',
    'term: -core\n',
    'term: a\ndefinition: >\n  one  \n  two\n\n\n',
  ])('agrees or declines on %j', (text) => {
    agrees(text);
  });

  it('agrees or declines on generated documents', () => {
    const scalar = fc.stringMatching(/^[a-z0-9 :#'"\-[\],.!?é🧢>|]{0,12}$/u);
    const value = fc.oneof(
      scalar,
      scalar.map((s) => JSON.stringify(s)),
      fc.array(scalar, { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
      fc.array(scalar, { minLength: 1, maxLength: 3 }).map((lines) => `>-\n${lines.map((l) => `  ${l}`).join('\n')}`),
      fc.array(scalar, { minLength: 1, maxLength: 3 }).map((items) => `\n${items.map((i) => `  - ${i}`).join('\n')}`),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('term', 'gist', 'tags', 'since', 'cues'), value), { minLength: 1, maxLength: 4 }), (pairs) => {
        agrees(`${pairs.map(([k, v]) => `${k}: ${v}`).join('\n')}\n`);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('parseTermText with fast: true', () => {
  it('gives the same entries and diagnostics as the full path', () => {
    const files = [...yamlFiles(join(ROOT, 'data', 'terms')), ...yamlFiles(FIXTURES)];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = parseTermText(text, file, { fast: true });
      const full = parseTermText(text, file);
      expect(fast.entry).toEqual(full.entry);
      expect(fast.diagnostics).toEqual(full.diagnostics);
    }
  });
});
