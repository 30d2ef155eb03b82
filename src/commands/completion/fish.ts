/**
 * The fish completion script. Every flag is offered only where genz accepts it: the global
 * ones everywhere, a command's own after that command. File names only where genz takes a
 * path (validate; directories for --data and --dir).
 */
import { type CommandSpec, type CompletionSpec, FIXED_VALUES, type Flag, namesOf, SHELLS } from './spec.ts';

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

function valueArguments(flag: Flag): string {
  switch (flag.value) {
    case undefined:
      return '';
    case 'dir':
      return " -x -a '(__fish_complete_directories (commandline -ct))'";
    case 'tag':
      return " -x -a '(genz (__genz_data) list --tags 2>/dev/null)'";
    case 'section':
      return " -x -a '(__genz_sections)'";
    case 'category':
    case 'rating':
    case 'format':
      return ` -x -a ${quote(FIXED_VALUES[flag.value]!.join(' '))}`;
    default:
      return ' -x'; // a number or a date: nothing to offer, and no file names
  }
}

function flagLine(condition: string, flag: Flag): string {
  const short = flag.short ? ` -s ${flag.short.slice(1)}` : '';
  return `complete -c genz${condition} -l ${flag.long.slice(2)}${short}${valueArguments(flag)} -d ${quote(flag.description)}`;
}

function operandLine(command: CommandSpec, spec: CompletionSpec): string | undefined {
  const when = ` -n ${quote(`__genz_using ${namesOf(command).join(' ')}`)}`;
  switch (command.operands) {
    case 'term':
      return `complete -c genz${when} -a '(genz (__genz_data) list 2>/dev/null)'`;
    case 'path':
      return `complete -c genz${when} -F`;
    case 'shell':
      return `complete -c genz${when} -a ${quote(SHELLS.join(' '))}`;
    case 'command':
      return `complete -c genz${when} -a ${quote(spec.commands.flatMap(namesOf).join(' '))}`;
    default:
      return undefined;
  }
}

export function fishScript(spec: CompletionSpec): string {
  const globalWithValue = spec.global.filter((f) => f.value).flatMap((f) => [f.long, ...(f.short ? [f.short] : [])]);
  const lines = [
    '# fish completion for genz. Install: genz completion fish > ~/.config/fish/completions/genz.fish',
    '',
    '# The command typed so far (the first word that is not an option or its value), if any.',
    'function __genz_command',
    '    set -l tokens (commandline -opc)',
    '    set -e tokens[1]',
    '    while set -q tokens[1]',
    '        switch $tokens[1]',
    `            case ${globalWithValue.join(' ')}`,
    '                set -e tokens[1]',
    "            case '-*'",
    "            case '*'",
    '                echo $tokens[1]',
    '                return 0',
    '        end',
    '        set -e tokens[1]',
    '    end',
    '    return 1',
    'end',
    'function __genz_using',
    '    set -l command (__genz_command); or return 1',
    '    contains -- $command $argv',
    'end',
    '# --data and --no-builtin as typed: term names and tags come from the glossary in use.',
    'function __genz_data',
    '    set -l tokens (commandline -opc)',
    '    for i in (seq (count $tokens))',
    '        switch $tokens[$i]',
    '            case --data',
    '                set -l next (math $i + 1)',
    "                set -q tokens[$next]; and printf '%s\\n' --data $tokens[$next]",
    '            case --no-builtin',
    '                echo --no-builtin',
    '        end',
    '    end',
    'end',
    '# Section names, also after a comma: -s meaning,faq',
    'function __genz_sections',
    "    set -l done (string replace -r '[^,]*$' '' -- (commandline -ct))",
    `    printf "$done%s\\n" ${FIXED_VALUES.section!.join(' ')}`,
    'end',
    '',
    'complete -c genz -f',
    ...spec.commands.flatMap((c) => namesOf(c).map((name) => `complete -c genz -n 'not __genz_command' -a ${name} -d ${quote(c.description)}`)),
    ...spec.global.map((f) => flagLine('', f)),
    ...spec.commands.flatMap((c) => c.flags.map((f) => flagLine(` -n ${quote(`__genz_using ${namesOf(c).join(' ')}`)}`, f))),
    ...spec.commands.flatMap((c) => operandLine(c, spec) ?? []),
  ];
  return `${lines.join('\n')}\n`;
}
