/**
 * `genz completion bash|zsh|fish`: scripts generated from the commander definitions, so
 * they always offer the real commands and flags. Term slugs are asked of `genz list` when
 * completing, so they come from the glossary in use, the user's directories included.
 */
import type { Command } from 'commander';
import { CATEGORIES, WORKPLACE_RATINGS } from '../corpus/entry.ts';
import { FORMATS } from '../export/types.ts';
import type { Context } from '../context.ts';
import { examples, type Register } from './registry.ts';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** Commands whose positional arguments are terms. */
const TAKES_TERM = ['define', 'related'];

interface CommandSpec {
  name: string;
  description: string;
  flags: Array<{ long: string; short?: string; description: string; takesValue: boolean }>;
}

function specs(program: Command): { global: CommandSpec['flags']; commands: CommandSpec[] } {
  const flagsOf = (command: Command) =>
    command.options
      .filter((o) => o.long)
      .map((o) => ({ long: o.long!, ...(o.short ? { short: o.short } : {}), description: o.description, takesValue: o.required || o.optional }));
  return {
    global: [...flagsOf(program), { long: '--help', short: '-h', description: 'show help', takesValue: false }],
    commands: program.commands.map((c) => ({ name: c.name(), description: c.description(), flags: flagsOf(c) })),
  };
}

function bash(program: Command): string {
  const { global, commands } = specs(program);
  const words = (flags: CommandSpec['flags']) => flags.flatMap((f) => [f.long, ...(f.short ? [f.short] : [])]).join(' ');
  const cases = commands.map((c) => `    ${c.name}) flags="${words(c.flags)} --help" ;;`).join('\n');
  return `# bash completion for genz. Install: genz completion bash > ~/.local/share/bash-completion/completions/genz
_genz() {
  local cur prev cmd="" data="" i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      --data) data="$data --data \${COMP_WORDS[i+1]}"; i=$((i + 1)) ;;
      --width|--out|-o|--format|-f|--title|--base-url) i=$((i + 1)) ;;
      -*) ;;
      *) [ -z "$cmd" ] && cmd="\${COMP_WORDS[i]}" ;;
    esac
  done
  case "$prev" in
    --data|--dir|--out|-o) COMPREPLY=( $(compgen -d -- "$cur") ); return ;;
    --format|-f) COMPREPLY=( $(compgen -W "${FORMATS.join(' ')}" -- "$cur") ); return ;;
    --category|-c) COMPREPLY=( $(compgen -W "${CATEGORIES.join(' ')}" -- "$cur") ); return ;;
    --workplace|-w) COMPREPLY=( $(compgen -W "${WORKPLACE_RATINGS.join(' ')}" -- "$cur") ); return ;;
  esac
  if [ -z "$cmd" ]; then
    COMPREPLY=( $(compgen -W "${commands.map((c) => c.name).join(' ')} ${words(global)}" -- "$cur") )
    return
  fi
  local flags=""
  case "$cmd" in
${cases}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$flags ${words(global)}" -- "$cur") )
  elif [[ " ${TAKES_TERM.join(' ')} " == *" $cmd "* ]]; then
    COMPREPLY=( $(compgen -W "$(genz $data list 2>/dev/null)" -- "$cur") )
  elif [ "$cmd" = completion ]; then
    COMPREPLY=( $(compgen -W "${SHELLS.join(' ')}" -- "$cur") )
  fi
}
complete -F _genz genz
`;
}

function zsh(program: Command): string {
  // zsh runs the bash function through bashcompinit: one script to keep right.
  return `#compdef genz
# zsh completion for genz. Install: genz completion zsh > "\${fpath[1]}/_genz" (or source it from ~/.zshrc)
autoload -U +X bashcompinit && bashcompinit
${bash(program).split('\n').slice(1).join('\n')}`;
}

function fish(program: Command): string {
  const { global, commands } = specs(program);
  const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const flagLine = (condition: string, f: CommandSpec['flags'][number]) =>
    `complete -c genz ${condition}-l ${f.long.slice(2)}${f.short ? ` -s ${f.short.slice(1)}` : ''}${f.takesValue ? ' -r' : ''} -d ${quote(f.description)}`;
  const lines = [
    '# fish completion for genz. Install: genz completion fish > ~/.config/fish/completions/genz.fish',
    'complete -c genz -f',
    ...global.map((f) => flagLine('', f)),
    ...commands.map((c) => `complete -c genz -n __fish_use_subcommand -a ${c.name} -d ${quote(c.description)}`),
    ...commands.flatMap((c) => c.flags.map((f) => flagLine(`-n '__fish_seen_subcommand_from ${c.name}' `, f))),
    `complete -c genz -n '__fish_seen_subcommand_from ${TAKES_TERM.join(' ')}' -a '(genz list 2>/dev/null)'`,
    `complete -c genz -n '__fish_seen_subcommand_from completion' -a '${SHELLS.join(' ')}'`,
    `complete -c genz -l category -s c -a '${CATEGORIES.join(' ')}'`,
    `complete -c genz -l workplace -s w -a '${WORKPLACE_RATINGS.join(' ')}'`,
    "complete -c genz -l data -r -F -a '(__fish_complete_directories)'",
    `complete -c genz -n '__fish_seen_subcommand_from export' -l format -s f -x -a '${FORMATS.join(' ')}'`,
    "complete -c genz -n '__fish_seen_subcommand_from export' -l out -s o -r -F -a '(__fish_complete_directories)'",
  ];
  return `${lines.join('\n')}\n`;
}

const GENERATORS: Record<Shell, (program: Command) => string> = { bash, zsh, fish };

export function completion(ctx: Context, program: Command, shell: Shell): number {
  ctx.io.stdout.write(GENERATORS[shell](program));
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
