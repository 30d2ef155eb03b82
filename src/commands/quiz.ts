/**
 * `genz quiz`: a short flashcard round on a terminal. Answers are read a line at a time (a
 * number and Enter), so anything that types into a terminal can play; Ctrl-C ends the round
 * with the score so far. `--json` prints the question set instead, for bots.
 */
import type { Category } from '../corpus/entry.ts';
import type { Context } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { answerPrompt, quizJson, renderQuestion, renderScore, renderVerdict } from '../render/quiz.ts';
import { buildQuiz } from '../quiz/questions.ts';
import { positiveInt, wholeNumber } from './numbers.ts';
import { examples, type Register } from './registry.ts';
import { parseCategory } from './shared.ts';

export interface QuizOptions {
  count: number;
  category?: Category;
  seed?: number;
  json?: boolean;
}

/** Without --seed, a new round each time; the seed is in --json output, to replay it. */
function freshSeed(ctx: Context): number {
  return ctx.io.now().getTime() % 2 ** 31;
}

type Reply = number | 'quit' | 'interrupted';

async function ask(ctx: Context, choices: number, interrupted: Promise<'interrupted'>): Promise<Reply> {
  const readLine = ctx.io.stdin.readLine!;
  for (;;) {
    ctx.write(answerPrompt(choices));
    const line = await Promise.race([readLine(), interrupted]);
    if (line === 'interrupted') return line;
    if (line === null) return 'quit';
    const text = line.trim().toLowerCase();
    if (text === 'q' || text === 'quit') return 'quit';
    const n = Number(text);
    if (/^\d+$/.test(text) && n >= 1 && n <= choices) return n;
    ctx.out(`Type a number from 1 to ${choices} and press Enter (q to stop).`);
  }
}

export async function quiz(ctx: Context, options: QuizOptions): Promise<number> {
  const { stdin, stdout } = ctx.io;
  if (!options.json && !(stdin.isTTY && stdout.isTTY && stdin.readLine)) {
    throw new UsageError('quiz is interactive and needs a terminal', 'for the questions as data, use "genz quiz --json"');
  }
  const seed = options.seed ?? freshSeed(ctx);
  await ctx.prepare('entries');
  const questions = buildQuiz(ctx.glossary().entries, { count: options.count, seed, ...(options.category ? { category: options.category } : {}) });
  if (options.json) {
    ctx.json(quizJson(questions, seed, options.category ?? null));
    return ctx.loadStatus;
  }

  let onInterrupt: (value: 'interrupted') => void = () => {};
  const interrupted = new Promise<'interrupted'>((resolve) => {
    onInterrupt = resolve;
  });
  const release = ctx.io.onInterrupt?.(() => onInterrupt('interrupted'));
  const view = { style: ctx.style, width: ctx.width };
  let right = 0;
  try {
    for (const [i, question] of questions.entries()) {
      ctx.out(`${i > 0 ? '\n' : ''}${renderQuestion(question, i + 1, questions.length, view)}`);
      const reply = await ask(ctx, question.choices.length, interrupted);
      if (reply === 'interrupted' || reply === 'quit') {
        ctx.out(`\n${renderScore(right, i, questions.length, true, ctx.style)}`);
        return reply === 'interrupted' ? EXIT.interrupted : EXIT.ok;
      }
      if (reply === question.answer) right++;
      ctx.out(renderVerdict(question, reply, view));
    }
  } finally {
    release?.();
  }
  ctx.out(`\n${renderScore(right, questions.length, questions.length, false, ctx.style)}`);
  return ctx.loadStatus;
}

export const registerQuiz: Register = (program, context, setExit) => {
  program
    .command('quiz')
    .description('flashcards: pick the meaning of a term from four')
    .option('-n, --count <n>', 'how many questions', positiveInt, 5)
    .option('-c, --category <category>', 'only terms from this category', parseCategory)
    .option('--seed <n>', 'replay the same round (any whole number)', wholeNumber)
    .option('--json', 'print the question set as JSON instead of playing (schema/output.schema.json)')
    .addHelpText('after', examples('genz quiz', 'genz quiz --count 10 --category workplace-trend', 'genz quiz --json --seed 7 | jq ".questions[0]"'))
    .action(async (options: QuizOptions) => setExit(await quiz(context(), options)));
};
