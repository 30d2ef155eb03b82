import type { Context } from '../context.ts';
import { type RelatedLink, relatedJson } from '../render/json.ts';
import { relatedLines } from '../render/related.ts';
import { excerpt } from '../render/sanitize.ts';
import { lookup } from '../search/lookup.ts';
import { examples, type Register } from './registry.ts';
import { queryOf } from './shared.ts';

export interface RelatedOptions {
  json?: boolean;
}

export async function related(ctx: Context, words: string[], options: RelatedOptions): Promise<number> {
  const query = queryOf(words, 'related', 'genz related quiet quitting');
  await ctx.prepare('entries');
  const { match, suggestions } = await lookup(ctx.index(), query);
  if (!match) {
    // As define: a document on a miss too, so a script reads the suggestions and the exit status.
    if (options.json) ctx.json(relatedJson(query, undefined, suggestions));
    const names = suggestions.map((s) => s.term);
    return ctx.nothingFound(`no entry for "${excerpt(query)}"`, names.length > 0 ? `did you mean: ${names.join(', ')}?` : undefined);
  }
  const glossary = ctx.glossary();
  const entry = match.entry;
  const describe = (slug: string, note: string): RelatedLink => {
    const other = glossary.get(slug);
    return { slug, term: other?.term ?? null, gist: other?.gist ?? null, note };
  };
  const outgoing = entry.related.map((link) => describe(link.slug, link.note));
  const incoming = glossary.entries.flatMap((other) =>
    other.slug === entry.slug ? [] : other.related.filter((link) => link.slug === entry.slug).map((link) => describe(other.slug, link.note)),
  );

  if (options.json) {
    ctx.json(relatedJson(query, { match, outgoing, incoming }, suggestions));
  } else {
    const lines = relatedLines(entry.term, outgoing, incoming, ctx.style, ctx.io.stdout.isTTY ? ctx.width : Number.POSITIVE_INFINITY);
    if (lines.length > 0) ctx.out(...lines);
  }
  if (outgoing.length === 0 && incoming.length === 0) {
    return ctx.nothingFound(`${entry.term} has no related entries`);
  }
  return ctx.loadStatus;
}

export const registerRelated: Register = (program, context, setExit) => {
  program
    .command('related')
    .description('entries this one links to, and entries that link to it, with how they relate')
    .argument('<term...>', 'the term')
    .option('--json', 'print the links as JSON')
    .addHelpText('after', examples('genz related quiet quitting', 'genz related rizz --json | jq -r ".outgoing[].slug"'))
    .action(async (words: string[], options: RelatedOptions) => setExit(await related(context(), words, options)));
};
