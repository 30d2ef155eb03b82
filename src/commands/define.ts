import { examples, type Register } from './registry.ts';
import type { Context } from '../context.ts';
import { EXIT } from '../errors.ts';
import { renderEntry } from '../render/entry.ts';
import { defineJson } from '../render/json.ts';
import { excerpt } from '../render/sanitize.ts';
import { lookup } from '../search/lookup.ts';
import { queryOf } from './shared.ts';

export interface DefineOptions {
  json?: boolean;
}

export async function define(ctx: Context, words: string[], options: DefineOptions): Promise<number> {
  const query = queryOf(words, 'define', 'genz define micro-influencer');
  const { match, suggestions } = await lookup(ctx.index(), query);
  if (options.json) ctx.json(defineJson(query, match, suggestions, ctx.termOf));
  if (!match) {
    const names = suggestions.map((s) => s.term);
    ctx.error(
      `no entry for "${excerpt(query)}"`,
      names.length > 0 ? `did you mean: ${names.join(', ')}?` : 'try "genz search <words>" to look inside definitions',
    );
    return ctx.loadStatus || EXIT.notFound;
  }
  if (!options.json) ctx.out(renderEntry(match.entry, { style: ctx.style, width: ctx.width, termOf: ctx.termOf }));
  return ctx.loadStatus;
}

export const registerDefine: Register = (program, context, setExit) => {
  program
    .command('define')
    .description('print the full entry of the best match for a term')
    .argument('<term...>', 'the term; words are joined, so quotes are optional')
    .option('--json', 'print one JSON document (schema/output.schema.json)')
    .addHelpText('after', examples('genz define micro-influencer', 'genz define its giving', 'genz define rizz --json'))
    .action(async (words: string[], options: DefineOptions) => setExit(await define(context(), words, options)));
};
