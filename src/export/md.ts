/**
 * `--format md`: index.md and one <slug>.md per term, side by side, linked with relative
 * links, so the folder works as a git host's wiki or a docs folder. Every field is escaped
 * as literal Markdown text (text.ts); no raw HTML gets through.
 */
import type { Entry } from '../corpus/entry.ts';
import { byCategory, bySlug, CATEGORY_LABELS, fileName, httpUrl, markdown, paragraphs, RATING_LABELS } from './text.ts';
import type { ExportFiles, ExportOptions } from './types.ts';

const md = markdown;
/** A term's page; "index" is taken by the index (slugs have no "_", so "index_" is free). */
const pageOf = (slug: string) => (slug === 'index' ? 'index_.md' : `${fileName(slug)}.md`);
const mdParagraphs = (text: string) => paragraphs(text).map(md);

function section(title: string, lines: string[]): string[] {
  return lines.length === 0 ? [] : [`## ${title}`, '', ...lines, ''];
}

function sourceLine(source: Entry['sources'][number]): string {
  const url = httpUrl(source.url);
  const title = url ? `[${md(source.title)}](<${url}>)` : `${md(source.title)} (${md(source.url)})`;
  const rest = [source.publisher, source.date].filter(Boolean).map(md).join(', ');
  return `- ${title}${rest ? ` — ${rest}` : ''}${source.note ? `. ${md(source.note)}` : ''}`;
}

function entryPage(entry: Entry, options: ExportOptions): string {
  const link = (slug: string) => {
    const term = options.termOf(slug);
    return term === undefined ? `${md(slug)} (not in this glossary)` : `[${md(term)}](${pageOf(slug)})`;
  };
  const facts = [CATEGORY_LABELS[entry.category] ?? entry.category, RATING_LABELS[entry.workplace] ?? entry.workplace];
  if (entry.since) facts.push(`in use: ${entry.since}`);
  const lines = [
    `# ${md(entry.term)}`,
    '',
    `*${facts.map(md).join(' · ')}*`,
    '',
    ...(entry.gist ? [`**${md(entry.gist)}**`, ''] : []),
    ...(entry.aliases.length > 0 ? [`Also written: ${entry.aliases.map(md).join(', ')}`, ''] : []),
    ...section('Meaning', mdParagraphs(entry.definition).flatMap((p) => [p, ''])),
    ...section('Workplace rating', mdParagraphs(entry.workplaceNote)),
    ...section('Origin', mdParagraphs(entry.origin).flatMap((p) => [p, ''])),
    ...section('Other ways to say it', entry.synonyms.map((s) => `- **${md(s.term)}** — ${md(s.note)}`)),
    ...section(
      'At work',
      entry.examples.flatMap((example) => [`*${md(example.setting)}*`, '', ...example.lines.map((l) => `> **${md(l.speaker)}:** ${md(l.text)}  `), '']),
    ),
    ...section('Related', entry.related.map((r) => `- ${link(r.slug)} — ${md(r.note)}`)),
    ...section('FAQ', entry.faq.flatMap((pair) => [`**${md(pair.question)}**`, '', ...mdParagraphs(pair.answer), ''])),
    ...section('Sources', entry.sources.map(sourceLine)),
    `[← All terms](index.md)`,
    '',
  ];
  return lines.join('\n').replace(/\n{3,}/g, '\n\n');
}

function indexPage(entries: readonly Entry[], options: ExportOptions): string {
  const lines = [`# ${md(options.title)}`, '', `${entries.length} ${entries.length === 1 ? 'term' : 'terms'}.${options.stamp ? ` Exported ${md(options.stamp)}.` : ''}`, ''];
  for (const [category, list] of byCategory(entries)) {
    lines.push(`## ${md(CATEGORY_LABELS[category] ?? category)}`, '');
    for (const e of list) lines.push(`- [${md(e.term)}](${pageOf(e.slug)}) (${md(e.workplace)}) — ${md(e.gist)}`);
    lines.push('');
  }
  return lines.join('\n');
}

export function exportMarkdown(entries: readonly Entry[], options: ExportOptions): ExportFiles {
  const files: ExportFiles = new Map([['index.md', indexPage(entries, options)]]);
  for (const entry of bySlug(entries)) files.set(pageOf(entry.slug), entryPage(entry, options));
  return files;
}

