/**
 * Hostile term files: each is reported, for that file, with a located diagnostic, quickly,
 * while the rest of the directory loads; nothing pollutes prototypes, hangs or crashes.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readTermFile } from '../src/corpus/read.ts';
import { openStore } from './helpers.ts';
import { MAX_FILE_BYTES, parseTermText } from '../src/corpus/parse.ts';
import { genz, genzInProcess, tempDir } from './helpers.ts';

const GOOD = 'term: good\ncategory: team\nworkplace: safe\ndefinition: A good term.\n';
const minimal = (slug: string, extra = '') => `term: ${slug}\ncategory: team\nworkplace: safe\ndefinition: Fine.\n${extra}`;

function billionLaughs(levels = 10): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < levels; i++) {
    const [prev, name] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${lines.join('\n')}\nterm: *${String.fromCharCode(96 + levels)}\n`;
}

/** Parses and times; every diagnostic must be located (line, col ≥ 1). */
function parse(text: string, file = 'x.yaml') {
  const started = performance.now();
  const result = parseTermText(text, file);
  const ms = performance.now() - started;
  for (const d of result.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeGreaterThanOrEqual(1);
  }
  return { ...result, ms, rules: result.diagnostics.map((d) => d.rule) };
}

describe('hostile YAML text', () => {
  it('an alias bomb (billion laughs) fails fast with a clear error', () => {
    const { entry, diagnostics, ms } = parse(billionLaughs());
    expect(ms).toBeLessThan(1000);
    expect(entry).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.message).toMatch(/alias/i);
  });

  it.each([
    ['10,000 nested [', `term: ${'['.repeat(10_000)}\n`],
    ['10,000 nested {', `term: ${'{a: '.repeat(10_000)}\n`],
    ['a megabyte of [', `term: ${'['.repeat(MAX_FILE_BYTES - 10)}`],
    ['10,000 nested block sequences', `term:\n${'- '.repeat(10_000)}x\n`],
    ['10,000 nested flow sequences, closed', `term: ${'['.repeat(10_000)}x${']'.repeat(10_000)}\n`],
  ])('%s: one "nesting" diagnostic, fast', (_name, text) => {
    const { entry, diagnostics, ms } = parse(text);
    expect(ms).toBeLessThan(1000);
    expect(entry).toBeUndefined();
    expect(diagnostics.map((d) => d.rule)).toEqual(['nesting']);
    expect(diagnostics[0]!.message).toMatch(/nested too deeply/);
  });

  it.each([
    ['a megabyte of "}{"', '}{'.repeat(MAX_FILE_BYTES / 2)],
    ['a megabyte of "]"', ']\n'.repeat(MAX_FILE_BYTES / 2)],
    ['60,000 keys', Array.from({ length: 60_000 }, (_, i) => `k${i}: v`).join('\n')],
    ['200,000 duplicate keys', 'k: v\n'.repeat(200_000)],
    ['200,000 aliases', `a: &x [1]\nb: [${'*x,'.repeat(200_000)}]\n`],
    ['a megabyte of flow maps', '{a: 1, a: 2}\n'.repeat(80_000)],
  ])('%s: refused as too complex at once (the parser took up to 30 s)', (_name, text) => {
    const { entry, diagnostics, ms } = parse(text);
    expect(ms).toBeLessThan(1000);
    expect(entry).toBeUndefined();
    expect(diagnostics.map((d) => d.rule)).toEqual(['too-complex']);
  });

  it.each([
    ['"}{" just under the cap', '}{'.repeat(9_990)],
    ['"]" just under the cap', ']\n'.repeat(9_990)],
    ['keys just under the cap', Array.from({ length: 2_500 }, (_, i) => `k${i}: v`).join('\n')],
    ['list items just under the cap', `${minimal('big')}aliases:\n${Array.from({ length: 4_900 }, (_, i) => `- "a${i}"`).join('\n')}\n`],
  ])('%s: parsed and reported in seconds, not the half-minute the parser once took', (_name, text) => {
    const { ms, rules } = parse(text, 'big.yaml');
    // A bound on pathology, not a speed target (npm run bench measures speed): ~0.4 s on a
    // quiet machine, over 2 s on a loaded one.
    expect(ms).toBeLessThan(8000);
    expect(rules).not.toContain('too-complex');
  });

  it('ordinary nesting and brackets in text are fine', () => {
    const text = minimal('good', 'synonyms: [{term: "[[x]]", note: "a [note] {with} brackets"}]\nfaq:\n  - question: "- - - dashes?"\n    answer: "-----"\n');
    expect(parse(text, 'good.yaml').entry?.synonyms[0]?.term).toBe('[[x]]');
  });

  it.each(['__proto__', 'constructor', 'prototype'])('"%s" cannot pollute anything and is an unknown key', (key) => {
    const payload = `${key}: {polluted: yes, prototype: {polluted: yes}}\n`;
    const text = `${minimal('good', payload)}synonyms:\n  - {term: a, note: b, ${key}: {polluted: yes}}\n`;
    const { entry, diagnostics } = parse(text, 'good.yaml');
    expect(entry).toBeUndefined();
    const unknown = diagnostics.filter((d) => d.rule === 'unknown-key').map((d) => `${d.line}:${d.message}`);
    expect(unknown).toEqual([
      `5:unknown key "${key}" in a term file (allowed: term, aliases, category, tags, workplace, workplace_note, since, gist, definition, origin, synonyms, examples, related, faq, sources, ambiguous, cues)`,
      `7:unknown key "${key}" in synonym (allowed: term, note)`,
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('a YAML merge key is not a way in either', () => {
    const { entry, rules } = parse(minimal('good', '<<: {__proto__: {polluted: yes}}\n'), 'good.yaml');
    expect(entry).toBeUndefined();
    expect(rules).toContain('unknown-key');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it.each([
    ['a duplicate key', `${GOOD}term: again\n`, ['duplicate-key']],
    ['a duplicate nested key', minimal('good', 'synonyms: [{term: a, term: b, note: c}]\n'), ['duplicate-key']],
    ['a number for text', GOOD.replace('term: good', 'term: 5'), ['type']],
    ['a list for a rating', GOOD.replace('workplace: safe', 'workplace: [safe]'), ['enum']],
    ['a mapping for a list', minimal('good', 'aliases: {a: 1}\n'), ['type']],
    ['a string for a list', minimal('good', 'examples: lines\n'), ['type']],
    ['a boolean where a mapping belongs', minimal('good', 'faq: [true]\n'), ['type']],
    ['a list as the document', '- term\n- good\n', ['not-a-mapping']],
    ['a bare scalar', 'null\n', ['not-a-mapping']],
    ['a tagged value', minimal('good', 'since: !!binary aGVsbG8=\n'), ['type']],
    ['two documents', `${GOOD}---\n${GOOD}`, ['yaml-syntax']],
    ['an empty file', '', ['empty-file']],
    ['only whitespace', ' \n\t\n  \r\n', ['empty-file']],
    ['only comments', '# a\n  # b\n#c', ['empty-file']],
  ])('%s is reported, located', (_name, text, expected) => {
    const { entry, rules, ms } = parse(text, 'good.yaml');
    expect(entry).toBeUndefined();
    expect([...new Set(rules)]).toEqual(expected);
    expect(ms).toBeLessThan(1000);
  });

  it.each([
    ['a UTF-8 byte order mark', `\uFEFF${GOOD}`],
    ['CRLF line ends', GOOD.replace(/\n/g, '\r\n')],
    ['a BOM and CRLF', `\uFEFF${GOOD.replace(/\n/g, '\r\n')}`],
    ['CR-only line ends', GOOD.replace(/\n/g, '\r')],
  ])('%s loads', (_name, text) => {
    const { entry, diagnostics } = parse(text, 'good.yaml');
    expect(diagnostics).toEqual([]);
    expect(entry).toMatchObject({ term: 'good', definition: 'A good term.' });
  });

  it.each([
    ['an unknown tag', 'since: !evil x\n'],
    ['a language-specific tag', "since: !!js/function 'function () { globalThis.pwned = 1 }'\n"],
    ['a Python object tag', "since: !!python/object/apply:os.system ['echo pwned']\n"],
  ])('%s is read as plain text, never constructed', (_name, extra) => {
    const { entry, rules } = parse(minimal('good', extra), 'good.yaml');
    // A tagged scalar stays text; a tagged sequence is just a list, the wrong type here.
    if (entry) expect(typeof entry.since).toBe('string');
    else expect(rules).toEqual(['type']);
    expect((globalThis as Record<string, unknown>)['pwned']).toBeUndefined();
  });

  it('comment lines that once backtracked exponentially are quick (regression)', () => {
    for (const text of [`${'#'.repeat(5000)}\nx`, `${'#\n'.repeat(5000)}x`, `${' #'.repeat(5000)}\n  x`]) {
      const { ms, rules } = parse(text);
      expect(ms).toBeLessThan(500);
      expect(rules).toEqual(['not-a-mapping']);
    }
  });
});

describe('hostile files in a directory', () => {
  const isRoot = process.getuid?.() === 0;
  const canFifo = process.platform !== 'win32';

  function hostileDir(): string {
    const dir = tempDir({
      'good.yaml': GOOD,
      'bom.yaml': `\uFEFF${minimal('bom')}`,
      'crlf.yaml': minimal('crlf').replace(/\n/g, '\r\n'),
      'bomb.yaml': billionLaughs(),
      'deep.yaml': `term: ${'['.repeat(10_000)}\n`,
      'proto.yaml': minimal('proto', '__proto__: {polluted: yes}\n'),
      'dup.yaml': `${minimal('dup')}term: dup\n`,
      'types.yaml': 'term: 5\ncategory: [team]\nworkplace: true\ndefinition: {a: 1}\n',
      'empty.yaml': '',
      'big.yaml': `term: big\ndefinition: ${'a'.repeat(MAX_FILE_BYTES)}\n`,
    });
    writeFileSync(join(dir, 'latin1.yaml'), Buffer.from('term: caf\xe9\ncategory: team\n', 'latin1'));
    // Raw NUL and ESC bytes are not YAML, but the parser takes them: the entry loads (the
    // renderer escapes them) and validate warns.
    writeFileSync(join(dir, 'nul.yaml'), Buffer.from(minimal('nul').replace('Fine.', 'Fine\u0000\u001b[2J.')));
    mkdirSync(join(dir, 'dir.yaml'));
    symlinkSync('loop-b.yaml', join(dir, 'loop-a.yaml'));
    symlinkSync('loop-a.yaml', join(dir, 'loop-b.yaml'));
    symlinkSync('/dev/zero', join(dir, 'zero.yaml'));
    symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.yaml'));
    if (canFifo) execFileSync('mkfifo', [join(dir, 'fifo.yaml')]);
    return dir;
  }

  const EXPECTED: Record<string, RegExp> = {
    'bomb.yaml': /alias/i,
    'deep.yaml': /nested too deeply .*\[nesting\]/,
    'proto.yaml': /unknown key "__proto__"/,
    'dup.yaml': /unique \[duplicate-key\]/,
    'types.yaml': /must be text, not number 5 \[type\]/,
    'empty.yaml': /the file is empty \[empty-file\]/,
    'big.yaml': /limited to 1048576 \[file-size\]/,
    'latin1.yaml': /not valid UTF-8 text \[encoding\]/,
    'dir.yaml': /is a directory, not a term file \[not-a-file\]/,
    'loop-a.yaml': /symbolic link loop \[unreadable\]/,
    'loop-b.yaml': /symbolic link loop \[unreadable\]/,
    // A link that leads out of the term directory is refused unread (it could be a secret).
    'zero.yaml': /symbolic link that leads outside its term directory; not read \[outside-link\]/,
    'dangling.yaml': /does not exist \[unreadable\]/,
    ...(canFifo ? { 'fifo.yaml': /not a regular file \[not-a-file\]/ } : {}),
  };

  it('each is reported for its file while the rest load (real binary: exit 3, no stack trace)', () => {
    const dir = hostileDir();
    const started = Date.now();
    const { status, stdout, stderr } = genz(['--no-builtin', '--data', dir, 'list']);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(status).toBe(3);
    expect(stdout.trim().split('\n')).toEqual(['bom', 'crlf', 'good', 'nul']);
    for (const [file, reason] of Object.entries(EXPECTED)) {
      const lines = stderr.split('\n').filter((line) => line.includes(`${dir}/${file}:`));
      expect(lines, file).toHaveLength(1);
      expect(lines[0], file).toMatch(/^genz: warning: skipped \S+:\d+:\d+: /);
      expect(lines[0], file).toMatch(reason);
    }
    expect(stderr).not.toContain('    at ');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('a parser warning (a list as a key) never reaches stderr as a Node warning', () => {
    const dir = tempDir({ 'good.yaml': GOOD, 'odd.yaml': `${minimal('odd')}? ["a\\e]0;pwned\\a"]\n: v\n` });
    const { status, stdout, stderr } = genz(['--no-builtin', '--data', dir, 'list']);
    expect(status).toBe(3);
    expect(stdout).toBe('good\n');
    expect(stderr.split('\n').filter(Boolean).every((line) => line.startsWith('genz: '))).toBe(true);
    expect(stderr).toMatch(/odd\.yaml:\d+:\d+: unknown key/);
  });

  it('validate reports each one with file:line:col and exits 1', async () => {
    const dir = hostileDir();
    const { status, stdout, stderr } = await genzInProcess(['--no-builtin', 'validate', dir]);
    expect(status).toBe(1);
    for (const [file, reason] of Object.entries(EXPECTED)) {
      const first = stdout.split('\n').find((line) => line.startsWith(`${dir}/${file}:`));
      expect(first, file).toMatch(/^\S+:\d+:\d+: error: /);
      expect(first, file).toMatch(reason);
    }
    expect(stdout).toMatch(/nul\.yaml:4:13: warning: definition contains a control or bidi character \[control-character\]/);
    expect(stderr).toBe('');
  });

  it('the store in-process: the good entries and one error per bad file', () => {
    const glossary = openStore([hostileDir()], { builtin: false }).glossary();
    expect(glossary.entries.map((e) => e.slug)).toEqual(['bom', 'crlf', 'good', 'nul']);
    expect(new Set(glossary.errors.map((d) => d.file.split('/').pop())).size).toBe(Object.keys(EXPECTED).length);
  });

  it.skipIf(isRoot)('an unreadable file (chmod 000) is reported (skipped as root: root reads it anyway; simulated below)', () => {
    const dir = tempDir({ 'locked.yaml': GOOD });
    chmodSync(join(dir, 'locked.yaml'), 0o000);
    const { diagnostics } = readTermFile(join(dir, 'locked.yaml'));
    expect(diagnostics.map((d) => `${d.message} [${d.rule}]`)).toEqual(['cannot be read: permission denied [unreadable]']);
  });

  describe('an unreadable file, simulated (as root, chmod 000 does not stop reads)', () => {
    afterEach(() => {
      vi.doUnmock('node:fs');
      vi.resetModules();
    });

    it.each(['EACCES', 'EPERM', 'EIO'])('%s from the read is reported for that file while the rest load', async (code) => {
      const dir = tempDir({ 'locked.yaml': GOOD.replace('good', 'locked'), 'good.yaml': GOOD });
      vi.resetModules();
      vi.doMock('node:fs', async (importOriginal) => {
        const fs = await importOriginal<typeof import('node:fs')>();
        const readFileSync = ((path: unknown, ...rest: unknown[]) => {
          if (String(path).endsWith('locked.yaml')) throw Object.assign(new Error(`${code}: simulated, open '${String(path)}'`), { code });
          return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
        }) as typeof fs.readFileSync;
        return { ...fs, default: { ...fs, readFileSync }, readFileSync };
      });
      const helpers = await import('./helpers.ts');
      const glossary = helpers.openStore([dir], { builtin: false }).glossary();
      expect(glossary.entries.map((e) => e.slug)).toEqual(['good']);
      expect(glossary.errors.map((d) => `${d.file.split('/').pop()}:${d.line}:${d.col}: ${d.message} [${d.rule}]`)).toEqual([
        code === 'EIO' ? `locked.yaml:1:1: cannot be read: ${code} [unreadable]` : 'locked.yaml:1:1: cannot be read: permission denied [unreadable]',
      ]);
    });
  });
});
