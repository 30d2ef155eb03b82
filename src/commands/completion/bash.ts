/**
 * The bash completion script: commands; each command's own flags and the global ones;
 * categories, ratings, sections (also after a comma), tags and term names; directories for
 * --data and --dir, and files for validate. Term names and tags are asked of `genz list`,
 * with the --data and --no-builtin typed so far, so they come from the glossary in use.
 */
import { type CommandSpec, type CompletionSpec, FIXED_VALUES, type Flag, namesOf, SHELLS, type ValueKind } from './spec.ts';

const words = (flags: Flag[]) => flags.flatMap((f) => [f.long, ...(f.short ? [f.short] : [])]).join(' ');

/** `genz list` with the --data and --no-builtin typed so far (a bash expression, printed as it is). */
// biome-ignore lint/suspicious/noTemplateCurlyInString: bash, not a template
const GENZ_LIST = 'genz "${genz_data[@]}" list';

/** The completion of a value of this kind, as a bash command. */
function valueCompletion(kind: ValueKind): string {
  if (kind === 'dir') return '_genz_dirs';
  if (kind === 'tag') return `_genz_words "$(${GENZ_LIST} --tags 2>/dev/null | cut -f1)"`;
  if (kind === 'section') return `_genz_list "${FIXED_VALUES.section!.join(' ')}"`;
  const fixed = FIXED_VALUES[kind];
  return fixed ? `_genz_words "${fixed.join(' ')}"` : ':'; // a number or a date: nothing to offer
}

/** One case arm per flag that takes a value: "<command> <flag>", or any command for a global flag. */
function valueCases(spec: CompletionSpec): string[] {
  const arm = (patterns: string[], flag: Flag) => `    ${patterns.join('|')}) ${valueCompletion(flag.value!)}; return ;;`;
  const flagNames = (f: Flag) => [f.long, ...(f.short ? [f.short] : [])];
  const global = spec.global.filter((f) => f.value).map((f) => arm(flagNames(f).map((n) => `*" ${n}"`), f));
  const own = spec.commands.flatMap((c) =>
    c.flags.filter((f) => f.value).map((f) => arm(namesOf(c).flatMap((name) => flagNames(f).map((n) => `"${name} ${n}"`)), f)),
  );
  return [...own, ...global];
}

function operandCompletion(command: CommandSpec, spec: CompletionSpec): string | undefined {
  switch (command.operands) {
    case 'term':
      return `_genz_words "$(${GENZ_LIST} 2>/dev/null)"`;
    case 'path':
      return '_genz_files';
    case 'shell':
      return `_genz_words "${SHELLS.join(' ')}"`;
    case 'command':
      return `_genz_words "${spec.commands.flatMap(namesOf).join(' ')}"`;
    default:
      return undefined;
  }
}

export function bashScript(spec: CompletionSpec): string {
  const commandNames = spec.commands.flatMap(namesOf).join(' ');
  const globalWithValue = spec.global.filter((f) => f.value).flatMap((f) => [f.long, ...(f.short ? [f.short] : [])]);
  const flagCases = spec.commands.map((c) => `    ${namesOf(c).join('|')}) flags="${words(c.flags)}" ;;`);
  const operandCases = spec.commands.flatMap((c) => {
    const completion = operandCompletion(c, spec);
    return completion ? [`    ${namesOf(c).join('|')}) ${completion} ;;`] : [];
  });
  return `# bash completion for genz. Install: genz completion bash > ~/.local/share/bash-completion/completions/genz
_genz_words() { mapfile -t COMPREPLY < <(compgen -W "$1" -- "$cur"); }
_genz_files() { compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); }
_genz_dirs() { compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -d -- "$cur"); }
# A comma-separated list: complete the name after the last comma.
_genz_list() {
  local done=""
  [[ "$cur" == *,* ]] && done="\${cur%,*},"
  mapfile -t COMPREPLY < <(compgen -P "$done" -W "$1" -- "\${cur##*,}")
}
_genz() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}" cmd="" flags="" i
  local -a genz_data=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      --data) genz_data+=(--data "\${COMP_WORDS[i+1]}"); i=$((i + 1)) ;;
      --no-builtin) genz_data+=(--no-builtin) ;;
${globalWithValue.filter((f) => f !== '--data').map((f) => `      ${f}) i=$((i + 1)) ;;`).join('\n')}
      -*) ;;
      *) [ -z "$cmd" ] && cmd="\${COMP_WORDS[i]}" ;;
    esac
  done
  case "$cmd $prev" in
${valueCases(spec).join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    case "$cmd" in
${flagCases.join('\n')}
    esac
    _genz_words "$flags ${words(spec.global)}"
    return
  fi
  case "$cmd" in
    "") _genz_words "${commandNames}" ;;
${operandCases.join('\n')}
  esac
}
complete -F _genz genz
`;
}
