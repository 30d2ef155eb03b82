/**
 * `explain` on the held-out messages (fixtures/heldout-explain.yaml, written by someone who
 * had not read the matcher): recall per kind of form (a term counts as found when reported as
 * certain or possible), precision on slang messages, and on plain messages no certain hit and
 * at most one possible hit per ten messages.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ExplainIndex } from '../src/search/explain.ts';
import { FIXTURES, openStore } from './helpers.ts';

interface HeldOut {
  slang: Array<{ text: string; expect: string[]; kind: string }>;
  plain: Array<{ text: string; note: string }>;
}

const heldOut = parse(readFileSync(join(FIXTURES, 'heldout-explain.yaml'), 'utf8')) as HeldOut;
const glossary = openStore([]);
const index = new ExplainIndex(glossary.explainSource());

describe('explain on the held-out messages', () => {
  it('has at least 60 slang messages (25 inflected or pronoun-changed) and 30 plain ones, naming real entries', () => {
    expect(heldOut.slang.length).toBeGreaterThanOrEqual(60);
    expect(heldOut.slang.filter((m) => m.kind === 'inflected' || m.kind === 'pronoun').length).toBeGreaterThanOrEqual(25);
    expect(heldOut.plain.length).toBeGreaterThanOrEqual(30);
    for (const message of heldOut.slang) for (const slug of message.expect) expect(glossary.entry(slug), slug).toBeDefined();
  });

  it('reaches 97% recall, with no certain hit and at most one possible hit per ten plain messages', () => {
    const byKind = new Map<string, { expected: number; found: number; reported: number; correct: number }>();
    const misses: string[] = [];
    const extras: string[] = [];
    for (const message of heldOut.slang) {
      const row = byKind.get(message.kind) ?? { expected: 0, found: 0, reported: 0, correct: 0 };
      byKind.set(message.kind, row);
      const slugs = new Set(index.explain(message.text).map((hit) => hit.slug));
      row.expected += message.expect.length;
      row.reported += slugs.size;
      for (const slug of message.expect) {
        if (slugs.has(slug)) row.found++;
        else misses.push(`${slug} in "${message.text}"`);
      }
      for (const slug of slugs) {
        if (message.expect.includes(slug)) row.correct++;
        else extras.push(`${slug} in "${message.text}"`);
      }
    }
    const certain: string[] = [];
    const possible: string[] = [];
    for (const message of heldOut.plain) {
      for (const hit of index.explain(message.text)) (hit.certainty === 'certain' ? certain : possible).push(`${hit.slug} ("${hit.text}") in "${message.text}"`);
    }
    const all = [...byKind.values()].reduce((a, r) => ({ expected: a.expected + r.expected, found: a.found + r.found, reported: a.reported + r.reported, correct: a.correct + r.correct }), { expected: 0, found: 0, reported: 0, correct: 0 });
    const pct = (a: number, b: number) => (b === 0 ? '–' : `${((a / b) * 100).toFixed(1)}%`);
    const rows = [...byKind, ['all', all] as const].map(([kind, r]) => `  ${kind.padEnd(13)} recall ${pct(r.found, r.expected).padStart(6)} (${r.found}/${r.expected})  precision ${pct(r.correct, r.reported).padStart(6)} (${r.correct}/${r.reported})`);
    console.log(`explain, held-out set:\n${rows.join('\n')}\n  plain messages (${heldOut.plain.length}): ${certain.length} certain, ${possible.length} possible false positives`);
    if (misses.length) console.log(`missed: ${misses.join('; ')}`);
    if (extras.length) console.log(`unexpected: ${extras.join('; ')}`);
    if (certain.length || possible.length) console.log(`in plain messages: ${[...certain, ...possible].join('; ')}`);
    expect(certain).toEqual([]);
    expect(possible.length).toBeLessThanOrEqual(heldOut.plain.length / 10);
    expect(all.found / all.expected).toBeGreaterThanOrEqual(0.97);
  });
});
