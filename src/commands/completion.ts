/**
 * `genz completion bash|zsh|fish`: scripts generated from the commander definitions, so
 * they always offer the real commands and flags (completion/spec.ts); one generator per
 * shell. Term slugs and tags are asked of `genz list` when completing, so they come from the
 * glossary in use, the user's directories included.
 */
import type { Command } from 'commander';
import type { Context } from '../context.ts';
import { bashScript } from './completion/bash.ts';
import { fishScript } from './completion/fish.ts';
import { type CompletionSpec, completionSpec, SHELLS, type Shell } from './completion/spec.ts';
import { zshScript } from './completion/zsh.ts';
import { examples, type Register } from './registry.ts';

const GENERATORS: Record<Shell, (spec: CompletionSpec) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

export function completion(ctx: Context, program: Command, shell: Shell): number {
  ctx.io.stdout.write(GENERATORS[shell](completionSpec(program)));
  return 0;
}

export const registerCompletion: Register = (program, context, setExit) => {
  program
    .command('completion')
    .description('print a shell completion script (commands, flags and term names)')
    .argument('<shell>', `one of ${SHELLS.join(', ')}`)
    .addHelpText(
      'after',
      examples(
        'genz completion bash > ~/.local/share/bash-completion/completions/genz',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a zsh expression, printed as is
        'genz completion zsh > "${fpath[1]}/_genz"',
        'genz completion fish > ~/.config/fish/completions/genz.fish',
      ),
    )
    .action((shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell)) {
        context().error(`unknown shell "${shell}"`, `choose one of: ${SHELLS.join(', ')}`);
        setExit(2);
        return;
      }
      setExit(completion(context(), program, shell as Shell));
    });
};
