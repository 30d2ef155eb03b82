import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../src/corpus/entry.ts';
import { renderBrief, renderEntry } from '../src/render/entry.ts';
import { makeStyle, plain } from '../src/render/style.ts';
import { displayWidth } from '../src/render/width.ts';
import { wrapWords } from '../src/render/wrap.ts';
import { ANSI } from './helpers.ts';

const LONG = 'Mostly the size of the audience and what you get for the money, said twice over to be sure it wraps.';

const ENTRY: Entry = {
  slug: 'deck-review',
  term: 'deck review',
  aliases: ['deck reviews'],
  category: 'team',
  tags: [],
  workplaceNote: '',
  workplace: 'casual',
  since: '2024',
  gist: 'Reading slides together before a client does.',
  definition: 'Our Thursday ritual of reading each other’s slides before a client sees them.',
  origin: '',
  synonyms: [{ term: 'crit', note: LONG }],
  examples: [{ setting: 'Thursday', lines: [{ speaker: 'Ola', text: LONG }, { speaker: 'Ben', text: 'Fine.' }] }],
  related: [],
  faq: [{ question: `Why do we do this, and ${LONG}`, answer: LONG }],
  ambiguous: false,
  sources: [],
  cues: [],
  source: { path: '/tmp/deck-review.yaml', builtin: false },
};

const render = (width: number, extra: Partial<Parameters<typeof renderEntry>[1]> = {}) =>
  renderEntry(ENTRY, { style: plain, width, termOf: () => undefined, ...extra });

describe('entry layout', () => {
  it.each([20, 27, 40, 72, 120])('every line fits in %i columns', (width) => {
    for (const line of render(width).split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
  });

  it.each([30, 40, 72])('FAQ answers and questions hang under their text at %i columns', (width) => {
    const lines = render(width).split('\n');
    for (const label of ['Q: ', 'A: ']) {
      const at = lines.findIndex((l) => l.startsWith(`  ${label}`));
      expect(at).toBeGreaterThan(0);
      expect(lines[at + 1]).toMatch(/^ {5}\S/);
    }
  });

  it('dialogue lines hang under the text, past the speaker', () => {
    const lines = render(40).split('\n');
    const at = lines.findIndex((l) => l.startsWith('    Ola: '));
    expect(lines[at + 1]).toMatch(/^ {9}\S/);
  });

  it('the rating is said in words, so colour is never the only cue', () => {
    const coloured = renderEntry(ENTRY, { style: makeStyle(1), width: 80, termOf: () => undefined });
    expect(coloured).toMatch(ANSI);
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(render(80));
    expect(render(80)).toContain('casual: fine in chat, not formal');
  });

  it('no grey or dim styling, which fades on one theme or the other', () => {
    const coloured = renderEntry(ENTRY, { style: makeStyle(3), width: 80, termOf: () => undefined });
    expect(coloured).not.toMatch(/\u001b\[(2|90|37|97)m/);
  });
});

describe('--section and --brief rendering', () => {
  it('prints the term and only the sections asked for, in that order', () => {
    const text = render(60, { sections: ['faq', 'meaning'] });
    const lines = text.split('\n');
    expect(lines[0]).toBe('deck review');
    expect(text.indexOf('\nFAQ\n')).toBeLessThan(text.indexOf('\nMEANING\n'));
    expect(text).not.toContain('AT WORK');
    expect(text).not.toContain('Source:');
    expect(text).not.toContain('Also written');
  });

  it('says so when an asked-for section is empty', () => {
    expect(render(60, { sections: ['origin'] })).toBe('deck review\n\nORIGIN\n  (none in this entry)');
  });

  it('--brief is one unwrapped line', () => {
    expect(renderBrief(ENTRY, plain)).toBe('deck review — Reading slides together before a client does.');
  });
});

describe('display width', () => {
  it.each([
    ['abc', 3],
    ['日本', 4],
    ['👀', 2],
    ['❤️', 2],
    ['❤', 1],
    ['™', 1],
    ['🇬🇧', 2],
    ['1️⃣', 2],
    ['e\u0301', 1],
    ['👩‍💻', 2],
  ])('%j is %i cells', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('wrapWords', () => {
  it.each([
    ['keeps no-break spaces together', 'about 10\u00a0000 followers', 9, ['about', '10\u00a0000', 'followers']],
    ['breaks a word too long for a line after a hyphen', 'micro-influencer-marketing', 12, ['micro-', 'influencer-', 'marketing']],
    ['breaks a path after a slash', '/usr/local/share/genz', 12, ['/usr/local/', 'share/genz']],
  ])('%s', (_name, text, width, expected) => {
    expect(wrapWords(text, width)).toEqual(expected);
  });

  it('fits every line and never breaks a word that fits (property)', () => {
    const word = fc.stringMatching(/^[a-z日👀é]{1,12}$/u);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.integer({ min: 24, max: 100 }), (words, width) => {
        const lines = wrapWords(words.join(' '), width);
        for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
        expect(lines.join(' ').split(' ').filter(Boolean)).toEqual(words);
      }),
    );
  });
});
