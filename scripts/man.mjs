#!/usr/bin/env node
// Writes dist/genz.1, the man page, from the built program's own --help output (the
// program's and each command's), so the manual and --help never disagree. The sections
// --help has no room for (environment, exit status, files) are written here.
// Run by scripts/build.mjs after bundling; runnable alone: node scripts/man.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function help(args) {
  // A clean environment, and lines too wide to wrap: roff does the filling.
  return execFileSync(process.execPath, [join(root, 'bin', 'genz.js'), ...args, '--help'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', COLUMNS: '10000', HOME: root, XDG_CONFIG_HOME: join(root, '.no-config') },
  });
}

/** Commander's help → { usage, description, sections: { Options: [[term, text]], Examples: [...] } }. */
export function parseHelp(text) {
  const parsed = { usage: '', description: [], sections: {} };
  let current;
  for (const line of text.split('\n')) {
    const usage = /^Usage: (.*)$/.exec(line);
    const heading = /^([A-Z][\w ]*):$/.exec(line);
    if (usage) parsed.usage = usage[1];
    else if (heading) {
      current = [];
      parsed.sections[heading[1]] = current;
    } else if (!current) {
      if (line.trim()) parsed.description.push(line.trim());
    } else if (/^ {2}\S/.test(line)) {
      const item = /^ {2}(\S.*?)(?: {2,}(\S.*))?$/.exec(line);
      current.push([item[1], item[2] ?? '']);
    } else if (/^ {3,}\S/.test(line) && current.length > 0) {
      const last = current.at(-1);
      last[1] = `${last[1]} ${line.trim()}`.trim();
    }
  }
  return parsed;
}

const TYPOGRAPHY = { '—': '\\(em', '–': '\\(en', '’': "'", '‘': "'", '“': '"', '”': '"', '…': '...', '·': '\\(md' };

/** Text for roff: backslashes escaped, no line taken for a request, typography spelled out. */
function roff(text) {
  return text
    .replace(/\\/g, '\\e')
    .replace(/[—–’‘“”…·]/g, (c) => TYPOGRAPHY[c])
    .replace(/^([.'])/, '\\&$1');
}

/** Flags and commands a reader may copy: hyphens are real minus signs. */
function literal(text) {
  return roff(text).replace(/-/g, '\\-');
}

function items(list) {
  return list.flatMap(([term, text]) => ['.TP', `.B ${literal(term)}`, roff(text || ' ')]);
}

function examples(list) {
  return ['.PP', 'Examples:', '.RS', '.nf', ...list.map(([line]) => literal(line)), '.fi', '.RE'];
}

function commandSection(h) {
  return [
    `.SS "${literal(h.usage)}"`,
    ...h.description.map(roff),
    ...(h.sections.Arguments ? ['.PP', 'Arguments:', '.RS', ...items(h.sections.Arguments), '.RE'] : []),
    ...(h.sections.Options ? ['.PP', 'Options:', '.RS', ...items(h.sections.Options), '.RE'] : []),
    ...(h.sections.Examples ? examples(h.sections.Examples) : []),
  ];
}

const STATIC = {
  environment: [
    ['GENZ_PATH', 'Directories of your own term files, separated by ":"; searched after --data and before the built-in glossary.'],
    ['XDG_CONFIG_HOME', 'Your personal term files live in $XDG_CONFIG_HOME/genz/terms (default ~/.config/genz/terms).'],
    ['XDG_CACHE_HOME', 'Caches live in $XDG_CACHE_HOME/genz (default ~/.cache/genz); genz paths shows where, and whether it can be used.'],
    ['GENZ_PAGER, PAGER', 'The pager for output taller than the terminal (define, search, explain, list, related, random, today, validate, paths): $GENZ_PAGER, else $PAGER, else "less -FRX". Empty or "cat" turns paging off, as does --no-pager. Output that is not a terminal is never paged.'],
    ['LESS', 'Passed to the pager; set to "FRX" when unset, so colours show.'],
    ['NO_COLOR', 'When set and not empty, no colour. TERM=dumb and --no-color also turn colour off.'],
    ['FORCE_COLOR', 'Colour even when the output is not a terminal (0 turns it off).'],
    ['COLUMNS', 'The width to wrap to when the output is not a terminal (default 80; --width wins).'],
    ['GENZ_DEBUG', 'Set to 1 to see the stack trace of an internal error.'],
  ],
  // Every code in src/errors.ts, with the meanings of the README's table.
  exit: [
    ['0', 'success'],
    ['1', 'nothing matched (define, search, explain, related, a list filter), validate found errors, or new would overwrite a file'],
    ['2', 'usage error: unknown command or option, missing argument, an empty or over-long query or message'],
    ['3', 'data error: a term file could not be read or parsed while loading (the answer from the rest is still printed; --quiet hides the warnings, not this status)'],
    ['70', 'internal error: a bug in genz (run with GENZ_DEBUG=1 for the stack trace, and please report it)'],
    ['74', 'the answer could not be written to standard output (a full disk, a terminal that went away)'],
    ['130', 'interrupted (Ctrl-C)'],
  ],
};

export function manPage() {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const top = parseHelp(help([]));
  const commands = (top.sections.Commands ?? [])
    .map(([usage]) => usage.split(' ')[0].split('|')[0]) // "paths|doctor": the name, not the alias
    .filter((name) => name !== 'help')
    .map((name) => parseHelp(help([name])));
  const epoch = process.env.SOURCE_DATE_EPOCH;
  const date = (epoch ? new Date(Number(epoch) * 1000) : new Date()).toISOString().slice(0, 10);
  return [
    `.TH GENZ 1 "${date}" "genz ${pkg.version}" "User Commands"`,
    '.SH NAME',
    'genz \\- a terminal glossary of Gen Z workplace slang',
    '.SH SYNOPSIS',
    ...commands.flatMap((h) => [`.B ${literal(h.usage.split(' ').slice(0, 2).join(' '))}`, literal(h.usage.split(' ').slice(2).join(' ')), '.br']),
    '.SH DESCRIPTION',
    ...top.description.map(roff),
    'Type genz define and a term to read what it means at work, where it came from, other ways',
    'of saying it, dialogues between colleagues, related terms and an FAQ.',
    'Every command that prints data takes \\-\\-json for scripts.',
    '.PP',
    'Run any command with \\-\\-help for its options and examples.',
    '.SH OPTIONS',
    'These global options are valid with every command.',
    ...items(top.sections.Options ?? []),
    '.SH COMMANDS',
    ...commands.flatMap(commandSection),
    ...(top.sections.Examples ? ['.SH EXAMPLES', '.nf', ...top.sections.Examples.map(([line]) => literal(line)), '.fi'] : []),
    '.SH ENVIRONMENT',
    ...items(STATIC.environment),
    '.SH EXIT STATUS',
    ...items(STATIC.exit),
    '.SH FILES',
    ...items([
      ['data/terms/*.yaml (in the package)', 'The built-in glossary, compiled to dist/glossary/.'],
      ['~/.config/genz/terms/*.yaml', 'Your own term files; the format is docs/term-format.md in the package.'],
    ]),
    '.SH SEE ALSO',
    'The README and docs/term-format.md in the genz package; schema/output.schema.json for \\-\\-json output.',
    '',
  ].join('\n');
}

export function writeManPage() {
  const path = join(root, 'dist', 'genz.1');
  writeFileSync(path, manPage());
  return path;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.error(`man: wrote ${writeManPage()}`);
