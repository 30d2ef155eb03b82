/** One term's page of the static site: every section of a full entry, and its JSON-LD. */
import type { Entry } from '../corpus/entry.ts';
import { CATEGORY_LABELS, fileName, html, httpUrl, inline, paragraphs, RATING_LABELS } from './text.ts';
import type { ExportOptions } from './types.ts';

const paras = (text: string) => paragraphs(text).map((p) => `<p>${html(p)}</p>`);

function section(id: string, title: string, body: string[]): string[] {
  return body.length === 0 ? [] : [`<section id="${id}">`, `<h2>${title}</h2>`, ...body, '</section>'];
}

/** The page of a term, relative to the site root. */
export const termPath = (slug: string) => `terms/${fileName(slug)}.html`;

function sourceItem(source: Entry['sources'][number]): string {
  const url = httpUrl(source.url);
  // Only http(s) links are links; anything else (javascript:, data:, file:) is shown as text.
  const title = url ? `<a href="${html(url)}" rel="noopener noreferrer">${html(source.title)}</a>` : `${html(source.title)} (${html(source.url)})`;
  const rest = [source.publisher, source.date === 'undated' ? '' : source.date].filter(Boolean).map(html).join(', ');
  return `<li>${title}${rest ? ` — ${rest}` : ''}${source.note ? `. ${html(source.note)}` : ''}</li>`;
}

export function entryMain(entry: Entry, options: ExportOptions): string {
  const facts = [
    html(CATEGORY_LABELS[entry.category] ?? entry.category),
    `<span class="rating rating-${html(entry.workplace)}">${html(RATING_LABELS[entry.workplace] ?? entry.workplace)}</span>`,
    ...(entry.since ? [`in use: ${html(entry.since)}`] : []),
  ];
  const related = entry.related.map((link) => {
    const term = options.termOf(link.slug);
    const name = term === undefined ? `${html(link.slug)} (not in this glossary)` : `<a href="${fileName(link.slug)}.html">${html(term)}</a>`;
    return `<li>${name} — ${html(link.note)}</li>`;
  });
  return [
    '<article>',
    `<h1>${html(entry.term)}</h1>`,
    `<p class="facts">${facts.join(' · ')}</p>`,
    ...(entry.gist ? [`<p class="gist">${html(entry.gist)}</p>`] : []),
    ...(entry.aliases.length > 0 ? [`<p class="aliases">Also written: ${entry.aliases.map(html).join(', ')}</p>`] : []),
    ...section('meaning', 'Meaning', paras(entry.definition)),
    ...section('rating', 'Workplace rating', paras(entry.workplaceNote)),
    ...section('origin', 'Origin', paras(entry.origin)),
    ...section('synonyms', 'Other ways to say it', entry.synonyms.length ? ['<ul class="links">', ...entry.synonyms.map((s) => `<li><strong>${html(s.term)}</strong> — ${html(s.note)}</li>`), '</ul>'] : []),
    ...section(
      'examples',
      'At work',
      entry.examples.map((example) =>
        [
          '<div class="dialogue">',
          `<p class="setting">${html(example.setting)}</p>`,
          ...example.lines.map((line) => `<p><span class="speaker">${html(line.speaker)}:</span> ${html(line.text)}</p>`),
          '</div>',
        ].join('\n'),
      ),
    ),
    ...section('related', 'Related', related.length ? ['<ul class="links">', ...related, '</ul>'] : []),
    ...section('faq', 'FAQ', entry.faq.length ? ['<dl class="faq">', ...entry.faq.map((p) => `<dt>${html(p.question)}</dt>\n<dd>${paras(p.answer).join('\n')}</dd>`), '</dl>'] : []),
    ...section('sources', 'Sources', entry.sources.length ? ['<ol class="sources">', ...entry.sources.map(sourceItem), '</ol>'] : []),
    '</article>',
  ].join('\n');
}

/** schema.org DefinedTerm, and FAQPage when the entry has questions. Values are plain text. */
export function entryJsonLd(entry: Entry, options: ExportOptions): object[] {
  const url = options.baseUrl ? `${options.baseUrl}${termPath(entry.slug)}` : undefined;
  const term = {
    '@context': 'https://schema.org',
    '@type': 'DefinedTerm',
    name: inline(entry.term),
    termCode: entry.slug,
    description: inline(entry.gist || entry.definition),
    ...(entry.aliases.length ? { alternateName: entry.aliases.map(inline) } : {}),
    ...(url ? { url } : {}),
    inDefinedTermSet: { '@type': 'DefinedTermSet', name: inline(options.title), ...(options.baseUrl ? { url: options.baseUrl } : {}) },
  };
  if (entry.faq.length === 0) return [term];
  const faq = {
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: entry.faq.map((p) => ({ '@type': 'Question', name: inline(p.question), acceptedAnswer: { '@type': 'Answer', text: inline(p.answer) } })),
  };
  return [term, faq];
}
