/** Display width of text in a terminal: wide East Asian characters and emoji take two cells. */

// Characters that join a grapheme to its neighbours (UAX #29: Extend, SpacingMark, ZWJ,
// Prepend, regional indicators, Hangul jamo, CR, and the few others this Node's ICU joins;
// test/render.test.ts tries every code point against Intl.Segmenter). Text without them has
// one grapheme per code point, so it is split without Intl.Segmenter, whose construction
// costs ~10 ms.
const JOINING =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: single code points on purpose (any one of them means "use the segmenter")
  /\u200D|[\p{M}\p{Regional_Indicator}\r\u200C\uFE00-\uFE0F\uFF9E\uFF9F\u0E33\u0EB3\u0600-\u0605\u06DD\u070F\u0890\u0891\u08E2\u0D4E\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF\u{1F3FB}-\u{1F3FF}\u{E0000}-\u{E0FFF}\u{110BD}\u{110CD}\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}\u{113D1}\u{16D63}\u{16D67}-\u{16D6A}]/u;
let segmenter: Intl.Segmenter | undefined;

/** Whether some of the text's code points may form one grapheme (else each is one). */
export function joinsGraphemes(text: string): boolean {
  return JOINING.test(text);
}

// Two cells: emoji that default to emoji presentation, anything turned into an emoji by
// VS16 (U+FE0F, as in ❤️; after a pictograph only: a space plus VS16 is one cell), keycaps, and flags. Pictographs in text presentation
// (™, ©, ❤ without VS16) take one cell, as terminals draw them.
const EMOJI = /\p{Emoji_Presentation}|\p{Extended_Pictographic}\uFE0F|\uFE0F?\u20E3|\p{Regional_Indicator}/u;
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
  for (const segment of graphemeSegments(text)) width += graphemeWidth(segment);
  return width;
}

export function graphemes(text: string): string[] {
  return Array.from(graphemeSegments(text));
}

// Intl.Segmenter slows down quadratically with the length of the string it is given
// (Node 20's ICU: 40,000 characters take half a second, a megabyte ten minutes), so long
// text is fed to it in windows.
const WINDOW = 256;

/**
 * The grapheme clusters of `text`, segmenting a window at a time. Each window after the
 * first starts at the last cluster of the one before, since that cluster may go on past
 * the window's end; breaks inside a window depend only on what comes before them and the
 * next character, so they are the ones the whole text would give. A cluster longer than a
 * window (a letter under hundreds of combining marks) is cut.
 */
export function* graphemeSegments(text: string): Generator<string> {
  if (!joinsGraphemes(text)) {
    yield* text; // one grapheme per code point
    return;
  }
  segmenter ??= new Intl.Segmenter('en', { granularity: 'grapheme' });
  const seg = segmenter;
  let at = 0;
  while (at < text.length) {
    const end = Math.min(text.length, at + WINDOW);
    const parts = Array.from(seg.segment(text.slice(at, end)), (s) => s.segment);
    if (end === text.length || parts.length === 1) {
      yield* parts;
      at = end;
      continue;
    }
    const last = parts.pop()!;
    yield* parts;
    at = end - last.length;
  }
}
