/** Every command, in the order `genz --help` lists them. One line per command. */
import { registerCompletion } from './completion.ts';
import { registerDefine } from './define.ts';
import { registerExplain } from './explain.ts';
import { registerExport } from './export.ts';
import { registerList } from './list.ts';
import { registerNew } from './new.ts';
import { registerPaths } from './paths.ts';
import { registerRandom, registerToday } from './pick.ts';
import { registerQuiz } from './quiz.ts';
import type { Register } from './registry.ts';
import { registerRelated } from './related.ts';
import { registerSearch } from './search.ts';
import { registerValidate } from './validate.ts';

export const COMMANDS: Register[] = [
  registerDefine,
  registerSearch,
  registerExplain,
  registerList,
  registerRelated,
  registerRandom,
  registerToday,
  registerQuiz,
  registerValidate,
  registerNew,
  registerPaths,
  registerCompletion,
  registerExport,
];
