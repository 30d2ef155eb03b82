/** Every command, in the order `genz --help` lists them. One line per command. */
import { registerDefine } from './define.ts';
import { registerQuiz } from './quiz.ts';
import type { Register } from './registry.ts';
import { registerValidate } from './validate.ts';

export const COMMANDS: Register[] = [registerDefine, registerQuiz, registerValidate];
