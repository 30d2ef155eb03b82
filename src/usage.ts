/**
 * Usage errors from the command line, in genz's words: commander finds them, this file says
 * them ("--limit "0": must be …", not "option '-n, --limit <n>' argument '0' is invalid"),
 * with a hint that points to the command's own help.
 */
import type { Command, CommanderError } from 'commander';
import type { Context } from './context.ts';
import { EXIT } from './errors.ts';
import { excerpt } from './render/sanitize.ts';
import { type Lookupable, lookup } from './search/lookup.ts';
import { nearest } from './text/distance.ts';

/** The words after the options: the command (or what was typed for one) and its operands. */
export function operands(argv: string[], program: Command): string[] {
  const takesValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]));
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') return [...words, ...argv.slice(i + 1)];
    if (takesValue.has(arg)) i++;
    else if (!arg.startsWith('-') || arg === '-') words.push(arg);
  }
  return words;
}

/** The command named by `name`, aliases included. */
export function findCommand(program: Command, name: string | undefined): Command | undefined {
  return program.commands.find((c) => c.name() === name || c.aliases().includes(name ?? ''));
}

/** Where to read more: the command's own help when there is a command, else the program's. */
export function helpHint(command: string | undefined): string {
  return command ? `run "genz ${command} --help" for usage` : 'run "genz --help" for usage';
}

/**
 * The hint for an unknown command: a glossary term (typed as `genz rizz` or
 * `genz quiet quitting`) suggests `genz define …`, a near-miss suggests the command. It only
 * suggests: running something other than what was typed is the user's call.
 */
export async function unknownCommandHint(words: string[], ctx: () => Context, commandNames: string[]): Promise<string> {
  const phrase = words.join(' ');
  const defineHint = `to look it up, run: genz define ${phrase}`;
  let index: Lookupable | undefined;
  try {
    index = ctx().index();
  } catch {
    // the glossary could not load; the other hints will do
  }
  if (index?.exact(phrase)) return defineHint;
  const [command] = nearest(words[0] ?? '', commandNames);
  if (command) return `did you mean "genz ${command}"?`;
  if (index && (await lookup(index, phrase)).match) return defineHint;
  return 'run "genz --help" to see the commands';
}

/** A term that starts with a dash ("-core") reads as an option: say how to look it up. */
function termAsOptionHint(option: string, command: string | undefined, ctx: () => Context): string | undefined {
  if (!command || !['define', 'search', 'explain', 'related'].includes(command)) return undefined;
  try {
    if (ctx().index().exact(option)?.matched === option) return `to look up "${option}", put -- before it: genz ${command} -- ${option}`;
  } catch {
    // the glossary could not load: the general hint will do
  }
  return undefined;
}

/** "-n, --limit <n>" → "--limit": the name people type. */
const optionName = (flags: string) => /--[\w-]+/.exec(flags)?.[0] ?? flags.split(/[ ,]/)[0]!;

type Reworded = { message: string; hint?: string };

/** Commander's message for each kind of usage error, and genz's for it. */
const REWORDINGS: Array<[RegExp, (m: string[], command: string | undefined) => Reworded]> = [
  [
    /^option '(.+?)' argument '(.*)' is invalid\. (?:Allowed choices are (.*)\.|(.*))$/s,
    (m) => ({ message: `${optionName(m[1]!)} "${excerpt(m[2]!)}": ${m[3] !== undefined ? `not one of: ${m[3]}` : m[4]}` }),
  ],
  [/^missing required argument '(.+)'$/, (m, command) => ({ message: `${command ?? 'genz'} needs a ${m[1]}` })],
  [/^option '(.+)' argument missing$/, (m) => ({ message: `${optionName(m[1]!)} needs a value: ${m[1]!.replace(/^.*, /, '')}` })],
  [/^option '(.+?)' cannot be used with option '(.+)'$/, (m) => ({ message: `${optionName(m[1]!)} cannot be used with ${optionName(m[2]!)}` })],
  [
    /^unknown option '(.+?)'(?:\n\(Did you mean (.+)\?\))?$/s,
    (m) => ({ message: `unknown option "${excerpt(m[1]!)}"`, ...(m[2] ? { hint: `did you mean ${m[2]}?` } : {}) }),
  ],
  [
    /^too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m, command) => {
      const takes = m[2] === '0' ? 'takes no arguments' : m[2] === '1' ? 'takes one argument' : `takes ${m[2]} arguments`;
      return { message: `${m[1] ?? command ?? 'genz'} ${takes} (got ${m[3]})` };
    },
  ],
];

/** Commander's message rewritten in genz's words (any other is kept, without its "error: "). */
export function reword(error: CommanderError, command: string | undefined): Reworded {
  const text = error.message.replace(/^error: /, '');
  for (const [pattern, say] of REWORDINGS) {
    const m = pattern.exec(text);
    if (m) return say([...m], command);
  }
  return { message: excerpt(text, 300) };
}

/** A usage error commander found: one line, a hint, exit 2 (0 for --help and --version). */
export async function commanderFailure(error: CommanderError, argv: string[], ctx: () => Context, program: Command): Promise<number> {
  if (error.exitCode === 0) return EXIT.ok; // --help, --version
  const words = operands(argv, program);
  const command = findCommand(program, words[0]) ? words[0] : undefined;
  if (error.code === 'commander.unknownCommand') {
    const commandNames = program.commands.map((c) => c.name());
    ctx().error(`unknown command "${excerpt(words[0] ?? '')}"`, await unknownCommandHint(words, ctx, commandNames));
    return EXIT.usage;
  }
  const { message, hint } = reword(error, command);
  const option = /^unknown option '(.+?)'/.exec(error.message.replace(/^error: /, ''))?.[1];
  const asTerm = option ? termAsOptionHint(option, command, ctx) : undefined;
  ctx().error(message, asTerm ?? hint ?? helpHint(command));
  return EXIT.usage;
}

/** `genz help <name>` for a name that is no command: one line and a hint, not the whole help. */
export async function helpForUnknown(argv: string[], ctx: () => Context, program: Command): Promise<number | undefined> {
  const [first, name, ...rest] = operands(argv, program);
  if (first !== 'help' || name === undefined || findCommand(program, name)) return undefined;
  const commandNames = program.commands.map((c) => c.name());
  ctx().error(`unknown command "${excerpt(name)}"`, await unknownCommandHint([name, ...rest], ctx, commandNames));
  return EXIT.usage;
}
