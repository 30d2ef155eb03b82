/**
 * Long messages in slices, so that Ctrl-C ends `explain` of a megabyte at once: JavaScript
 * runs no signal handler in the middle of synchronous work, so the work stops for a moment
 * (Io.pause) between slices. The answer is the same as in one piece: each slice is read with
 * MARGIN_CHARS of the message on either side, and keeps only the hits that start inside it.
 */
import type { Hit } from '../search/explain.ts';

/** About this much of a message is worked on between pauses (~10 ms). */
export const SLICE_CHARS = 32 * 1024;

/** The first cut at or after `from`: after a newline, else (when `anySpace`) after a space. */
function cutAt(text: string, from: number, anySpace: boolean): number {
  if (from >= text.length) return text.length;
  const newline = text.indexOf('\n', from);
  if (newline !== -1 && newline < from + SLICE_CHARS) return newline + 1;
  if (anySpace) {
    const space = text.indexOf(' ', from);
    if (space !== -1) return space + 1;
  }
  return newline === -1 ? text.length : newline + 1;
}

/**
 * Renders the text a slice at a time with `render(slice, hitsInIt)`, cutting only between
 * lines (or, when `anySpace`, after any space) and never inside a hit, and joins the results.
 */
export async function renderInSlices(
  text: string,
  hits: Hit[],
  anySpace: boolean,
  pause: (() => Promise<void>) | undefined,
  render: (slice: string, hits: Hit[]) => string,
): Promise<string> {
  if (!pause || text.length <= 2 * SLICE_CHARS) return render(text, hits);
  const parts: string[] = [];
  let next = 0; // the first hit not yet rendered
  for (let start = 0; start < text.length; ) {
    let end = cutAt(text, start + SLICE_CHARS, anySpace);
    let last = next;
    for (;;) {
      while (last < hits.length && hits[last]!.end <= end) last++;
      const straddling = hits[last];
      if (!straddling || straddling.start >= end) break;
      end = cutAt(text, straddling.end, anySpace);
    }
    const inside = hits.slice(next, last).map((hit) => ({ ...hit, start: hit.start - start, end: hit.end - start }));
    // A slice that ends a line is rendered without its newline, as the lines of the whole are.
    const endsLine = text[end - 1] === '\n';
    parts.push(render(text.slice(start, endsLine ? end - 1 : end), inside), endsLine ? '\n' : '');
    next = last;
    start = end;
    await pause();
  }
  return parts.join('');
}
