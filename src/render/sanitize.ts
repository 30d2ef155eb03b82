/**
 * Text from term files and user input is data, never terminal commands. Before anything
 * reaches a terminal, control characters are shown escaped (like git does with what remote
 * servers send), so only the renderer's own styling can emit escape sequences.
 */

// C0 controls except newline, DEL, C1 controls.
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;
// Bidi embeddings, overrides and isolates, and the line/paragraph separators.
const INVISIBLE = /[\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
// Lone surrogates would become U+FFFD on output anyway; make that explicit.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function hex(char: string, width: number): string {
  return char.charCodeAt(0).toString(16).toUpperCase().padStart(width, '0');
}

/** One line of display text: tabs become spaces, newlines spaces, other controls visible. */
export function sanitizeInline(text: string): string {
  return sanitizeBlock(text).replace(/\n/g, ' ');
}

/** Like sanitizeInline but keeps newlines (paragraph breaks). */
export function sanitizeBlock(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    .replace(CONTROL, (c) => `\\x${hex(c, 2)}`)
    .replace(INVISIBLE, (c) => `<U+${hex(c, 4)}>`)
    .replace(LONE_SURROGATE, '\uFFFD');
}

/** User input quoted in a one-line message, cut to `max` characters (code points). */
export { excerpt } from '../text/quote.ts';

/**
 * JSON.stringify escapes C0 controls; this also escapes DEL, C1, bidi controls and the
 * line separators, so `--json` piped to a terminal by mistake is still inert.
 */
export function safeJson(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent).replace(
    /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
    (c) => `\\u${hex(c, 4)}`,
  );
}
