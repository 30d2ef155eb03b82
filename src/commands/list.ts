import { CATEGORIES, type Category, type Entry, type WorkplaceRating } from '../corpus/entry.ts';
import type { Context } from '../context.ts';
import { type Count, countsJson, listJson } from '../render/json.ts';
import { categoryHeading, countTable, gistRow } from '../render/rows.ts';
import { sanitizeInline } from '../render/sanitize.ts';
import { examples, type Register } from './registry.ts';
import { parseCategory, parseRating } from './shared.ts';

export interface ListOptions {
  json?: boolean;
  category?: Category;
  tag?: string;
  workplace?: WorkplaceRating;
  categories?: boolean;
  tags?: boolean;
}

function categoryCounts(entries: Entry[]): Count[] {
  return CATEGORIES.map((name) => ({ name, count: entries.filter((e) => e.category === name).length })).filter((c) => c.count > 0);
}

function tagCounts(entries: Entry[]): Count[] {
  const counts = new Map<string, number>();
  for (const tag of entries.flatMap((e) => e.tags)) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Prints a row per entry, pausing between slices so that Ctrl-C ends a long list at once. */
async function inSlices(ctx: Context, entries: Entry[], row: (entry: Entry) => string): Promise<void> {
  for (let start = 0; start < entries.length; start += ROWS_PER_SLICE) {
    if (start > 0) await ctx.io.pause?.();
    ctx.out(entries.slice(start, start + ROWS_PER_SLICE).map(row).join('\n'));
  }
}

const ROWS_PER_SLICE = 500;

export async function list(ctx: Context, options: ListOptions): Promise<number> {
  await ctx.prepare('entries');
  const tag = options.tag?.toLowerCase();
  const entries = ctx
    .glossary()
    .entries.filter(
      (e) =>
        (!options.category || e.category === options.category) &&
        (!options.workplace || e.workplace === options.workplace) &&
        (!tag || e.tags.some((t) => t.toLowerCase() === tag)),
    );
  if (options.categories || options.tags) {
    const [key, heading, counts] = options.categories
      ? (['categories', 'CATEGORY', categoryCounts(entries)] as const)
      : (['tags', 'TAG', tagCounts(entries)] as const);
    if (options.json) ctx.json(countsJson(key, counts));
    else if (counts.length > 0) ctx.out(...countTable(heading, counts, ctx.style, ctx.io.stdout.isTTY === true));
    return entries.length === 0 ? ctx.nothingFound('no entries match these filters') : ctx.loadStatus;
  }
  if (options.json) {
    ctx.json(listJson(entries));
  } else if (ctx.io.stdout.isTTY) {
    // People get a browsable list; pipes get one slug per line (`genz list | wc -l`).
    for (const { name, count } of categoryCounts(entries)) {
      ctx.out(categoryHeading(name, count, ctx.style));
      await inSlices(ctx, entries.filter((e) => e.category === name), (entry) => gistRow(entry, ctx.style, ctx.width));
      ctx.out('');
    }
  } else {
    await inSlices(ctx, entries, (entry) => sanitizeInline(entry.slug));
  }
  if (entries.length === 0) {
    return ctx.nothingFound('no entries match these filters');
  }
  return ctx.loadStatus;
}

export const registerList: Register = (program, context, setExit) => {
  program
    .command('list')
    .description('every term: grouped by category on a terminal, one slug per line when piped')
    .option('-c, --category <category>', 'only this category', parseCategory)
    .option('-t, --tag <tag>', 'only entries with this tag')
    .option('-w, --workplace <rating>', 'only this workplace rating (safe, casual, avoid)', parseRating)
    .addOption(program.createOption('--categories', 'list the categories with their counts').conflicts('tags'))
    .option('--tags', 'list the tags with their counts')
    .option('--json', 'print the list as JSON')
    .addHelpText('after', examples('genz list --category wellbeing --workplace safe', 'genz list | wc -l', 'genz list --categories'))
    .action(async (options: ListOptions) => setExit(await list(context(), options)));
};
