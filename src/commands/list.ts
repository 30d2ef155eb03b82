import { CATEGORIES, type Category, type Entry, type WorkplaceRating } from '../corpus/entry.ts';
import type { Context } from '../context.ts';
import { SCHEMA_VERSION } from '../render/json.ts';
import { sanitizeInline } from '../render/sanitize.ts';
import { examples, type Register } from './registry.ts';
import { gistRow, parseCategory, parseRating } from './shared.ts';

export interface ListOptions {
  json?: boolean;
  category?: Category;
  tag?: string;
  workplace?: WorkplaceRating;
  categories?: boolean;
}

function categoryCounts(entries: Entry[]): Array<{ name: string; count: number }> {
  return CATEGORIES.map((name) => ({ name, count: entries.filter((e) => e.category === name).length })).filter((c) => c.count > 0);
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
  if (options.categories) {
    const counts = categoryCounts(entries);
    if (options.json) ctx.json({ schemaVersion: SCHEMA_VERSION, command: 'list', categories: counts });
    else for (const c of counts) ctx.out(`${c.name}\t${c.count}`);
    return ctx.loadStatus;
  }
  if (options.json) {
    ctx.json({
      schemaVersion: SCHEMA_VERSION,
      command: 'list',
      count: entries.length,
      entries: entries.map((e) => ({ slug: e.slug, term: e.term, category: e.category, tags: e.tags, workplace: e.workplace, gist: e.gist })),
    });
  } else if (ctx.io.stdout.isTTY) {
    // People get a browsable list; pipes get one slug per line (`genz list | wc -l`).
    for (const { name, count } of categoryCounts(entries)) {
      ctx.out(`${ctx.style.heading(name.toUpperCase())} (${count})`);
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
    .option('--categories', 'list the categories with their counts')
    .option('--json', 'print the list as JSON')
    .addHelpText('after', examples('genz list --category wellbeing --workplace safe', 'genz list | wc -l', 'genz list --categories'))
    .action(async (options: ListOptions) => setExit(await list(context(), options)));
};
