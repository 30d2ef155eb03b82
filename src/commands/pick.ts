/** `random` and `today`: one full entry, chosen by chance or by the calendar. */
import type { Category, Entry } from '../corpus/entry.ts';
import type { Context } from '../context.ts';
import { NotFoundError, UsageError } from '../errors.ts';
import { renderEntry } from '../render/entry.ts';
import { type PickedBy, pickJson } from '../render/json.ts';
import { examples, type Register } from './registry.ts';
import { seededRandom, shuffle } from '../random.ts';
import { parseSeed } from './numbers.ts';
import { parseCategory } from './shared.ts';

export interface PickOptions {
  json?: boolean;
  category?: Category;
  seed?: number;
  date?: string;
}

// `today` walks one fixed shuffle of the glossary, a step a day, so no entry repeats until
// every entry has had its day.
const TODAY_SHUFFLE_SEED = 20_240_601;
const DAY_MS = 86_400_000;

function candidates(ctx: Context, category: Category | undefined): Entry[] {
  const entries = ctx.glossary().entries.filter((e) => !category || e.category === category);
  if (entries.length === 0) throw new NotFoundError(category ? `no entries in category ${category}` : 'the glossary is empty');
  return entries;
}

/** The entry, as JSON when the command was asked for it (`json` says how the entry was picked). */
async function show(ctx: Context, entry: Entry, json: PickedBy | undefined): Promise<number> {
  if (json) ctx.json(pickJson(json, entry, ctx.termOf));
  else await ctx.page(renderEntry(entry, { style: ctx.style, width: ctx.width, termOf: ctx.termOf }));
  return ctx.loadStatus;
}

export async function random(ctx: Context, options: PickOptions): Promise<number> {
  await ctx.prepare('entries');
  const entries = candidates(ctx, options.category);
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const entry = entries[Math.floor(seededRandom(seed)() * entries.length)]!;
  return show(ctx, entry, options.json ? { command: 'random', seed } : undefined);
}

/** Days since 1970-01-01 of a local calendar date. */
function dayNumber(date: { year: number; month: number; day: number }): number {
  return Math.floor(Date.UTC(date.year, date.month - 1, date.day) / DAY_MS);
}

function parseDate(text: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (!match || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new UsageError(`--date "${text}" is not a date`, 'use the form YYYY-MM-DD, e.g. --date 2026-01-31');
  }
  return { year, month, day };
}

export async function today(ctx: Context, options: PickOptions): Promise<number> {
  await ctx.prepare('entries');
  const now = ctx.io.now();
  const date = options.date ? parseDate(options.date) : { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
  const iso = `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
  const order = shuffle(candidates(ctx, options.category), seededRandom(TODAY_SHUFFLE_SEED));
  const index = ((dayNumber(date) % order.length) + order.length) % order.length;
  return show(ctx, order[index]!, options.json ? { command: 'today', date: iso } : undefined);
}

export const registerRandom: Register = (program, context, setExit) => {
  program
    .command('random')
    .description('one entry chosen at random')
    .option('-c, --category <category>', 'only from this category', parseCategory)
    .option('--seed <n>', 'pick reproducibly: the same seed gives the same entry', parseSeed)
    .option('--json', 'print the entry as JSON')
    .addHelpText('after', examples('genz random', 'genz random --category wellbeing', 'genz random --seed 42 --json'))
    .action(async (options: PickOptions) => setExit(await random(context(), options)));
};

export const registerToday: Register = (program, context, setExit) => {
  program
    .command('today')
    .description('the term of the day: the same all day, no repeats until every term has had a day')
    .option('-c, --category <category>', 'only from this category', parseCategory)
    .option('--date <YYYY-MM-DD>', 'the term of another day')
    .option('--json', 'print the entry as JSON')
    .addHelpText('after', examples('genz today', 'genz today --date 2026-12-25', 'genz today --json | jq -r .entry.gist'))
    .action(async (options: PickOptions) => setExit(await today(context(), options)));
};
