/**
 * The fast path: `define`, `search` and `explain` in their plain forms run without loading
 * commander and the other commands (about a third of start-up time). An argument list is
 * taken here only when every word in it is understood; anything else (help, other flags,
 * `--opt=value`, a global option after the command, a bad value) goes to commander
 * (cli.ts), which gives the same answer and the usual errors. test/fast.test.ts holds
 * the two paths to the same output.
 */
import { Context, type GlobalOptions } from './context.ts';
import { define } from './commands/define.ts';
import { explain } from './commands/explain.ts';
import { search } from './commands/search.ts';
import { EXIT, GenzError } from './errors.ts';
import type { Io } from './io.ts';
import { excerpt, sanitizeBlock, sanitizeInline } from './render/sanitize.ts';

export interface FastRoute {
  command: 'define' | 'search' | 'explain';
  global: GlobalOptions;
  words: string[];
  json: boolean;
}

const COMMANDS = new Set(['define', 'search', 'explain']);

/** The route for argv, or undefined when commander should parse it. */
export function fastRoute(argv: string[]): FastRoute | undefined {
  const global: GlobalOptions = { data: [], color: true, builtin: true };
  let i = 0;
  for (; i < argv.length && argv[i]!.startsWith('-'); i++) {
    const arg = argv[i]!;
    const value = argv[i + 1];
    if (arg === '--no-color') global.color = false;
    else if (arg === '--quiet' || arg === '-q') global.quiet = true;
    else if (arg === '--no-builtin') global.builtin = false;
    else if (arg === '--data' && value !== undefined && !value.startsWith('-')) global.data.push(argv[++i]!);
    else if (arg === '--width' && value !== undefined && /^[1-9][0-9]{0,5}$/.test(value)) global.width = Number(argv[++i]);
    else return undefined;
  }
  const command = argv[i];
  if (!command || !COMMANDS.has(command)) return undefined;
  const words: string[] = [];
  let json = false;
  for (const arg of argv.slice(i + 1)) {
    if (arg === '--json') json = true;
    else if (arg === '-' && (command === 'explain' || command === 'define')) words.push(arg); // "-": standard input
    else if (arg.startsWith('-')) return undefined;
    else words.push(arg);
  }
  if (words.length === 0 && command !== 'explain') return undefined; // commander: missing argument
  return { command: command as FastRoute['command'], global, words, json };
}

/** Runs a fast route; the errors are reported as cli.ts reports them. */
export async function runRoute(route: FastRoute, io: Io, builtinPath?: string): Promise<number> {
  const ctx = new Context(io, route.global, builtinPath);
  const options = route.json ? { json: true } : {};
  ctx.holdOutput(); // long output is paged on a terminal, as cli.ts does for these commands
  try {
    if (route.command === 'define') return await define(ctx, route.words, options);
    if (route.command === 'search') return await search(ctx, route.words, options);
    return await explain(ctx, route.words, options);
  } catch (error) {
    return reportFailure(error, ctx, io, route.command);
  } finally {
    await ctx.flushOutput();
  }
}

/**
 * The one place a failure becomes a message and an exit code (cli.ts uses it too). A usage
 * error without a hint of its own points to the command's help.
 */
export function reportFailure(error: unknown, ctx: Context, io: Io, command?: string): number {
  if (error instanceof GenzError) {
    const helpHint = error.exitCode === EXIT.usage && command ? `run "genz ${command} --help" for usage` : undefined;
    ctx.error(error.message, error.hint ?? helpHint);
    return error.exitCode;
  }
  io.stderr.write(`genz: internal error: ${excerpt(sanitizeInline(String((error as Error)?.message ?? error)), 300)}\n`);
  if (io.env['GENZ_DEBUG'] === '1') io.stderr.write(`${sanitizeBlock((error as Error)?.stack ?? '')}\n`);
  else io.stderr.write('hint: run again with GENZ_DEBUG=1 for the stack trace, and please report it\n');
  return EXIT.internal;
}
