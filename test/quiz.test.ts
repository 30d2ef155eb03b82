import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { Category, Entry } from '../src/corpus/entry.ts';
import { NotFoundError } from '../src/errors.ts';
import { BLANK, blankedLines, buildQuiz, type Question } from '../src/quiz/questions.ts';
import { CTRL_C, cleanEnv, FIXTURES, genz, genzInProcess, ROOT } from './helpers.ts';

function entry(slug: string, category: Category, extra: Partial<Entry> = {}): Entry {
  return {
    slug,
    term: slug.replace(/-/g, ' '),
    aliases: [],
    category,
    tags: [],
    workplaceNote: '',
    workplace: 'safe',
    since: null,
    gist: `The gist of ${slug}.`,
    definition: `The definition of ${slug}.`,
    origin: '',
    synonyms: [],
    examples: [],
    related: [],
    faq: [],
    ambiguous: false,
    sources: [],
    cues: [],
    source: { path: `/x/${slug}.yaml`, builtin: true },
    ...extra,
  };
}

const ENTRIES = [
  ...['a1', 'a2', 'a3', 'a4', 'a5'].map((s) => entry(s, 'workplace-trend')),
  ...['b1', 'b2', 'b3', 'b4'].map((s) => entry(s, 'everyday-slang')),
];

describe('buildQuiz', () => {
  const round = buildQuiz(ENTRIES, { count: 5, seed: 42 });

  it('is reproducible from the seed', () => {
    expect(buildQuiz(ENTRIES, { count: 5, seed: 42 })).toEqual(round);
    const others = [1, 2, 3].map((seed) => buildQuiz(ENTRIES, { count: 5, seed }));
    expect(others.some((other) => JSON.stringify(other) !== JSON.stringify(round))).toBe(true);
  });

  it('asks about different terms, each with four different choices and the right answer among them', () => {
    expect(new Set(round.map((q) => q.slug)).size).toBe(5);
    for (const q of round) {
      expect(q.choices).toHaveLength(4);
      expect(new Set(q.choices.map((c) => c.gist)).size).toBe(4);
      expect(q.choices[q.answer - 1]!.slug).toBe(q.slug);
    }
  });

  it('takes the distractors from the same category when it has enough', () => {
    for (const q of round) {
      const category = ENTRIES.find((e) => e.slug === q.slug)!.category;
      for (const c of q.choices) expect(ENTRIES.find((e) => e.slug === c.slug)!.category).toBe(category);
    }
  });

  it('puts the right answer in different places', () => {
    const places = new Set(Array.from({ length: 10 }, (_, seed) => buildQuiz(ENTRIES, { count: 5, seed })).flat().map((q) => q.answer));
    expect(places.size).toBe(4);
  });

  it('keeps to a category, and caps the count at the terms there are', () => {
    const slang = buildQuiz(ENTRIES, { count: 50, seed: 1, category: 'everyday-slang' });
    expect(slang.map((q) => q.slug).sort()).toEqual(['b1', 'b2', 'b3', 'b4']);
  });

  it.each([
    ['too few terms', ENTRIES.slice(0, 3), undefined],
    ['an empty category', ENTRIES, 'team' as Category],
  ])('refuses %s', (_why, entries, category) => {
    expect(() => buildQuiz(entries, { count: 5, seed: 1, ...(category ? { category } : {}) })).toThrow(NotFoundError);
  });

  it('asks some questions as a dialogue line with the term blanked out', () => {
    const withDialogue = ENTRIES.map((e) =>
      entry(e.slug, e.category, { examples: [{ setting: 'Stand-up', lines: [{ speaker: 'Ola', text: `That was very ${e.term} of you.` }] }] }),
    );
    const questions = Array.from({ length: 4 }, (_, seed) => buildQuiz(withDialogue, { count: 5, seed })).flat();
    const dialogue = questions.filter((q) => q.kind === 'dialogue');
    expect(dialogue.length).toBeGreaterThan(0);
    expect(questions.some((q) => q.kind === 'term')).toBe(true);
    for (const q of dialogue) expect(q.dialogue).toEqual({ setting: 'Stand-up', speaker: 'Ola', text: `That was very ${BLANK} of you.` });
  });
});

describe('blankedLines', () => {
  const cap = entry('cap', 'everyday-slang', {
    aliases: ['capping', '🧢'],
    examples: [
      {
        setting: 'Chat',
        lines: [
          { speaker: 'A', text: 'Stop capping, the capital budget is fine. Cap!' },
          { speaker: 'B', text: 'No mention here.' },
          { speaker: 'D', text: 'Cap, I got you.' },
          { speaker: 'C', text: 'That’s 🧢 and you know it' },
        ],
      },
    ],
  });

  it('blanks every form of the term as a whole word, longest first, and skips lines without it or without a clue', () => {
    expect(blankedLines(cap).map((l) => l.text)).toEqual([`Stop ${BLANK}, the capital budget is fine. ${BLANK}!`, `That’s ${BLANK} and you know it`]);
  });

  it('treats straight and curly apostrophes alike', () => {
    const giving = entry('its-giving', 'everyday-slang', {
      term: "it's giving",
      examples: [{ setting: 'x', lines: [{ speaker: 'A', text: 'It’s giving main character in the group chat.' }] }],
    });
    expect(blankedLines(giving)[0]!.text).toBe(`${BLANK} main character in the group chat.`);
  });
});

describe('genz quiz, played in-process', () => {
  const data = ['--data', join(FIXTURES, 'terms'), '--no-builtin'];
  const terminal = { isTTY: true, stdinIsTTY: true, columns: 60, env: cleanEnv({ NO_COLOR: '1' }) };

  async function answers(seed: number, count: number): Promise<Question[]> {
    const { stdout } = await genzInProcess([...data, 'quiz', '--json', '--seed', String(seed), '--count', String(count)]);
    return JSON.parse(stdout).questions;
  }
  const wrong = (q: Question) => String((q.answer % 4) + 1);

  it('scores a round, re-asking on input that is not a choice', async () => {
    const [q1, q2, q3] = await answers(7, 3);
    const lines = ['nope', '9', String(q1!.answer), wrong(q2!), String(q3!.answer)];
    const { status, stdout, stderr } = await genzInProcess([...data, 'quiz', '--seed', '7', '--count', '3'], { ...terminal, lines });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout.match(/Type a number from 1 to 4/g)).toHaveLength(2);
    expect(stdout).toContain('Question 3 of 3');
    expect(stdout).toContain(`What does "${q1!.term}" mean?`);
    expect(stdout.match(/✓ Right!/g)).toHaveLength(2);
    expect(stdout).toContain(`✗ Not quite: the answer is ${q2!.answer}.\n  ${q2!.term} — `);
    expect(stdout.trimEnd().endsWith('Score: 2 of 3')).toBe(true);
  });

  it('Ctrl-C ends the round with the score so far and exit 130', async () => {
    const [q1] = await answers(3, 3);
    const { status, stdout } = await genzInProcess([...data, 'quiz', '--seed', '3', '--count', '3'], { ...terminal, lines: [String(q1!.answer), CTRL_C] });
    expect(status).toBe(130);
    expect(stdout.trimEnd().endsWith('Stopped after 1 of 3 questions. Score so far: 1 of 1')).toBe(true);
  });

  it('q or the end of input stops with the score so far, exit 0', async () => {
    for (const lines of [['q'], []]) {
      const { status, stdout } = await genzInProcess([...data, 'quiz', '--count', '2'], { ...terminal, lines });
      expect(status).toBe(0);
      expect(stdout).toContain('Score so far: 0 of 0');
    }
  });

  it('refuses without a terminal for input', async () => {
    const { status, stderr } = await genzInProcess([...data, 'quiz'], { ...terminal, stdinIsTTY: false });
    expect(status).toBe(2);
    expect(stderr).toMatch(/^genz: quiz is interactive and needs a terminal\n.*--json/);
  });
});

describe('genz quiz (real binary)', () => {
  const schema = JSON.parse(readFileSync(join(ROOT, 'schema', 'output.schema.json'), 'utf8'));
  const validate = new Ajv2020({ strict: false }).compile(schema);

  it('refuses in a pipe with one line and exit 2', () => {
    const { status, stdout, stderr } = genz(['quiz']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trimEnd().split('\n')).toHaveLength(2);
    expect(stderr).toBe('genz: quiz is interactive and needs a terminal\nhint: for the questions as data, use "genz quiz --json"\n');
  });

  it('--json prints a question set that validates against the schema', () => {
    const { status, stdout } = genz(['--data', join(FIXTURES, 'terms'), 'quiz', '--json', '--seed', '11', '--count', '4']);
    expect(status).toBe(0);
    const doc = JSON.parse(stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc).toMatchObject({ schemaVersion: 1, command: 'quiz', seed: 11, category: null });
    expect(doc.questions).toHaveLength(4);
  });

  it('--json without --seed reports the seed that replays it', () => {
    const first = JSON.parse(genz(['quiz', '--json', '--count', '3']).stdout);
    const replay = JSON.parse(genz(['quiz', '--json', '--count', '3', '--seed', String(first.seed)]).stdout);
    expect(replay.questions).toEqual(first.questions);
  });

  it.each([
    [['quiz', '--category', 'vibes'], /--category "vibes": not a category/],
    [['quiz', '--count', '0'], /--count/],
    [['quiz', '--seed', '-1'], /--seed/],
  ])('%j is a usage error', (args, message) => {
    const { status, stderr } = genz(args);
    expect(status).toBe(2);
    expect(stderr).toMatch(message);
  });
});
