import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import { SCHEMA_VERSION } from '../render/json.ts';
import { sanitizeBlock, sanitizeInline } from '../render/sanitize.ts';
import { hang, wrapWords } from '../render/wrap.ts';
import { type Certainty, codePointCounter, type Hit } from '../search/explain.ts';
import { examples, type Register } from './registry.ts';
import { renderInSlices } from './slices.ts';
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

// Private-use markers stand in for the brackets while the message is wrapped, one
// character per printed column, so a hit is never split and styles go on after wrapping.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const OPEN_POSSIBLE = '\uE002';
const CLOSE_POSSIBLE = '\uE003\uE003'; // prints as "?]"
const INNER_SPACE = '\uE004';
const MARKERS = /[\uE000-\uE004]/g;

/** The message with each hit bracketed and styled: [no cap], and [mid?] for a possible one. */
function highlight(ctx: Context, text: string, hits: Hit[], width: number | undefined): string {
  const plain = (s: string) => sanitizeBlock(s.replace(MARKERS, '\uFFFD'));
  let marked = '';
  let at = 0;
  for (const hit of hits) {
    marked += plain(text.slice(at, hit.start));
    const word = sanitizeInline(hit.text.replace(MARKERS, '\uFFFD')).replace(/ /g, INNER_SPACE);
    marked += hit.certainty === 'certain' ? OPEN + word + CLOSE : OPEN_POSSIBLE + word + CLOSE_POSSIBLE;
    at = hit.end;
  }
  marked += plain(text.slice(at));
  const lines = marked.split('\n').flatMap((line) => (width === undefined ? [line] : wrapWords(line, width)));
  const style = ctx.style;
  return lines
    .join('\n')
    .replace(/\uE000([^\uE001]*)\uE001/g, (_, word: string) => style.match(`[${word}]`))
    .replace(/\uE002([^\uE003]*)\uE003\uE003/g, (_, word: string) => style.possible(`[${word}?]`))
    .replace(/\uE004/g, ' ');
}

export async function explain(ctx: Context, words: string[], options: ExplainOptions): Promise<number> {
  const text = await messageText(ctx, words);
  if (text.trim() === '') throw new UsageError('the message is empty', 'try: genz explain "that deck ate, no cap"');
  await ctx.prepare('check');
  const index = ctx.explainIndex();
  const hits = ctx.io.pause ? await drive(index.explainSteps(text), ctx.io.pause, ctx.io.clock ?? Date.now) : index.explain(text);

  // Each term once, in order of first appearance; certain if any of its uses is.
  const terms = new Map<string, { certainty: Certainty; count: number }>();
  for (const hit of hits) {
    const seen = terms.get(hit.slug);
    if (!seen) terms.set(hit.slug, { certainty: hit.certainty, count: 1 });
    else {
      seen.count++;
      if (hit.certainty === 'certain') seen.certainty = 'certain';
    }
  }

  if (options.json) {
    const offset = codePointCounter(text);
    ctx.json({
      schemaVersion: SCHEMA_VERSION,
      command: 'explain',
      hits: hits.map((hit) => {
        const entry = ctx.brief(hit.slug)!;
        return {
          start: offset(hit.start),
          end: offset(hit.end),
          text: hit.text,
          slug: hit.slug,
          term: entry.term,
          certainty: hit.certainty,
          gist: entry.gist,
        };
      }),
      terms: [...terms].map(([slug, { certainty, count }]) => {
        const entry = ctx.brief(slug)!;
        return { slug, term: entry.term, certainty, count, gist: entry.gist };
      }),
    });
  } else if (hits.length > 0) {
    const tty = ctx.io.stdout.isTTY === true;
    // Wrapped to the terminal; piped, the message keeps its own lines.
    const width = tty ? ctx.width : undefined;
    ctx.out(await renderInSlices(text.trimEnd(), hits, width === undefined, ctx.io.pause, (slice, inside) => highlight(ctx, slice, inside, width)));
    ctx.out('');
    for (const [slug, { certainty }] of terms) {
      const entry = ctx.brief(slug)!;
      const name = sanitizeInline(entry.term) + (certainty === 'possible' ? ' (possible)' : '');
      const gist = sanitizeInline(entry.gist);
      ctx.out(tty ? hang(`${name} — `, `${ctx.style.strong(name)} — `, gist, ctx.width, '', '    ').join('\n') : `${name} — ${gist}`);
    }
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
