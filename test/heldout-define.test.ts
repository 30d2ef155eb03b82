/**
 * `define` on the held-out lookups (fixtures/heldout-define.yaml, written by someone who had
 * not read the matcher): recall@1 per kind of form, and no confident wrong answer. A printed
 * entry (exact, alias or fuzzy) that is not the expected one counts as a wrong answer; so does
 * any entry printed for a word that must not resolve.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lookup } from '../src/search/lookup.ts';
import { FIXTURES, openStore } from './helpers.ts';

interface HeldOut {
  lookups: Array<{ query: string; expect: string; kind: string }>;
  must_not_resolve: Array<{ query: string; note: string }>;
}

const heldOut = parse(readFileSync(join(FIXTURES, 'heldout-define.yaml'), 'utf8')) as HeldOut;
const glossary = openStore([]);

describe('define on the held-out lookups', () => {
  it('has at least 120 lookups and 20 words that must not resolve, all naming real entries', () => {
    expect(heldOut.lookups.length).toBeGreaterThanOrEqual(120);
    expect(heldOut.must_not_resolve.length).toBeGreaterThanOrEqual(20);
    for (const { expect: slug } of heldOut.lookups) expect(glossary.entry(slug), slug).toBeDefined();
  });

  it('reaches 97% recall@1 with no confident wrong answer', async () => {
    const byKind = new Map<string, { total: number; right: number; printed: number }>();
    const wrong: string[] = [];
    const missed: string[] = [];
    for (const { query, expect: slug, kind } of heldOut.lookups) {
      const { match } = await lookup(glossary, query);
      const row = byKind.get(kind) ?? { total: 0, right: 0, printed: 0 };
      byKind.set(kind, row);
      row.total++;
      if (match) row.printed++;
      if (match?.entry.slug === slug) row.right++;
      else if (match) wrong.push(`${query} → ${match.entry.slug} (${match.type}), wanted ${slug}`);
      else missed.push(`${query} (wanted ${slug})`);
    }
    const resolved: string[] = [];
    for (const { query } of heldOut.must_not_resolve) {
      const { match } = await lookup(glossary, query);
      if (match) resolved.push(`${query} → ${match.entry.slug} (${match.type})`);
    }
    const total = [...byKind.values()].reduce((sum, row) => ({ total: sum.total + row.total, right: sum.right + row.right, printed: sum.printed + row.printed }), { total: 0, right: 0, printed: 0 });
    const pct = (a: number, b: number) => (b === 0 ? '–' : `${((a / b) * 100).toFixed(1)}%`);
    const rows = [...byKind, ['all', total] as const].map(([kind, row]) => `  ${kind.padEnd(13)} recall@1 ${pct(row.right, row.total).padStart(6)} (${row.right}/${row.total})  precision ${pct(row.right, row.printed).padStart(6)} (${row.right}/${row.printed})`);
    console.log(`define, held-out set:\n${rows.join('\n')}\n  must not resolve: ${resolved.length} of ${heldOut.must_not_resolve.length} printed an entry`);
    if (wrong.length) console.log(`wrong: ${wrong.join('; ')}`);
    if (missed.length) console.log(`missed: ${missed.join('; ')}`);
    if (resolved.length) console.log(`resolved: ${resolved.join('; ')}`);
    expect([...wrong, ...resolved]).toEqual([]);
    expect(total.right / total.total).toBeGreaterThanOrEqual(0.97);
  });
});
