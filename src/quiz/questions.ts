/**
 * Building a quiz round: pure, and reproducible from a seed. Each question is a term (or a
 * dialogue line with the term blanked out) and four gists to choose from: the right one and
 * three from other entries, from the same category where there are enough.
 */
import { seededRandom, shuffle } from '../random.ts';
import { phraseTokens, tokenize } from '../text/tokens.ts';

import type { Category, Entry } from '../corpus/entry.ts';
import { NotFoundError } from '../errors.ts';

export const CHOICES = 4;
export const BLANK = '____';
/** Words a dialogue line needs besides the blank to be worth asking about. */
export const MIN_CLUE_WORDS = 4;

export interface Choice {
  slug: string;
  term: string;
  gist: string;
}

export interface BlankedLine {
  setting: string;
  speaker: string;
  /** The line with every form of the term replaced by BLANK. */
  text: string;
}

export interface Question {
  slug: string;
  term: string;
  category: Category;
  kind: 'term' | 'dialogue';
  dialogue: BlankedLine | null;
  choices: Choice[];
  /** 1-based number of the right choice, as the person types it. */
  answer: number;
}

export interface QuizOptions {
  count: number;
  seed: number;
  category?: Category;
}

/**
 * The text with every occurrence of the forms (as token runs) replaced by the blank. It
 * matches words as `genz explain` does (whole tokens, any case, straight or curly
 * apostrophes), and builds no regular expression from the data.
 */
function blankOut(text: string, forms: string[][]): string {
  const tokens = tokenize(text);
  let out = '';
  let at = 0;
  for (let i = 0; i < tokens.length; ) {
    const form = forms.find((f) => f.every((t, k) => tokens[i + k]?.norm === t));
    if (!form) {
      i++;
      continue;
    }
    out += text.slice(at, tokens[i]!.start) + BLANK;
    at = tokens[i + form.length - 1]!.end;
    i += form.length;
  }
  return out + text.slice(at);
}

/** The dialogue lines that mention the term (or an alias) as a whole word, blanked out. */
export function blankedLines(entry: Entry): BlankedLine[] {
  const forms = [entry.term, ...entry.aliases]
    .filter((f) => f.trim().length >= 2)
    .map(phraseTokens)
    .filter((tokens) => tokens.length > 0)
    .sort((a, b) => b.length - a.length); // longest first: "no cap" before "cap"
  if (forms.length === 0) return [];
  return entry.examples.flatMap((example) =>
    example.lines
      .map((line) => ({ setting: blankOut(example.setting, forms), speaker: line.speaker, text: blankOut(line.text, forms) }))
      // Only lines that give a clue: "Zara: ____." alone is a guess, not a question.
      .filter((line) => line.text.includes(BLANK) && clueWords(line.text) >= MIN_CLUE_WORDS),
  );
}

function clueWords(text: string): number {
  return text.replaceAll(BLANK, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

function choiceOf(entry: Entry): Choice {
  return { slug: entry.slug, term: entry.term, gist: entry.gist };
}

export function buildQuiz(entries: readonly Entry[], options: QuizOptions): Question[] {
  const random = seededRandom(options.seed);
  // Two entries with the same gist would make two right answers.
  const seenGists = new Set<string>();
  const pool = entries.filter((e) => e.gist.trim() !== '' && !seenGists.has(e.gist) && seenGists.add(e.gist));
  if (pool.length < CHOICES) {
    throw new NotFoundError(`a quiz needs at least ${CHOICES} terms with different gists; this glossary has ${pool.length}`);
  }
  const targets = options.category ? pool.filter((e) => e.category === options.category) : pool;
  if (targets.length === 0) throw new NotFoundError(`no terms in category "${options.category}"`, 'run "genz quiz" without --category');

  return shuffle(targets, random)
    .slice(0, options.count)
    .map((target) => {
      const others = pool.filter((e) => e !== target);
      const sameCategory = shuffle(
        others.filter((e) => e.category === target.category),
        random,
      );
      const elsewhere = shuffle(
        others.filter((e) => e.category !== target.category),
        random,
      );
      const choices = shuffle([target, ...[...sameCategory, ...elsewhere].slice(0, CHOICES - 1)], random);
      const lines = blankedLines(target);
      const dialogue = lines.length > 0 && random() < 0.5 ? lines[Math.floor(random() * lines.length)]! : null;
      return {
        slug: target.slug,
        term: target.term,
        category: target.category,
        kind: dialogue ? 'dialogue' : 'term',
        dialogue,
        choices: choices.map(choiceOf),
        answer: choices.indexOf(target) + 1,
      };
    });
}
