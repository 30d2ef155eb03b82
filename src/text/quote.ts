/**
 * Text quoted back in a message. A term file is untrusted and may hold a megabyte in one
 * value, key or alias name: a diagnostic quotes at most QUOTE_CHARS of it, so a warning
 * stays one readable line (and `validate --json` on a review bot never posts a file back).
 */

/** The most characters of a value any diagnostic quotes. */
export const QUOTE_CHARS = 80;

/** `text` cut to `max` characters (code points), with "…" where it was cut. */
export function excerpt(text: string, max = 60): string {
  // 4·max code units hold at least 2·max code points, astral ones included.
  const chars = Array.from(text.length > 4 * max ? text.slice(0, 4 * max) : text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** A value from a file in double quotes, at most QUOTE_CHARS characters of it. */
export function quote(text: string): string {
  return `"${excerpt(text, QUOTE_CHARS)}"`;
}
