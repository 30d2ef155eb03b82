import { describe, expect, it } from 'vitest';
import { parseTermText } from '../src/corpus/parse.ts';

const GOOD = `term: quiet quitting
category: workplace-trend
workplace: safe
definition: Doing the job as written and no more.
`;

function rules(text: string, file = 'quiet-quitting.yaml', profile: 'basic' | 'strict' = 'basic') {
  return parseTermText(text, file, { profile }).diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.rule}`);
}

describe('parseTermText', () => {
  it('accepts a minimal file and fills defaults', () => {
    const { entry, diagnostics } = parseTermText(GOOD, 'quiet-quitting.yaml');
    expect(diagnostics).toEqual([]);
    expect(entry).toMatchObject({ slug: 'quiet-quitting', term: 'quiet quitting', aliases: [], since: null, gist: 'Doing the job as written and no more.' });
  });

  it.each([
    ['an unclosed quote', 'term: "x\ncategory: team\n', ['3:1 error yaml-syntax']],
    ['a duplicate key', `${GOOD}term: again\n`, ['5:1 error duplicate-key']],
    ['an unknown key with a suggestion', `${GOOD}synonym: [x]\n`, ['5:1 error unknown-key']],
    ['a bad category', GOOD.replace('workplace-trend', 'workplace-trends'), ['2:11 error enum']],
    ['a bad rating', GOOD.replace('workplace: safe', 'workplace: spicy'), ['3:12 error enum']],
    ['a missing definition', GOOD.replace(/definition.*\n/, ''), ['1:1 error required']],
    ['a list where text belongs', GOOD.replace('term: quiet quitting', 'term: [a, b]'), ['1:7 error type']],
    ['an empty file', '', ['1:1 error empty-file']],
    ['a comment-only file', '# nothing here\n', ['1:1 error empty-file']],
    ['a scalar document', 'just text\n', ['1:1 error not-a-mapping']],
    ['a self link', `${GOOD}related: [{slug: quiet-quitting, note: me}]\n`, ['5:18 error self-link']],
    ['a source url with no host', `${GOOD}sources: [{title: T, publisher: P, date: "2024", url: "http:///x"}]\n`, ['5:55 error url-format']],
  ])('reports %s', (_name, text, expected) => {
    expect(rules(text)).toEqual(expected);
  });

  it('names the key it suggests', () => {
    const [d] = parseTermText(`${GOOD}synonym: [x]\n`, 'quiet-quitting.yaml').diagnostics;
    expect(d!.message).toContain('did you mean "synonyms"');
  });

  it('warns when the file name does not match the term', () => {
    expect(rules(GOOD, 'quitting.yaml')).toEqual(['1:7 warning slug-mismatch']);
  });

  it('rejects a file name that is not a slug', () => {
    expect(rules(GOOD, 'Quiet Quitting.yaml')).toContain('1:1 error slug-format');
  });

  it('strict profile asks for every section and the minimums', () => {
    const found = rules(GOOD, 'quiet-quitting.yaml', 'strict');
    expect(found.filter((r) => r.endsWith('required-strict'))).toHaveLength(8);
    expect(found).toContain('4:13 error min-words');
  });

  it('reads a byte order mark and CRLF line ends', () => {
    const { entry } = parseTermText(`\uFEFF${GOOD.replace(/\n/g, '\r\n')}`, 'quiet-quitting.yaml');
    expect(entry?.term).toBe('quiet quitting');
  });

  it('stops an alias bomb quickly with a clear error', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const started = Date.now();
    const { entry, diagnostics } = parseTermText(`${lines.join('\n')}\n`, 'bomb.yaml');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(entry).toBeUndefined();
    expect(diagnostics[0]!.rule).toBe('yaml-syntax');
  });
});

