import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import { explainJson, highlight, type TermFound, termRows } from '../render/explain.ts';
import { renderInSlices } from '../render/slices.ts';
import { examples, type Register } from './registry.ts';
import { drive } from '../text/steps.ts';

export interface ExplainOptions {
  json?: boolean;
}

/** Longer messages (in UTF-8 bytes) are refused, and standard input is not read past this. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

function tooLong(size: string): UsageError {
  return new UsageError(
    `the message is ${size}; explain reads at most ${MAX_MESSAGE_BYTES} bytes (1 MiB)`,
    'split it into smaller parts',
  );
}

async function messageText(ctx: Context, words: string[]): Promise<string> {
  const fromStdin = words.length === 0 || (words.length === 1 && words[0] === '-');
  if (!fromStdin) {
    const text = words.join(' ');
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > MAX_MESSAGE_BYTES) throw tooLong(`${bytes} bytes`);
    return text;
  }
  if (ctx.io.stdin.isTTY) {
    throw new UsageError('explain needs a message', 'pass it as arguments, or pipe it in: pbpaste | genz explain');
  }
  let text: string | undefined;
  try {
    text = await ctx.io.stdin.readAll(MAX_MESSAGE_BYTES);
  } catch (error) {
    // fd 0 open for writing only, a directory, a device that fails: one line, not a crash.
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read standard input${code ? ` (${code})` : ''}`);
  }
  if (text === undefined) throw tooLong('more than that on standard input');
  return text;
}

export async function explain(ctx: Context, words: string[], options: ExplainOptions): Promise<number> {
  const text = await messageText(ctx, words);
  if (text.trim() === '') throw new UsageError('the message is empty', 'try: genz explain "that deck ate, no cap"');
  await ctx.prepare('check');
  const index = ctx.explainIndex();
  const hits = ctx.io.pause ? await drive(index.explainSteps(text), ctx.io.pause, ctx.io.clock ?? Date.now) : index.explain(text);

  // Each term once, in order of first appearance; certain if any of its uses is.
  const terms = new Map<string, TermFound>();
  for (const hit of hits) {
    const seen = terms.get(hit.slug);
    if (!seen) terms.set(hit.slug, { certainty: hit.certainty, count: 1 });
    else {
      seen.count++;
      if (hit.certainty === 'certain') seen.certainty = 'certain';
    }
  }
  const brief = (slug: string) => ctx.brief(slug)!;

  if (options.json) {
    ctx.json(explainJson(text, hits, terms, brief));
  } else if (hits.length > 0) {
    // Wrapped to the terminal; piped, the message keeps its own lines.
    const width = ctx.io.stdout.isTTY === true ? ctx.width : undefined;
    ctx.out(await renderInSlices(text.trimEnd(), hits, width === undefined, ctx.io.pause, (slice, inside) => highlight(slice, inside, width, ctx.style)));
    ctx.out('');
    for (const row of termRows(terms, brief, ctx.style, width)) ctx.out(row);
  }
  if (hits.length === 0) {
    return ctx.nothingFound('no glossary terms found in the message');
  }
  return ctx.loadStatus;
}

export const registerExplain: Register = (program, context, setExit) => {
  program
    .command('explain')
    .description('find every slang term in a message and explain each one')
    .argument('[text...]', 'the message; read from standard input when absent or "-"')
    .option('--json', 'print each hit with its offsets (in code points), certainty and gist')
    .addHelpText(
      'after',
      examples('genz explain "that deck ate, no cap"', 'genz explain < standup-notes.txt', 'genz explain - --json < message.txt'),
    )
    .action(async (words: string[], options: ExplainOptions) => setExit(await explain(context(), words, options)));
};
