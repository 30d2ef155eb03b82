/** Display width of text in a terminal: wide East Asian characters and emoji take two cells. */

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
// Two cells: emoji that default to emoji presentation, anything turned into an emoji by
// VS16 (U+FE0F, as in ❤️ and keycaps), and flags. Pictographs in text presentation
// (™, ©, ❤ without VS16) take one cell, as terminals draw them.
const EMOJI = /\p{Emoji_Presentation}|\uFE0F|\p{Regional_Indicator}/u;
const ZERO_WIDTH = /^(?:\p{M}|\p{Cf})+$/u;

// East Asian Wide and Fullwidth blocks (Unicode EastAsianWidth W/F), the common ranges.
function isWideCodePoint(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function graphemeWidth(grapheme: string): number {
  if (ZERO_WIDTH.test(grapheme)) return 0;
  if (EMOJI.test(grapheme)) return 2;
  const cp = grapheme.codePointAt(0) ?? 0;
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  return isWideCodePoint(cp) ? 2 : 1;
}

export function displayWidth(text: string): number {
  // ASCII fast path: most of what we print.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let width = 0;
  for (const { segment } of segmenter.segment(text)) width += graphemeWidth(segment);
  return width;
}

export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}
