import type { Category } from '../corpus/entry.ts';
import type { Context } from '../context.ts';
import { searchJson } from '../render/json.ts';
import { searchRow } from '../render/rows.ts';
import { excerpt } from '../render/sanitize.ts';
import { examples, type Register } from './registry.ts';
import { parseCount } from './numbers.ts';
import { parseCategory, queryOf } from './shared.ts';

export interface SearchOptions {
  json?: boolean;
  limit?: number;
  category?: Category;
}

export async function search(ctx: Context, words: string[], options: SearchOptions): Promise<number> {
  const query = queryOf(words, 'search', 'genz search pretend to work');
  await ctx.prepare('check');
  const index = ctx.searchIndex();
  const allow = options.category ? (slug: string) => ctx.brief(slug)?.category === options.category : undefined;
  const hits = index.search(query, options.limit ?? 10, allow);
  const rows = hits.map((hit) => ({ hit, entry: ctx.brief(hit.slug)! }));
  if (options.json) {
    ctx.json(searchJson(query, rows));
  } else if (rows.length > 0) {
    const width = ctx.io.stdout.isTTY === true ? ctx.width : undefined;
    for (const { hit, entry } of rows) ctx.out(searchRow(entry, hit.matchedIn, ctx.style, width));
  }
  if (rows.length === 0) {
    return ctx.nothingFound(`nothing matches "${excerpt(query)}"`, 'try fewer or other words, or "genz list" to see every term');
  }
  return ctx.loadStatus;
}

export const registerSearch: Register = (program, context, setExit) => {
  program
    .command('search')
    .description('ranked entries matching words in terms, aliases, synonyms, tags and definitions')
    .argument('<query...>', 'words to look for')
    .option('-n, --limit <n>', 'at most this many results (default 10)', parseCount)
    .option('-c, --category <category>', 'only entries of this category', parseCategory)
    .option('--json', 'print the results as JSON, with scores')
    .addHelpText('after', examples('genz search pretend to work', 'genz search influencer --limit 3', 'genz search money --category career-money --json'))
    .action(async (words: string[], options: SearchOptions) => setExit(await search(context(), words, options)));
};
