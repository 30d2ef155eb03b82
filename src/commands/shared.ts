/** Small pieces several commands share: option parsing and reading queries. */
import { CATEGORIES, type Category, WORKPLACE_RATINGS, type WorkplaceRating } from '../corpus/entry.ts';
import type { Context } from '../context.ts';
import { UsageError } from '../errors.ts';
import { nearest } from '../text/distance.ts';

/**
 * Commander's InvalidArgumentError by its documented shape (commander reports any error with
 * this code as a bad option value). Not imported, so the commands' modules load without
 * commander: the fast path (src/fast.ts) answers common commands without it.
 */
export class InvalidArgumentError extends Error {
  readonly code = 'commander.invalidArgument';
  readonly exitCode = 1;
}

function oneOf<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T => {
    if ((allowed as readonly string[]).includes(value)) return value as T;
    const [guess] = nearest(value, allowed);
    throw new InvalidArgumentError(`not a ${what}${guess ? ` (did you mean "${guess}"?)` : ''}; one of: ${allowed.join(', ')}`);
  };
}

export const parseCategory = oneOf<Category>(CATEGORIES, 'category');
export const parseRating = oneOf<WorkplaceRating>(WORKPLACE_RATINGS, 'workplace rating');

/** Longest query `define`, `related` and `search` take: far beyond any term, short of slow. */
export const MAX_QUERY_CHARS = 1000;

/** The words of a query joined; a usage error when there are none or far too many. */
export function queryOf(words: string[], command: string, example: string): string {
  const query = words.join(' ').trim();
  if (query === '') throw new UsageError(`${command} needs ${command === 'search' ? 'some words' : 'a term'}`, `try "${example}"`);
  if (query.length > MAX_QUERY_CHARS) {
    throw new UsageError(`the query is ${query.length} characters; ${command} takes at most ${MAX_QUERY_CHARS}`);
  }
  return query;
}

/**
 * The words of a query given as "-": standard input, read whole (`echo rizz | genz define -`).
 * A terminal is not read, so genz never sits waiting for a term nobody is typing.
 */
export async function stdinWords(ctx: Context, command: string): Promise<string[]> {
  if (ctx.io.stdin.isTTY) throw new UsageError(`${command} - reads the term from standard input`, `pipe it in: echo rizz | genz ${command} -`);
  const text = await ctx.io.stdin.readAll(MAX_QUERY_CHARS * 4);
  if (text === undefined) throw new UsageError(`the query on standard input is too long; ${command} takes at most ${MAX_QUERY_CHARS} characters`);
  return text.split(/\s+/).filter(Boolean);
}
