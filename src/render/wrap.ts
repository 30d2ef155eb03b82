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
    const wordWidth = displayWidth(word);
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
    if (wordWidth <= room()) {
      line = word;
      lineWidth = wordWidth;
      continue;
    }
    // A word longer than a line is cut grapheme by grapheme, in one pass. (Cutting a piece
    // and measuring the rest again was quadratic: a term file's megabyte-long word took
    // minutes to print.) A grapheme wider than the line gets a line of its own.
    // Where the line may break inside the word: just after its last hyphen or slash.
    const ascii = PRINTABLE_ASCII.test(word);
    let breakAt = 0;
    for (const part of ascii ? word : graphemes(word)) {
      const w = ascii ? 1 : graphemeWidth(part);
      // (A loop: the tail carried over from a cut after a hyphen may still leave no room.)
      while (line !== '' && lineWidth + w > room()) {
        // The tail goes to the next line, which is narrower than the first under a hanging
        // indent: cut after the hyphen only when the tail fits there.
        const tail = breakAt > 0 ? line.slice(breakAt) : '';
        const tailWidth = displayWidth(tail); // shorter than a line
        const cut = tail !== '' && tailWidth <= Math.max(1, restWidth) ? breakAt : line.length;
        lines.push(line.slice(0, cut));
        line = line.slice(cut);
        lineWidth = line === '' ? 0 : tailWidth;
        breakAt = 0;
      }
      line += part;
      lineWidth += w;
      if (part === '-' || part === '/') breakAt = line.length;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

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
