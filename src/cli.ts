/**
 * The command line: commander wiring, errors → exit codes. The only layer that decides what
 * reaches stdout and stderr; `run` takes the I/O as an argument so tests drive the whole
 * program in-process.
 */
import { Command, CommanderError } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { COMMANDS } from './commands/index.ts';
import { Context, type GlobalOptions } from './context.ts';
import { positiveInt } from './commands/numbers.ts';
import { examples } from './commands/registry.ts';
import { EXIT } from './errors.ts';
import { fastRoute, reportFailure, runRoute } from './fast.ts';
import type { Io } from './io.ts';
import { wrapWords } from './render/wrap.ts';
import { excerpt } from './render/sanitize.ts';
import { nearest } from './text/distance.ts';
import { type Lookupable, lookup } from './search/lookup.ts';

export interface RunOptions {
  /** Compiled built-in glossary to use instead of the one beside the code (tests). */
  builtinPath?: string;
  /** Parse everything with commander, even what fast.ts would take (tests). */
  noFastPath?: boolean;
}

export const VERSION: string = pkg.version;

/**
 * The commands `genz` alone lists, most useful first. Commands not registered are skipped,
 * so a name can be added here before or after its module lands.
 */
const COMMON_COMMANDS = ['define', 'search', 'explain', 'today', 'random', 'list', 'related', 'quiz', 'validate'];

function usageOf(command: Command): string {
  const args = command.registeredArguments.map((arg) => {
    // "<term>" rather than "<term...>": the short help is for people, the details are in --help.
    return arg.required ? `<${arg.name()}>` : `[${arg.name()}]`;
  });
  return ['genz', command.name(), ...args].join(' ');
}

/** What `genz` alone prints: the common commands, from their own descriptions. */
function shortHelp(program: Command): string {
  const rows = COMMON_COMMANDS.flatMap((name) => {
    const command = program.commands.find((c) => c.name() === name);
    return command ? [[usageOf(command), command.summary() || command.description()] as const] : [];
  });
  const pad = Math.max(...rows.map(([usage]) => usage.length)) + 2;
  return [
    'genz — Gen Z workplace slang, explained in your terminal',
    '',
    'Usage: genz <command> [options]',
    '',
    'Common commands:',
    ...rows.flatMap(([usage, summary]) =>
      wrapWords(summary, 80 - 2 - pad).map((line, i) => `  ${(i === 0 ? usage : '').padEnd(pad)}${line}`),
    ),
    '',
    'Run "genz <command> --help" for its options and examples,',
    '"genz --help" for everything, "man genz" for the manual.',
    'Example: genz define micro-influencer',
    '',
  ].join('\n');
}

function helpWidth(stream: Io['stdout'], env: Io['env']): number {
  if (stream.isTTY && stream.columns) return stream.columns;
  const columns = Number.parseInt(env['COLUMNS'] ?? '', 10);
  return columns > 0 ? columns : 80;
}

function buildProgram(io: Io, makeContext: (global: GlobalOptions) => Context, setExit: (code: number) => void): Command {
  const program = new Command('genz');
  program
    .description('A terminal glossary of Gen Z workplace slang.')
    .version(VERSION, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--data <dir>', 'also load term files from <dir> (repeatable; first wins)', (dir: string, dirs: string[]) => [...dirs, dir], [])
    .option('--no-builtin', 'leave the built-in glossary out')
    .option('--no-color', 'never colour the output')
    .option('--width <columns>', 'wrap text to this many columns', positiveInt)
    .option('--no-pager', 'never page long output (default pager: $GENZ_PAGER, $PAGER, less -FRX)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {},
      // Commander would ask process.stdout; the Io is the only window on the terminal.
      // The same rule as for entries: the terminal's width, else COLUMNS, else 80.
      getOutHelpWidth: () => helpWidth(io.stdout, io.env),
      getErrHelpWidth: () => helpWidth(io.stderr, io.env),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .addHelpText('after', examples('genz define micro-influencer', 'genz define no cap --json | jq .entry.gist'));

  const context = () => makeContext(program.opts<GlobalOptions>());

  for (const register of COMMANDS) register(program, context, setExit);

  return program;
}

/** The words after the global options: the unknown command and what followed it. */
function operands(argv: string[], program: Command): string[] {
  const takesValue = new Set(program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]));
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (takesValue.has(arg)) i++;
    else if (!arg.startsWith('-')) words.push(arg);
  }
  return words;
}

/**
 * The hint for an unknown command: a glossary term (typed as `genz rizz` or
 * `genz quiet quitting`) suggests `genz define …`, a near-miss suggests the command. It only
 * suggests: running something other than what was typed is the user's call.
 */
async function unknownCommandHint(words: string[], ctx: () => Context, commandNames: string[]): Promise<string> {
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
function termAsOptionHint(message: string, command: string | undefined, ctx: () => Context): string | undefined {
  const option = /'([^']+)'/.exec(message)?.[1];
  if (!option || !command || !['define', 'search', 'explain', 'related'].includes(command)) return undefined;
  try {
    if (ctx().index().exact(option)?.matched === option) return `to look up "${option}", put -- before it: genz ${command} -- ${option}`;
  } catch {
    // the glossary could not load: the general hint will do
  }
  return undefined;
}

async function commanderFailure(error: CommanderError, argv: string[], ctx: () => Context, program: Command): Promise<number> {
  if (error.exitCode === 0) return EXIT.ok; // --help, --version
  const message = excerpt(error.message.replace(/^error: /, ''), 300);
  if (error.code === 'commander.unknownCommand') {
    const words = operands(argv, program);
    const commandNames = program.commands.map((c) => c.name());
    ctx().error(`unknown command "${excerpt(words[0] ?? '')}"`, await unknownCommandHint(words, ctx, commandNames));
  } else if (error.code === 'commander.unknownOption') {
    ctx().error(message, termAsOptionHint(error.message, operands(argv, program)[0], ctx) ?? 'run "genz --help" for usage');
  } else {
    ctx().error(message, 'run "genz --help" for usage');
  }
  return EXIT.usage;
}

export async function run(argv: string[], io: Io, options: RunOptions = {}): Promise<number> {
  const route = options.noFastPath ? undefined : fastRoute(argv);
  if (route) return runRoute(route, io, options.builtinPath);
  let exitCode: number = EXIT.ok;
  let lastContext: Context | undefined;
  const makeContext = (global: GlobalOptions) => {
    lastContext = new Context(io, global, options.builtinPath);
    return lastContext;
  };
  const program = buildProgram(io, makeContext, (code) => {
    exitCode = code;
  });
  const fallbackContext = () => lastContext ?? makeContext({ data: [], color: true, builtin: true });
  if (argv.length === 0) {
    io.stdout.write(shortHelp(program));
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return await commanderFailure(error, argv, fallbackContext, program);
    return reportFailure(error, fallbackContext(), io);
  }
}
