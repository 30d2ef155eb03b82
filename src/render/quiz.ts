/** The quiz's text (pure functions of a question, a style and a width) and its --json document. */
import type { Category } from '../corpus/entry.ts';
import { BLANK, type Question } from '../quiz/questions.ts';
import { MIN_WIDTH } from './entry.ts';
import { SCHEMA_VERSION } from './json.ts';
import { sanitizeInline } from './sanitize.ts';
import type { Style } from './style.ts';
import { hang, wrapWords } from './wrap.ts';

export interface QuizRenderOptions {
  style: Style;
  width: number;
}

/** The question as a bot or a person reads it. */
export function promptOf(question: Question): string {
  return question.kind === 'dialogue' ? `What does ${BLANK} mean here?` : `What does "${question.term}" mean?`;
}

/** `quiz --json`: the question set, with the seed that replays it and each prompt as text. */
export function quizJson(questions: Question[], seed: number, category: Category | null): object {
  return {
    schemaVersion: SCHEMA_VERSION,
    command: 'quiz',
    seed,
    category,
    questions: questions.map((q) => ({ ...q, prompt: promptOf(q) })),
  };
}

export function renderQuestion(question: Question, number: number, total: number, o: QuizRenderOptions): string {
  const width = Math.max(MIN_WIDTH, o.width);
  const { style } = o;
  const lines = [style.heading(`Question ${number} of ${total}`)];
  if (question.dialogue) {
    const { setting, speaker, text } = question.dialogue;
    const who = `${sanitizeInline(speaker)}:`;
    lines.push(...hang('', '', `[${sanitizeInline(setting)}]`, width, '  '));
    lines.push(...hang(`${who} `, `${style.speaker(who)} `, sanitizeInline(text), width, '    '), '');
  }
  lines.push(...wrapWords(sanitizeInline(promptOf(question)), width).map(style.question), '');
  question.choices.forEach((choice, i) => {
    const label = `${i + 1}. `;
    lines.push(...hang(label, style.strong(label), sanitizeInline(choice.gist), width, '  '));
  });
  lines.push('');
  return lines.join('\n');
}

export function answerPrompt(count: number): string {
  return `Your answer (1-${count}): `;
}

export function renderVerdict(question: Question, picked: number, o: QuizRenderOptions): string {
  const right = question.choices[question.answer - 1]!;
  const term = sanitizeInline(right.term);
  const verdict = picked === question.answer ? o.style.right('✓ Right!') : `${o.style.wrong('✗ Not quite:')} the answer is ${question.answer}.`;
  const reveal = hang(`${term} — `, `${o.style.strong(term)} — `, sanitizeInline(right.gist), Math.max(MIN_WIDTH, o.width), '  ', '    ');
  return [verdict, ...reveal].join('\n');
}

/** The closing line; `asked` counts the questions answered so far. */
export function renderScore(right: number, asked: number, total: number, stopped: boolean, style: Style): string {
  const score = `${right} of ${asked}`;
  if (stopped) return `Stopped after ${asked} of ${total} question${total === 1 ? '' : 's'}. Score so far: ${style.strong(score)}`;
  return `Score: ${style.strong(score)}${right === asked ? ' — perfect, you understood the assignment.' : ''}`;
}
