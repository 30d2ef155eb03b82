import { displayWidth, graphemes, graphemeWidth } from './width.ts';

// Spaces a line may break at: every white space except the no-break ones (U+00A0, U+2007,
// U+202F), which hold "10 000" or "Q 3" together.
const BREAKABLE_SPACE = /[^\S\u00A0\u2007\u202F]+/;

/**
 * Greedy word wrap by display width. `firstWidth` is the room on the first line,
 * `restWidth` on the following ones (hanging indents are the caller's). A word is broken
 * only when it is longer than a whole line, after a hyphen or slash where one fits.
 */
export function wrapWords(text: string, firstWidth: number, restWidth = firstWidth): string[] {
  const words = text.split(BREAKABLE_SPACE).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let lineWidth = 0;
  const room = () => Math.max(1, lines.length === 0 ? firstWidth : restWidth);
  for (const word of words) {
    let wordWidth = displayWidth(word);
    if (line !== '' && lineWidth + 1 + wordWidth <= room()) {
      line += ` ${word}`;
      lineWidth += 1 + wordWidth;
      continue;
    }
    if (line !== '') {
      lines.push(line);
      line = '';
      lineWidth = 0;
    }
    let rest = word;
    while (wordWidth > room()) {
      const [head, tail] = splitAtWidth(rest, room());
      lines.push(head);
      rest = tail;
      wordWidth = displayWidth(rest);
    }
    line = rest;
    lineWidth = wordWidth;
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

function splitAtWidth(word: string, width: number): [string, string] {
  let used = 0;
  const parts = graphemes(word);
  let i = 0;
  let lastBreak = 0;
  for (; i < parts.length; i++) {
    const part = parts[i]!;
    const w = graphemeWidth(part);
    if (used + w > width && i > 0) break;
    used += w;
    if ((part === '-' || part === '/') && i + 1 < parts.length) lastBreak = i + 1;
  }
  const cut = lastBreak > 0 && i < parts.length ? lastBreak : i;
  return [parts.slice(0, cut).join(''), parts.slice(cut).join('')];
}

/**
 * Wraps `prefix + text`, styling the prefix. Following lines hang under the text (the
 * prefix's width), or under `restIndent` when given. When that leaves too little room the
 * text hangs under a short indent instead, so nothing is squeezed into a thin column.
 */
export function hang(prefix: string, styledPrefix: string, text: string, width: number, indent = '', restIndent?: string): string[] {
  const indentWidth = displayWidth(indent);
  let rest = restIndent ?? ' '.repeat(indentWidth + displayWidth(prefix));
  if (width - displayWidth(rest) < Math.min(20, Math.floor(width / 2))) rest = `${indent}  `;
  const lines = wrapWords(prefix + text, width - indentWidth, width - displayWidth(rest));
  return lines.map((line, i) => {
    if (i > 0) return rest + line;
    const styled = line.startsWith(prefix) ? styledPrefix + line.slice(prefix.length) : line;
    return indent + styled;
  });
}
