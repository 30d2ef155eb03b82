/**
 * What the completion scripts complete, read from the commander definitions so they always
 * offer the real commands and flags: each command's own flags (and the global ones), what
 * each flag's value is, and what the command's operands are.
 */
import type { Command, Option } from 'commander';
import { FORMATS } from '../../export/types.ts';
import { CATEGORIES, WORKPLACE_RATINGS } from '../../corpus/entry.ts';
import { SECTIONS } from '../../render/entry.ts';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** What a flag's value is: a fixed list, a name asked of genz, a directory, or free text (a number, a date). */
export type ValueKind = 'category' | 'rating' | 'section' | 'format' | 'tag' | 'dir' | 'text';
/** What a command's operands are. */
export type OperandKind = 'term' | 'path' | 'shell' | 'command' | 'text' | 'none';

export interface Flag {
  long: string;
  short?: string;
  /** The first clause of the description: shells show one short line. */
  description: string;
  /** undefined: the flag takes no value. */
  value?: ValueKind;
  /** Its value name, as in --help ("dir" for --data <dir>). */
  valueName?: string;
  repeatable: boolean;
}

export interface CommandSpec {
  name: string;
  aliases: string[];
  description: string;
  flags: Flag[];
  operands: OperandKind;
}

export interface CompletionSpec {
  global: Flag[];
  commands: CommandSpec[];
}

const VALUE_KINDS: Record<string, ValueKind> = {
  '--category': 'category',
  '--workplace': 'rating',
  '--section': 'section',
  '--tag': 'tag',
  '--data': 'dir',
  '--dir': 'dir',
  '--out': 'dir',
  '--format': 'format',
};

/** The fixed lists; term names and tags are asked of `genz list` as you type. */
export const FIXED_VALUES: Partial<Record<ValueKind, readonly string[]>> = { category: CATEGORIES, rating: WORKPLACE_RATINGS, section: SECTIONS, format: FORMATS };

const OPERAND_KINDS: Record<string, OperandKind> = { define: 'term', related: 'term', validate: 'path', completion: 'shell', help: 'command' };
const REPEATABLE = new Set(['--data', '--section']);

/** "print only these sections (comma-separated…): meaning, …" → "print only these sections". */
export const firstClause = (text: string): string => text.replace(/ \(.*$/s, '').replace(/:.*$/s, '').trim();

function flagOf(option: Option): Flag {
  const long = option.long!;
  const takesValue = option.required || option.optional;
  return {
    long,
    ...(option.short ? { short: option.short } : {}),
    description: firstClause(option.description),
    ...(takesValue ? { value: VALUE_KINDS[long] ?? 'text', valueName: /<(.+?)>|\[(.+?)\]/.exec(option.flags)?.slice(1).find(Boolean) ?? 'value' } : {}),
    repeatable: REPEATABLE.has(long),
  };
}

const flagsOf = (command: Command): Flag[] => command.options.filter((o) => o.long).map(flagOf);

function operandsOf(command: Command): OperandKind {
  const kind = OPERAND_KINDS[command.name()];
  if (kind) return kind;
  return command.registeredArguments.length > 0 ? 'text' : 'none';
}

export function completionSpec(program: Command): CompletionSpec {
  const help: Flag = { long: '--help', short: '-h', description: 'show help', repeatable: false };
  const commands = program.commands.map((c) => ({
    name: c.name(),
    aliases: c.aliases(),
    description: firstClause(c.description()),
    flags: flagsOf(c),
    operands: operandsOf(c),
  }));
  commands.push({ name: 'help', aliases: [], description: 'show the help of a command', flags: [], operands: 'command' });
  return { global: [...flagsOf(program), help], commands };
}

/** Every name a command answers to. */
export const namesOf = (command: CommandSpec): string[] => [command.name, ...command.aliases];
