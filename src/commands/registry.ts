import type { Command } from 'commander';
import type { Context } from '../context.ts';

/** Adds one command to the program. `context()` builds the Context from the global options. */
export type Register = (program: Command, context: () => Context, setExit: (code: number) => void) => void;

/** The "Examples:" block every command's --help ends with. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}
