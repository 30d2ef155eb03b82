/**
 * The command line: commander wiring, errors → exit codes. The only layer that decides what
 * reaches stdout and stderr; `run` takes the I/O as an argument so tests drive the whole
 * program in-process.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import pkg from '../package.json' with { type: 'json' };
import { COMMANDS } from './commands/index.ts';
import { Context, type GlobalOptions } from './context.ts';
import { examples } from './commands/registry.ts';
import { EXIT, GenzError } from './errors.ts';
import type { Io } from './io.ts';
import { excerpt, sanitizeBlock, sanitizeInline } from './render/sanitize.ts';
import { nearest } from './search/distance.ts';

export interface RunOptions {
  /** Compiled built-in glossary to use instead of the one beside the code (tests). */
  builtinPath?: string;
}

export const VERSION: string = pkg.version;

const SHORT_HELP = `genz — Gen Z workplace slang, explained in your terminal

Usage: genz <command> [options]

Common commands:
  genz define <term>       the full entry: meaning, origin, dialogues, FAQ
  genz validate [path...]  check term files

Run "genz <command> --help" for a command's options, "genz --help" for everything.
Example: genz define micro-influencer
`;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number above 0');
  return n;
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
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {},
    })
    .addHelpText('after', examples('genz define micro-influencer', 'genz define no cap --json | jq .entry.gist'));

  const context = () => makeContext(program.opts<GlobalOptions>());

  for (const register of COMMANDS) register(program, context, setExit);

  return program;
}

function commanderFailure(error: CommanderError, argv: string[], ctx: () => Context, commandNames: string[]): number {
  if (error.exitCode === 0) return EXIT.ok; // --help, --version
  const err = (message: string, hint?: string) => ctx().error(message, hint);
  const message = excerpt(error.message.replace(/^error: /, ''), 300);
  if (error.code === 'commander.unknownCommand') {
    const word = argv.find((arg) => !arg.startsWith('-')) ?? '';
    const words = argv.slice(argv.indexOf(word)).filter((arg) => !arg.startsWith('-'));
    let hint = 'run "genz --help" to see the commands';
    try {
      if (ctx().index().exact(words.join(' '))) hint = `to look it up, run: genz define ${excerpt(words.join(' '))}`;
    } catch {
      // the glossary could not load; the plain hint will do
    }
    const [command] = nearest(word, commandNames);
    if (command && !hint.startsWith('to look')) hint = `did you mean "genz ${command}"?`;
    err(`unknown command "${excerpt(word)}"`, hint);
  } else {
    err(message, 'run "genz --help" for usage');
  }
  return EXIT.usage;
}

export async function run(argv: string[], io: Io, options: RunOptions = {}): Promise<number> {
  if (argv.length === 0) {
    io.stdout.write(SHORT_HELP);
    return EXIT.ok;
  }
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
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return commanderFailure(error, argv, fallbackContext, program.commands.map((c) => c.name()));
    if (error instanceof GenzError) {
      fallbackContext().error(error.message, error.hint);
      return error.exitCode;
    }
    io.stderr.write(`genz: internal error: ${excerpt(sanitizeInline(String((error as Error)?.message ?? error)), 300)}\n`);
    if (io.env['GENZ_DEBUG'] === '1') io.stderr.write(`${sanitizeBlock((error as Error)?.stack ?? '')}\n`);
    else io.stderr.write('hint: run again with GENZ_DEBUG=1 for the stack trace, and please report it\n');
    return EXIT.internal;
  }
}
