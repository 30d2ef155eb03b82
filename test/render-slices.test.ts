/** explain's highlighting a slice at a time (src/render/slices.ts): where it cuts, and what each slice gets. */
import { describe, expect, it } from 'vitest';
import { renderInSlices, SLICE_CHARS } from '../src/render/slices.ts';
import type { Hit } from '../src/search/explain.ts';

const hit = (start: number, end: number): Hit => ({ slug: 'x', text: 'x', start, end, certainty: 'certain' });
/** A slice as its length and its hits' offsets, so that each cut shows. */
const describeSlice = (slice: string, hits: Hit[]) => `${slice.length}:${hits.map((h) => `${h.start}-${h.end}`).join(',')}`;

describe('renderInSlices', () => {
  // 1,000 lines of 99 letters and a newline: newlines at 99, 199, … 99,999.
  const lines = `${'a'.repeat(99)}\n`.repeat(1000);

  it('renders in one piece without a pause, or when the text is short', async () => {
    let pauses = 0;
    const pause = async () => void pauses++;
    expect(await renderInSlices(lines, [hit(5, 7)], false, undefined, describeSlice)).toBe('100000:5-7');
    expect(await renderInSlices(lines.slice(0, 2 * SLICE_CHARS), [], false, pause, describeSlice)).toBe('65536:');
    expect(pauses).toBe(0);
  });

  it('cuts after the first newline past each 32 KiB, moves a cut past a hit, and gives hits offsets in their slice', async () => {
    expect(SLICE_CHARS).toBe(32768);
    let pauses = 0;
    const pause = async () => void pauses++;
    // The first cut would be at 32,800 (after the newline at 32,799), inside the hit at 32,790–32,810: it moves to 32,900.
    const out = await renderInSlices(lines, [hit(32790, 32810), hit(40000, 40005)], false, pause, describeSlice);
    expect(out).toBe('32899:32790-32810\n32799:7100-7105\n32799:\n1499:\n');
    expect(pauses).toBe(4);
    expect(await renderInSlices(lines, [], false, pause, (slice) => slice)).toBe(lines);
  });

  it('cuts one long line after a space only when anySpace', async () => {
    const line = 'word '.repeat(20000); // spaces at 4, 9, … : the first at or after 32,768 is 32,769
    const pause = async () => {};
    expect(await renderInSlices(line, [], true, pause, (s) => `${s.length}|`)).toBe('32770|32770|32770|1690|');
    expect(await renderInSlices(line, [], false, pause, (s) => `${s.length}|`)).toBe('100000|');
  });
});
