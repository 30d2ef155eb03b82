/** `related`'s text: the entries one entry links to, and those linking to it, with their notes. */
import type { RelatedLink } from './json.ts';
import { sanitizeInline } from './sanitize.ts';
import type { Style } from './style.ts';
import { hang } from './wrap.ts';

/** A heading, then a bullet per link: "• term — note", the note hanging under the bullet. */
function block(title: string, links: RelatedLink[], style: Style, width: number): string[] {
  if (links.length === 0) return [];
  return [
    style.heading(title),
    ...links.flatMap((link) => {
      const name = sanitizeInline(link.term ?? `${link.slug} (not in this glossary)`);
      return hang(`• ${name} — `, `• ${style.strong(name)} — `, sanitizeInline(link.note), width, '  ', '    ');
    }),
  ];
}

/** Both blocks of `term`'s links, a blank line between them; no lines when it has none. */
export function relatedLines(term: string, outgoing: RelatedLink[], incoming: RelatedLink[], style: Style, width: number): string[] {
  const name = sanitizeInline(term);
  return [
    ...block(`${name} LINKS TO`, outgoing, style, width),
    ...(outgoing.length > 0 && incoming.length > 0 ? [''] : []),
    ...block(`LINKING TO ${name}`, incoming, style, width),
  ];
}
