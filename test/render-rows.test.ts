/** The text of list, search, related and paths (src/render/rows.ts, related.ts, paths.ts) as pure functions. */
import { describe, expect, it } from 'vitest';
import type { RelatedLink } from '../src/render/json.ts';
import type { PathsReport } from '../src/render/json-files.ts';
import { pathsLines } from '../src/render/paths.ts';
import { relatedLines } from '../src/render/related.ts';
import { categoryHeading, countTable, gistRow, searchRow } from '../src/render/rows.ts';
import { plain, type Style } from '../src/render/style.ts';

/** Styles that show where they apply: #heading# and *strong*. */
const marking: Style = { ...plain, heading: (t) => `#${t}#`, strong: (t) => `*${t}*` };

describe('gistRow, searchRow and categoryHeading', () => {
  const rizz = { slug: 'rizz', term: 'rizz', gist: 'Charm, the knack of winning people over.', category: 'everyday-slang', workplace: 'casual' };

  it('one plain line when piped, the control characters escaped', () => {
    expect(gistRow({ term: 'no\tcap', gist: 'Honestly;\u001b[31m no lie.' }, marking, undefined)).toBe('no cap — Honestly;\\x1B[31m no lie.');
  });

  it('on a terminal: indented two, the term strong, the rest hanging under six', () => {
    expect(gistRow(rizz, marking, 24)).toBe('  *rizz* — Charm, the\n      knack of winning\n      people over.');
  });

  it('a search result adds its category and the fields matched', () => {
    expect(searchRow({ ...rizz, gist: 'Charm.' }, ['term', 'alias'], marking, undefined)).toBe('rizz — Charm. (everyday-slang; matched term, alias)');
  });

  it('a category heading is upper case and styled, its count after it', () => {
    expect(categoryHeading('wellbeing', 32, marking)).toBe('#WELLBEING# (32)');
  });
});

describe('countTable', () => {
  it('name<TAB>count when not in columns', () => {
    expect(countTable('TAG', [{ name: 'burnout', count: 3 }, { name: 'tab\there', count: 12 }], marking, false)).toEqual(['burnout\t3', 'tab here\t12']);
  });

  it('names padded to the widest (or the heading), counts right-aligned under TERMS, two spaces between', () => {
    expect(countTable('CATEGORY', [{ name: 'team', count: 7 }, { name: 'wellbeing', count: 120 }], marking, true)).toEqual([
      '#CATEGORY   TERMS#',
      'team           7',
      'wellbeing    120',
    ]);
  });

  it('pads by display width: a wide character takes two columns', () => {
    expect(countTable('TAG', [{ name: '全角', count: 1 }], plain, true)).toEqual(['TAG   TERMS', '全角      1']);
  });
});

describe('relatedLines', () => {
  const link = (slug: string, term: string | null, note: string): RelatedLink => ({ slug, term, gist: null, note });
  const outgoing = [link('cap', 'cap', 'The lie it denies.'), link('gone', null, 'Missing.')];
  const incoming = [link('rizz', 'rizz', 'Tab\there.')];

  it('a block of links from the entry, a blank line, a block of links to it', () => {
    expect(relatedLines('no cap', outgoing, incoming, marking, Number.POSITIVE_INFINITY)).toEqual([
      '#no cap LINKS TO#',
      '  • *cap* — The lie it denies.',
      '  • *gone (not in this glossary)* — Missing.',
      '',
      '#LINKING TO no cap#',
      '  • *rizz* — Tab here.',
    ]);
  });

  it('no blank line when one block is empty, and no lines when both are', () => {
    expect(relatedLines('x\u001b', [], incoming, marking, Number.POSITIVE_INFINITY)).toEqual(['#LINKING TO x\\x1B#', '  • *rizz* — Tab here.']);
    expect(relatedLines('x', [], [], marking, 40)).toEqual([]);
  });

  it('wraps a note under the bullet, four columns in', () => {
    const lines = relatedLines('no cap', [link('cap', 'cap', 'The word it negates, said after a claim.')], [], marking, 30);
    expect(lines).toEqual(['#no cap LINKS TO#', '  • *cap* — The word it negates,', '    said after a claim.']);
  });
});

describe('pathsLines', () => {
  const report: PathsReport = {
    directories: [
      { dir: '/t/data', from: '--data', terms: 1 },
      { dir: '/b/terms', from: 'built-in', terms: 324 },
    ],
    shadowed: [{ slug: 'rizz', hidden: '/b/terms/rizz.yaml', by: '/t/data/rizz.yaml' }],
    problems: [{ file: '/t/data/bad\u0007.yaml', line: 3, col: 1, severity: 'error', message: 'broken', rule: 'yaml-syntax' }],
    cache: { dir: '/c/genz', usable: true, problem: null },
  };

  it('the search path, the personal directory when missing, overridden entries, the cache and the problems', () => {
    expect(pathsLines(report, '/h/.config/genz/terms', marking)).toEqual([
      '#SEARCH PATH (first wins)#',
      '  1. /t/data  [--data]  1 term',
      '  2. /b/terms  [built-in]  324 terms',
      '  (personal directory /h/.config/genz/terms does not exist; genz new creates it)',
      '',
      '#OVERRIDDEN ENTRIES#',
      '  rizz: /t/data/rizz.yaml hides /b/terms/rizz.yaml',
      '',
      '#CACHE#',
      '  /c/genz  [usable]',
      '',
      '#PROBLEMS#',
      '  /t/data/bad\\x07.yaml:3:1: error: broken [yaml-syntax]',
    ]);
  });

  it('says when there are no directories, no problems, and why the cache cannot be used', () => {
    const empty: PathsReport = { directories: [], shadowed: [], problems: [], cache: { dir: null, usable: false, problem: 'no HOME' } };
    expect(pathsLines(empty, undefined, plain)).toEqual([
      'SEARCH PATH (first wins)',
      '  (none: --no-builtin and no user directories)',
      '',
      'CACHE',
      '  [not usable: no HOME]',
      '  (your directories are compiled in memory on every run instead; answers are the same)',
      '',
      'PROBLEMS',
      '  none',
    ]);
  });
});
