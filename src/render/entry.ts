/**
 * Entry → text. Pure: colour comes in as a Style, width as a number, and every piece of
 * data passes through the sanitizer before it is laid out.
 */
import type { Entry } from '../corpus/entry.ts';
import { sanitizeBlock, sanitizeInline } from './sanitize.ts';
import type { Style } from './style.ts';
import { displayWidth } from './width.ts';
import { hang, wrapWords } from './wrap.ts';

export const SECTIONS = ['meaning', 'origin', 'synonyms', 'examples', 'related', 'faq', 'sources'] as const;
export type Section = (typeof SECTIONS)[number];

export const SECTION_TITLES: Record<Section, string> = {
  meaning: 'MEANING',
  origin: 'ORIGIN',
  synonyms: 'OTHER WAYS TO SAY IT',
  examples: 'AT WORK',
  related: 'RELATED',
  faq: 'FAQ',
  sources: 'SOURCES',
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
  const meta: Array<[string, string]> = [
    [entry.category, entry.category],
    [rating, style.rating(entry.workplace, rating)],
    ...(entry.since ? [[`in use: ${sanitizeInline(entry.since)}`, `in use: ${sanitizeInline(entry.since)}`] as [string, string]] : []),
  ];
  const lines = [...wrapWords(sanitizeInline(entry.term), width).map(style.title), ...joinParts(meta, ' · ', width)];
  if (entry.gist) lines.push(...wrapWords(sanitizeInline(entry.gist), width));
  if (entry.workplaceNote) lines.push(...hang('At work: ', 'At work: ', sanitizeInline(entry.workplaceNote), width));
  if (entry.aliases.length > 0) {
    lines.push(...hang('Also written: ', 'Also written: ', entry.aliases.map(sanitizeInline).join(', '), width));
  }
  return lines;
}

/**
 * Joins [plain, styled] parts with a separator, starting a new line where a part won't fit.
 * A part wider than a whole line is wrapped on its own (styled per line).
 */
function joinParts(parts: Array<[string, string]>, separator: string, width: number): string[] {
  const lines: string[] = [];
  let plainLine = '';
  let styledLine = '';
  for (const [plainPart, styledPart] of parts) {
    if (displayWidth(plainPart) > width) {
      if (plainLine !== '') lines.push(styledLine);
      plainLine = '';
      styledLine = '';
      const restyle = plainPart === styledPart ? (t: string) => t : (t: string) => styledPart.replace(plainPart, t);
      lines.push(...wrapWords(plainPart, width).map(restyle));
      continue;
    }
    if (plainLine !== '' && displayWidth(plainLine + separator + plainPart) > width) {
      lines.push(styledLine);
      plainLine = '';
      styledLine = '';
    }
    plainLine += (plainLine ? separator : '') + plainPart;
    styledLine += (styledLine ? separator : '') + styledPart;
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
    case 'sources':
      return entry.sources.flatMap((source) => {
        const title = sanitizeInline(source.title);
        const date = source.date === 'undated' ? 'undated' : sanitizeInline(source.date);
        const rest = `${sanitizeInline(source.publisher)}, ${date}. ${sanitizeInline(source.url)}${source.note ? ` (${sanitizeInline(source.note)})` : ''}`;
        return hang(`• ${title} — `, `• ${style.strong(title)} — `, rest, width, INDENT, BULLET_HANG);
      });
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
    case 'sources':
      return entry.sources.length > 0;
  }
}

/** The narrowest layout; a smaller --width still gets this much. */
export const MIN_WIDTH = 20;

/**
 * The whole entry, as the lines of text `define` prints (no trailing newline). With
 * `sections`, only the term's name and those sections, in the order given; a requested
 * section the entry lacks says so rather than vanishing.
 */
export function renderEntry(entry: Entry, o: RenderOptions): string {
  const width = Math.max(MIN_WIDTH, o.width);
  const options = { ...o, width };
  const out = o.sections ? wrapWords(sanitizeInline(entry.term), width).map(o.style.title) : header(entry, options);
  for (const name of o.sections ?? SECTIONS) {
    if (hasContent(name, entry)) out.push('', o.style.heading(SECTION_TITLES[name]), ...section(name, entry, options));
    else if (o.sections) out.push('', o.style.heading(SECTION_TITLES[name]), `${INDENT}(none in this entry)`);
  }
  if (!o.sections) out.push('', ...wrapWords(`Source: ${sanitizeInline(sourceLabel(entry))}`, width));
  return out.join('\n');
}

/** One line for scripts and chat: `term — gist`, never wrapped. */
export function renderBrief(entry: Entry, style: Style): string {
  return `${style.title(sanitizeInline(entry.term))} — ${sanitizeInline(entry.gist)}`;
}

export function sourceLabel(entry: Entry): string {
  return entry.source.builtin ? `built-in glossary, ${entry.source.path}` : entry.source.path;
}
