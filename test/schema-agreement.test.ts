/**
 * schema/term.schema.json and the loader's validation (basic profile) must agree: the
 * same good and bad documents go through both.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseTermText } from '../src/corpus/parse.ts';
import { ROOT } from './helpers.ts';

const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'term.schema.json'), 'utf8'));
const schemaValid = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true }).compile(schema);

const MIN = 'term: deck review\ncategory: team\nworkplace: safe\ndefinition: Reading slides together.\n';
/** The minimal entry with one source at `url` (a JSON string is a YAML double-quoted one). */
const withUrl = (url: string) => `${MIN}sources: [{title: T, publisher: P, date: "2024", url: ${JSON.stringify(url)}}]\n`;

const GOOD: Array<[string, string]> = [
  ['the minimal entry', MIN],
  ['the model entry', readFileSync(join(ROOT, 'data', 'terms', 'micro-influencer.yaml'), 'utf8')],
  ['a year as a number', `${MIN}since: 2024\n`],
  ['a rating note', `${MIN}workplace_note: Plain description of a meeting.\n`],
  ['sources with and without a note', `${MIN}sources: [{title: Deck reviews, publisher: Team wiki, date: 2024-05, url: "https://wiki.example.com/deck"}, {title: T, publisher: P, date: undated, url: "http://e.org/x", note: the history}]\n`],
  ['a source url with userinfo, a port, a query and a fragment', withUrl('http://user@e.org:8080/a?b=1#c')],
  ['a source url with an IPv6 host', withUrl('https://[2001:db8::1]:443/x')],
  ['a source date as a number (a year)', `${MIN}sources: [{title: T, publisher: P, date: 2024, url: "https://e.org"}]\n`],
  ['numbers as list items and source fields', `${MIN}aliases: [2024]\ntags: [42]\nsources: [{title: 1984, publisher: 7, date: undated, url: "https://e.org", note: 3}]\n`],
  ['since as a decimal number', `${MIN}since: 2016.5\n`],
  ['optional keys left empty (`aliases:`)', `${MIN}aliases:\ntags:\nsince:\ngist:\norigin:\nworkplace_note:\nsynonyms:\nexamples:\nrelated:\nfaq:\nsources:\nambiguous:\ncues:\n`],
  ['every optional list', `${MIN}aliases: [dr]\ntags: [rituals]\nsynonyms: [{term: crit, note: Design-school word.}]\nrelated: [{slug: standup, note: Same week.}]\nfaq: [{question: When?, answer: Thursdays.}]\nexamples: [{setting: Room 4, lines: [{speaker: Ana, text: Ready?}]}]\nambiguous: true\ncues: [deck review time]\n`],
];

const BAD: Array<[string, string]> = [
  ['a missing definition', 'term: deck review\ncategory: team\nworkplace: safe\n'],
  ['the term left empty (`term:`)', MIN.replace('term: deck review', 'term:')],
  ['a missing category', 'term: deck review\nworkplace: safe\ndefinition: x\n'],
  ['an unknown category', MIN.replace('category: team', 'category: teams')],
  ['an unknown rating', MIN.replace('workplace: safe', 'workplace: fine')],
  ['an unknown key', `${MIN}synonym: []\n`],
  ['aliases that are not a list', `${MIN}aliases: dr\n`],
  ['a blank term', MIN.replace('term: deck review', 'term: "   "')],
  ['a list as the definition', MIN.replace('definition: Reading slides together.', 'definition: [a]')],
  ['since as true', `${MIN}since: true\n`],
  ['a blank since', `${MIN}since: "  "\n`],
  ['a synonym without a note', `${MIN}synonyms: [{term: crit}]\n`],
  ['an extra key in a synonym', `${MIN}synonyms: [{term: crit, note: x, tone: y}]\n`],
  ['a dialogue line without a speaker', `${MIN}examples: [{setting: Room 4, lines: [{text: Ready?}]}]\n`],
  ['an example with no lines', `${MIN}examples: [{setting: Room 4, lines: []}]\n`],
  ['a related slug that is not a slug', `${MIN}related: [{slug: Deck Review, note: x}]\n`],
  ['ambiguous as text', `${MIN}ambiguous: "yes"\n`],
  ['a source without a url', `${MIN}sources: [{title: T, publisher: P, date: "2024"}]\n`],
  ['a source with a javascript: url', `${MIN}sources: [{title: T, publisher: P, date: "2024", url: "javascript:alert(1)"}]\n`],
  ['a source url with no host (a third slash)', withUrl('http:///x')],
  ['a source url with no host (a backslash)', withUrl('http://\\x')],
  ['a source url with a tab before the host', withUrl('http://\tx')],
  ['a source url with a space before it', withUrl(' https://e.org')],
  ['a source url with a port and no host', withUrl('http://:80/x')],
  ['a source url with userinfo and no host', withUrl('http://user@/x')],
  ['a source url with a space in the host', withUrl('http://e xample.org/')],
  ['a source url with a character no host may have', withUrl('http://e|xample.org/')],
  ['a source with a bad date', `${MIN}sources: [{title: T, publisher: P, date: May 2024, url: "https://e.org"}]\n`],
  ['a source date with a space before it', `${MIN}sources: [{title: T, publisher: P, date: " 2024", url: "https://e.org"}]\n`],
  ['a source date as a number that is not a year', `${MIN}sources: [{title: T, publisher: P, date: 24, url: "https://e.org"}]\n`],
  ['a source date as a decimal number', `${MIN}sources: [{title: T, publisher: P, date: 2024.5, url: "https://e.org"}]\n`],
  ['a related slug with a space after it', `${MIN}related: [{slug: "standup ", note: x}]\n`],
  ['a source with an unknown key', `${MIN}sources: [{title: T, publisher: P, date: "2024", url: "https://e.org", page: 4}]\n`],
  ['an empty rating note', `${MIN}workplace_note: "  "\n`],
  ['a FAQ pair without an answer', `${MIN}faq: [{question: When?}]\n`],
  ['a scalar document', 'just words\n'],
];

describe('schema and loader agree', () => {
  it.each(GOOD)('both accept %s', (_name, text) => {
    const loaded = parseTermText(text, text.includes('micro-influencer') ? 'micro-influencer.yaml' : 'deck-review.yaml');
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(schemaValid(parse(text)), JSON.stringify(schemaValid.errors)).toBe(true);
  });

  it.each(BAD)('both reject %s', (_name, text) => {
    const loaded = parseTermText(text, 'deck-review.yaml');
    expect(loaded.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(schemaValid(parse(text))).toBe(false);
  });

  it('accepts every built-in term file', () => {
    const dir = join(ROOT, 'data', 'terms');
    const rejected = readdirSync(dir)
      .filter((name) => name.endsWith('.yaml'))
      .flatMap((name) => (schemaValid(parse(readFileSync(join(dir, name), 'utf8'))) ? [] : [`${name}: ${JSON.stringify(schemaValid.errors)}`]));
    expect(rejected).toEqual([]);
  });

  it('describes every field', () => {
    const describeAll = (node: Record<string, unknown>): string[] =>
      Object.entries((node['properties'] as Record<string, Record<string, unknown>>) ?? {}).flatMap(([key, value]) => [
        ...(typeof value['description'] === 'string' ? [] : [key]),
        ...(value['items'] && typeof value['items'] === 'object' ? describeAll(value['items'] as Record<string, unknown>) : []),
      ]);
    expect(describeAll(schema)).toEqual([]);
  });
});

/**
 * The same agreement, field by field: every field of the model entry (and of the first item
 * of each list, and of a dialogue's first line) set to each value of the kinds a
 * hand-written file holds (text with and without spaces, numbers, dates, slugs, nothing,
 * a list, a mapping), or removed.
 */
describe('schema and loader agree on every field', () => {
  const model = parse(readFileSync(join(ROOT, 'data', 'terms', 'micro-influencer.yaml'), 'utf8')) as Record<string, unknown>;
  const VALUES: unknown[] = [null, '', '  ', 'x', ' x ', 'Deck Review', 'deck-review', ' deck-review', 'deck-review ', '2024', ' 2024', '2024 ', '2024-13', 'undated', 2024, 24, 2024.5, -1, true, 'https://e.org/a', ' https://e.org', 'safe', 'team', ['x'], [], { x: 1 }];
  const REMOVE = Symbol('remove');
  type Path = Array<string | number>;
  const paths: Path[] = [];
  const walk = (node: unknown, path: Path, depth: number) => {
    if (path.length > 0) paths.push(path);
    if (depth === 0) return;
    if (Array.isArray(node) && node.length > 0) walk(node[0], [...path, 0], depth - 1);
    else if (node && typeof node === 'object') for (const [key, child] of [...Object.entries(node), ['extra', undefined] as const]) walk(child, [...path, key], depth - 1);
  };
  walk(model, [], 5);
  const label = (path: Path, value: unknown) => `${path.join('.')} ${value === REMOVE ? 'removed' : `= ${JSON.stringify(value)}`}`;

  it(`agree on each of ${paths.length} fields set to ${VALUES.length} values or removed`, () => {
    const disagreements: string[] = [];
    for (const path of paths) {
      for (const value of [...VALUES, REMOVE]) {
        const doc = structuredClone(model);
        let parent = doc as Record<string | number, unknown>;
        for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
        const last = path.at(-1)!;
        if (value === REMOVE) delete parent[last];
        else parent[last] = value;
        const text = JSON.stringify(doc); // JSON is YAML: both sides read the same values
        const loaderAccepts = !parseTermText(text, 'micro-influencer.yaml').diagnostics.some((d) => d.severity === 'error');
        if (schemaValid(JSON.parse(text)) !== loaderAccepts) disagreements.push(`${label(path, value)}: loader ${loaderAccepts ? 'accepts' : 'rejects'}, schema ${loaderAccepts ? 'rejects' : 'accepts'}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
