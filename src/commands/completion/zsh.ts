/**
 * The zsh completion script: a native #compdef function for _arguments, so the first Tab in
 * a fresh shell completes (bashcompinit needed a second one). Autoloaded from $fpath it runs
 * at once; sourced, it registers itself with compdef.
 */
import { type CommandSpec, type CompletionSpec, FIXED_VALUES, type Flag, namesOf, SHELLS } from './spec.ts';

/** Text inside a single-quoted zsh word, and inside _arguments' [description]. */
const quoted = (text: string) => text.replace(/'/g, `'\\''`);
const described = (text: string) => quoted(text.replace(/[[\]:\\]/g, ' '));

function valueAction(flag: Flag): string {
  const name = flag.valueName ?? 'value';
  switch (flag.value) {
    case 'dir':
      return `:${name}:_files -/`;
    case 'tag':
      return `:${name}:_genz_tags`;
    case 'section':
      return `:${name}:_genz_sections`;
    case 'category':
    case 'rating':
    case 'format':
      return `:${name}:(${FIXED_VALUES[flag.value]!.join(' ')})`;
    default:
      return `:${name}: `; // a number or a date: say what is wanted, offer nothing
  }
}

/** One _arguments spec per spelling of the flag, each excluding the other spellings (unless repeatable). */
function flagSpecs(flag: Flag): string[] {
  const spellings = [flag.long, ...(flag.short ? [flag.short] : [])];
  const exclude = flag.repeatable ? '*' : spellings.length > 1 ? `(${spellings.join(' ')})` : '';
  const help = flag.long === '--help' || flag.long === '--version' ? '(- *)' : exclude;
  return spellings.map((spelling) => {
    const joiner = !flag.value ? '' : spelling.startsWith('--') ? '=' : '+';
    return `'${help}${spelling}${joiner}[${described(flag.description)}]${flag.value ? quoted(valueAction(flag)) : ''}'`;
  });
}

function operandSpec(command: CommandSpec, spec: CompletionSpec): string {
  switch (command.operands) {
    case 'term':
      return `'*:term:_genz_terms'`;
    case 'path':
      return `'*:term file or directory:_files'`;
    case 'shell':
      return `':shell:(${SHELLS.join(' ')})'`;
    case 'command':
      return `':command:(${spec.commands.flatMap(namesOf).join(' ')})'`;
    case 'text':
      return `'*:words: '`;
    default:
      return '';
  }
}

export function zshScript(spec: CompletionSpec): string {
  const globals = spec.global.flatMap(flagSpecs).map((s) => `    ${s}`);
  const descriptions = spec.commands.flatMap((c) => namesOf(c).map((name) => `      '${name}:${quoted(c.description)}'`));
  const cases = spec.commands.map(
    (c) => `        ${namesOf(c).join('|')}) _arguments -s $globals ${[...c.flags.flatMap(flagSpecs), operandSpec(c, spec)].join(' ')} && ret=0 ;;`,
  );
  return `#compdef genz
# zsh completion for genz. Install: genz completion zsh > "\${fpath[1]}/_genz", then open a new shell
# (or, after compinit in ~/.zshrc: source <(genz completion zsh)).

# Term names and tags come from the glossary in use: the --data and --no-builtin typed so far.
_genz_terms() {
  local -a terms
  terms=(\${(f)"$(genz "\${genz_data[@]}" list 2>/dev/null)"})
  _wanted terms expl term compadd -a terms
}
_genz_tags() {
  local -a tags
  tags=(\${\${(f)"$(genz "\${genz_data[@]}" list --tags 2>/dev/null)"}%%$'\\t'*})
  _wanted tags expl tag compadd -a tags
}
_genz_sections() {
  _values -s , section ${FIXED_VALUES.section!.join(' ')}
}

_genz() {
  local curcontext="$curcontext" state state_descr line ret=1 i
  local -a genz_data
  typeset -A opt_args
  for ((i = 2; i < CURRENT; i++)); do
    case $words[i] in
      --data) genz_data+=(--data "$words[i+1]") ;;
      --no-builtin) genz_data+=(--no-builtin) ;;
    esac
  done
  local -a globals=(
${globals.join('\n')}
  )
  _arguments -C -s $globals ': :->command' '*:: :->operands' && ret=0
  case $state in
    command)
      local -a commands=(
${descriptions.join('\n')}
      )
      _describe -t commands 'genz command' commands && ret=0
      ;;
    operands)
      curcontext="\${curcontext%:*:*}:genz-$words[1]:"
      case $words[1] in
${cases.join('\n')}
      esac
      ;;
  esac
  return ret
}

if [[ "$funcstack[1]" == _genz ]]; then
  _genz "$@"
else
  compdef _genz genz
fi
`;
}
