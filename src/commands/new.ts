/** `genz new <term...>`: a commented template for a new term file, ready to fill in. */
import { pathToFileURL } from 'node:url';
import type { Context } from '../context.ts';
import { CATEGORIES, WORKPLACE_RATINGS } from '../corpus/entry.ts';
import { GenzError, UsageError } from '../errors.ts';
import { schemaPath } from '../install.ts';
import { newJson } from '../render/json-files.ts';
import { sanitizeInline } from '../render/sanitize.ts';
import { slugify } from '../text/normalize.ts';
import { writeNewFile } from './new-file.ts';
import { examples, type Register } from './registry.ts';

export interface NewOptions {
  dir?: string;
  editor?: boolean;
  json?: boolean;
}

function schemaUrl(): string {
  return pathToFileURL(schemaPath()).href;
}

export function template(term: string): string {
  const quoted = JSON.stringify(term);
  return `# yaml-language-server: $schema=${schemaUrl()}
# A genz term file: fill in the TODOs, delete what you don't need, then check it with
#   genz validate <this file>
# Every field is described in the schema above; only term, category, workplace and
# definition are required.

term: ${quoted}

# Other spellings people type: plurals, verb forms, joined forms, misspellings, emoji.
# Hyphens, spaces and apostrophes are ignored when matching, so list each form once.
aliases: []

# One of: ${CATEGORIES.join(', ')}
category: team

# Topics for "genz list --tag": lowercase words joined by hyphens.
tags: []

# How it lands at work: ${WORKPLACE_RATINGS.join(' | ')}
#   safe: fine in any meeting or email; casual: fine in chat with peers;
#   avoid: risky at work (sexual, insulting or likely to offend)
#   The rubric is docs/ratings.md in genz's repository.
workplace: safe
# Why it has that rating, in a sentence.
# workplace_note: TODO

# When it took off: "2024", "c. 2016-2017", "2010s"
# since: "2024"

# One line, at most 120 characters, shown in lists, search and explain.
gist: TODO one line saying what it means

# What it means when a colleague says it, and its tone (praise, irony, complaint).
definition: >-
  TODO

# Where it came from: history, backed by the sources below. Say so where you are unsure.
origin: >-
  TODO

# Other ways of saying it, each with a note on how it differs.
synonyms:
  - term: TODO
    note: TODO how it differs

# Conversations at work that show the meaning and the tone.
examples:
  - setting: TODO where and when
    lines:
      - speaker: Ana
        text: TODO
      - speaker: Ben
        text: TODO

# Links to other entries by slug (the file name without .yaml), with how they relate.
related: []
#  - slug: quiet-quitting
#    note: TODO how it relates

# Questions a colleague would ask.
faq: []
#  - question: TODO
#    answer: TODO

# Pages that back the facts (above all the origin): title, publisher, date
# (YYYY, YYYY-MM, YYYY-MM-DD or undated) and an http(s) URL; note is optional.
sources: []
#  - title: TODO
#    publisher: TODO
#    date: "2024"
#    url: https://example.com/TODO
#    note: TODO which claim it supports

# For "genz explain": true when the term is also an ordinary English word, with phrases
# that make the slang sense certain.
# ambiguous: true
# cues: ["TODO phrase with the term"]
`;
}

export function newTerm(ctx: Context, words: string[], options: NewOptions): number {
  const term = words.join(' ').trim();
  if (term === '') throw new UsageError('new needs a term', 'try "genz new deck review"');
  const slug = slugify(term);
  if (slug === '') throw new UsageError(`cannot make a file name from "${term}"`, 'give the term letters or digits; an emoji can go in aliases');
  const firstUserDir = ctx.searchPath()[0]?.dir;
  const dir = options.dir ? ctx.absolute(options.dir) : (firstUserDir ?? ctx.personalDir());
  const file = writeNewFile(dir, `${slug}.yaml`, template(term));
  const existing = ctx.glossary().get(slug);
  if (existing && existing.source.path !== file) ctx.warn(`this file will override the entry from ${existing.source.path}`);
  if (options.json) ctx.json(newJson(slug, file));
  else ctx.out(sanitizeInline(file));
  if (options.editor) {
    const editor = ctx.io.env['VISUAL'] || ctx.io.env['EDITOR'];
    if (!editor) throw new UsageError('--editor needs $VISUAL or $EDITOR to be set', `the file was written: ${file}`);
    if (!ctx.io.openEditor) throw new UsageError('--editor needs a terminal');
    const status = ctx.io.openEditor(editor, file);
    if (status !== 0) throw new GenzError(`the editor exited with status ${status}`, 1, `the file is still there: ${file}`);
  }
  return 0;
}

export const registerNew: Register = (program, context, setExit) => {
  program
    .command('new')
    .description('write a commented template for a new term into your first term directory')
    .argument('<term...>', 'the new term, as people write it')
    .option('-d, --dir <dir>', 'write it here instead of the first user directory')
    .option('-e, --editor', 'open it in $VISUAL or $EDITOR')
    .option('--json', 'print the path as JSON')
    .addHelpText('after', examples('genz new deck review', 'genz new "hot desk" --dir ./terms --editor', 'genz new standup bingo --json'))
    .action((words: string[], options: NewOptions) => setExit(newTerm(context(), words, options)));
};
