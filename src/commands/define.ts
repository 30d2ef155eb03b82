import type { Context } from '../context.ts';
import { renderBrief, renderEntry, SECTIONS } from '../render/entry.ts';
import { defineJson } from '../render/json.ts';
import { excerpt } from '../render/sanitize.ts';
import { lookup } from '../search/lookup.ts';
import { examples, type Register } from './registry.ts';
import { collect, parseSections } from './sections.ts';
import { queryOf, stdinWords } from './shared.ts';

export interface DefineOptions {
  json?: boolean;
  brief?: boolean;
  /** Raw --section values, split at commas. */
  section?: string[];
}

export async function define(ctx: Context, words: string[], options: DefineOptions): Promise<number> {
  const given = words.length === 1 && words[0] === '-' ? await stdinWords(ctx, 'define') : words;
  const query = queryOf(given, 'define', 'genz define micro-influencer');
  // Checked before the lookup, so a typo in a section name is reported even for a miss.
  const sections = options.section ? parseSections(options.section) : undefined;
  await ctx.prepare('open');
  const { match, suggestions, shared } = await lookup(ctx.index(), query);
  if (options.json) ctx.json(defineJson(query, match, suggestions, ctx.termOf));
  if (!match) {
    const names = suggestions.map((s) => s.term);
    if (shared) return ctx.nothingFound(`"${excerpt(query)}" is a word of several entries: ${names.join(', ')}`, `genz define ${names[0]}`);
    return ctx.nothingFound(
      `no entry for "${excerpt(query)}"`,
      names.length > 0 ? `did you mean: ${names.join(', ')}?` : 'try "genz search <words>" to look inside definitions',
    );
  }
  // A guess says so, on stderr: stdout stays the entry, for scripts.
  if (match.type === 'fuzzy') ctx.note(`showing "${match.entry.term}", the closest match to "${excerpt(query)}"`);
  if (match.type === 'phrase') ctx.note(`showing "${match.entry.term}", the term in "${excerpt(query)}"`);
  if (options.brief) ctx.out(renderBrief(match.entry, ctx.style));
  else if (!options.json) {
    await ctx.page(renderEntry(match.entry, { style: ctx.style, width: ctx.width, termOf: ctx.termOf, ...(sections ? { sections } : {}) }));
  }
  return ctx.loadStatus;
}

export const registerDefine: Register = (program, context, setExit) => {
  program
    .command('define')
    .description('print the full entry of the best match for a term')
    .argument('<term...>', 'the term; words are joined, so quotes are optional; "-" reads it from standard input')
    .addOption(
      // program.createOption, not `new Option`: this module must load without commander (fast.ts).
      program.createOption('-s, --section <names>', `print only these sections (comma-separated or repeated): ${SECTIONS.join(', ')}`)
        .argParser(collect)
        .conflicts(['json', 'brief']),
    )
    .addOption(program.createOption('--brief', 'print one line, "term — gist", for scripts and chat').conflicts('json'))
    .option('--json', 'print one JSON document (schema/output.schema.json)')
    .addHelpText(
      'after',
      examples('genz define micro-influencer', 'genz define no cap --section meaning,faq', 'genz define rizz --brief'),
    )
    .action(async (words: string[], options: DefineOptions) => setExit(await define(context(), words, options)));
};
