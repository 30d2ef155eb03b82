/**
 * Entry → text. Pure: colour comes in as a Style, width as a number, and every piece of
 * data passes through the sanitizer before it is laid out.
 */
import type { Entry } from '../corpus/entry.ts';
import { sanitizeBlock, sanitizeInline } from './sanitize.ts';
import type { Style } from './style.ts';
import { displayWidth } from './width.ts';
import { hang, wrapWords } from './wrap.ts';

export const SECTIONS = ['meaning', 'origin', 'synonyms', 'examples', 'related', 'faq'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_TITLES: Record<Section, string> = {
  meaning: 'MEANING',
  origin: 'ORIGIN',
  synonyms: 'OTHER WAYS TO SAY IT',
  examples: 'AT WORK',
  related: 'RELATED',
  faq: 'FAQ',
};

export const RATING_LABELS: Record<string, string> = {
  safe: 'safe at work',
  casual: 'casual: fine in chat, not formal',
  avoid: 'avoid at work',
};

export interface RenderOptions {
  style: Style;
  width: number;
  /** Display name of a related slug, or undefined when it resolves nowhere. */
  termOf: (slug: string) => string | undefined;
  sections?: readonly Section[];
}

const INDENT = '  ';
const BULLET_HANG = '    ';

function paragraphs(text: string, width: number, indent: string): string[] {
  return sanitizeBlock(text)
    .split(/\n\s*\n/)
    .flatMap((para, i) => [...(i > 0 ? [''] : []), ...wrapWords(para, width - indent.length).map((l) => indent + l)]);
}

function header(entry: Entry, o: RenderOptions): string[] {
  const { style, width } = o;
  const rating = RATING_LABELS[entry.workplace] ?? entry.workplace;
  const meta: Array<[string, (text: string) => string]> = [
    [entry.category, unstyled],
    [rating, (text) => style.rating(entry.workplace, text)],
    ...(entry.since ? [[`since ${sanitizeInline(entry.since)}`, unstyled] as [string, (text: string) => string]] : []),
  ];
  const lines = [...wrapWords(sanitizeInline(entry.term), width).map(style.title), ...joinParts(meta, ' · ', width)];
  if (entry.gist) lines.push(...wrapWords(sanitizeInline(entry.gist), width));
  if (entry.aliases.length > 0) {
    lines.push(...hang('Also written: ', 'Also written: ', entry.aliases.map(sanitizeInline).join(', '), width));
  }
  return lines;
}

const unstyled = (text: string) => text;

/**
 * Joins [text, style] parts with a separator, starting a new line where a part won't fit;
 * a part wider than a whole line (a long "since") is wrapped on its own.
 */
function joinParts(parts: Array<[string, (text: string) => string]>, separator: string, width: number): string[] {
  const lines: string[] = [];
  let plainLine = '';
  let styledLine = '';
  for (const [plainPart, style] of parts) {
    if (plainLine !== '' && displayWidth(plainLine + separator + plainPart) > width) {
      lines.push(styledLine);
      plainLine = '';
      styledLine = '';
    }
    if (plainLine === '' && displayWidth(plainPart) > width) {
      const wrapped = wrapWords(plainPart, width);
      lines.push(...wrapped.slice(0, -1).map(style));
      plainLine = wrapped[wrapped.length - 1]!;
      styledLine = style(plainLine);
      continue;
    }
    plainLine += (plainLine ? separator : '') + plainPart;
    styledLine += (styledLine ? separator : '') + style(plainPart);
  }
  if (plainLine !== '') lines.push(styledLine);
  return lines;
}

function section(name: Section, entry: Entry, o: RenderOptions): string[] {
  const { style, width } = o;
  switch (name) {
    case 'meaning':
      return paragraphs(entry.definition, width, INDENT);
    case 'origin':
      return entry.origin ? paragraphs(entry.origin, width, INDENT) : [];
    case 'synonyms':
      return entry.synonyms.flatMap((s) => {
        const term = sanitizeInline(s.term);
        return hang(`• ${term} — `, `• ${style.strong(term)} — `, sanitizeInline(s.note), width, INDENT, BULLET_HANG);
      });
    case 'examples':
      return entry.examples.flatMap((example, i) => [
        ...(i > 0 ? [''] : []),
        ...hang('', '', `[${sanitizeInline(example.setting)}]`, width, INDENT),
        ...example.lines.flatMap((line) => {
          const speaker = `${sanitizeInline(line.speaker)}:`;
          return hang(`${speaker} `, `${style.speaker(speaker)} `, sanitizeInline(line.text), width, INDENT + INDENT);
        }),
      ]);
    case 'related':
      return entry.related.flatMap((link) => {
        const name = o.termOf(link.slug);
        const label = name === undefined ? `${link.slug} (not in this glossary)` : name === link.slug ? name : `${name} (${link.slug})`;
        const safe = sanitizeInline(label);
        return hang(`• ${safe} — `, `• ${style.strong(safe)} — `, sanitizeInline(link.note), width, INDENT, BULLET_HANG);
      });
    case 'faq':
      return entry.faq.flatMap((pair, i) => [
        ...(i > 0 ? [''] : []),
        ...hang('Q: ', 'Q: ', sanitizeInline(pair.question), width, INDENT).map(style.question),
        ...hang('A: ', 'A: ', sanitizeInline(pair.answer), width, INDENT),
      ]);
  }
}

function hasContent(name: Section, entry: Entry): boolean {
  switch (name) {
    case 'meaning':
      return true;
    case 'origin':
      return entry.origin !== '';
    case 'synonyms':
      return entry.synonyms.length > 0;
    case 'examples':
      return entry.examples.length > 0;
    case 'related':
      return entry.related.length > 0;
    case 'faq':
      return entry.faq.length > 0;
  }
}

/** The whole entry, as the lines of text `define` prints (no trailing newline). */
export function renderEntry(entry: Entry, o: RenderOptions): string {
  const width = Math.max(20, o.width);
  const options = { ...o, width };
  const out = [...header(entry, options)];
  for (const name of o.sections ?? SECTIONS) {
    if (!hasContent(name, entry)) continue;
    out.push('', o.style.heading(SECTION_TITLES[name]), ...section(name, entry, options));
  }
  if (!o.sections) out.push('', ...wrapWords(`Source: ${sanitizeInline(sourceLabel(entry))}`, width));
  return out.join('\n');
}

export function sourceLabel(entry: Entry): string {
  return entry.source.builtin ? `built-in glossary, ${entry.source.path}` : entry.source.path;
}
