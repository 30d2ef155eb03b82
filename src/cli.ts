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
import { commanderFailure, helpForUnknown } from './usage.ts';

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
    // No default value: commander would print "(default: [])" in --help and the man page.
    .option('--data <dir>', 'also load term files from <dir> (repeatable; first wins)', (dir: string, dirs: string[] = []) => [...dirs, dir])
    .option('--no-builtin', 'leave the built-in glossary out')
    .option('--no-color', 'never colour the output')
    .option('--width <columns>', 'wrap text to this many columns', positiveInt)
    .option('--no-pager', 'never page long output (default pager: $GENZ_PAGER, $PAGER, less -FRX)')
    .option('-q, --quiet', 'no warnings on stderr (a broken term file still gives exit 3)')
    .configureHelp({ showGlobalOptions: true })
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

  const context = () => {
    const { data = [], ...global } = program.opts<Partial<GlobalOptions>>();
    return makeContext({ color: true, builtin: true, ...global, data });
  };

  for (const register of COMMANDS) register(program, context, setExit);

  return program;
}

/** Commands whose output can be long: on a terminal it goes through the pager, as define's does. */
const PAGED = new Set(['define', 'search', 'explain', 'list', 'related', 'random', 'today', 'validate', 'paths']);

export async function run(argv: string[], io: Io, options: RunOptions = {}): Promise<number> {
  const route = options.noFastPath ? undefined : fastRoute(argv);
  if (route) return runRoute(route, io, options.builtinPath);
  let exitCode: number = EXIT.ok;
  let command: string | undefined;
  const contexts: Context[] = [];
  const makeContext = (global: GlobalOptions) => {
    const ctx = new Context(io, global, options.builtinPath);
    if (command && PAGED.has(command)) ctx.holdOutput();
    contexts.push(ctx);
    return ctx;
  };
  const program = buildProgram(io, makeContext, (code) => {
    exitCode = code;
  });
  program.hook('preAction', (_program, action) => {
    command = action.name();
  });
  const fallbackContext = () => contexts.at(-1) ?? makeContext({ data: [], color: true, builtin: true });
  if (argv.length === 0) {
    io.stdout.write(shortHelp(program));
    return EXIT.ok;
  }
  try {
    const unknownHelp = await helpForUnknown(argv, fallbackContext, program);
    if (unknownHelp !== undefined) return unknownHelp;
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return await commanderFailure(error, argv, fallbackContext, program);
    return reportFailure(error, fallbackContext(), io, command);
  } finally {
    for (const ctx of contexts) await ctx.flushOutput();
  }
}
