/**
 * `explain` precision and recall on realistic workplace messages: fixtures/explain-corpus.yaml
 * (written alongside the matcher) and fixtures/explain-heldout.yaml (written by someone who
 * saw neither the matcher nor the first set). Recall counts a term as found when it is reported as
 * certain or possible; precision counts reported hits that were expected. Plain messages
 * must produce no certain hit at all.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ExplainIndex } from '../src/search/explain.ts';
import { FIXTURES, openStore } from './helpers.ts';

interface Corpus {
  slang: Array<{ text: string; expect: string[] }>;
  plain: Array<{ text: string; allow?: string[] }>;
}

const load = (name: string) => parse(readFileSync(join(FIXTURES, name), 'utf8')) as Corpus;
const CORPORA: Array<[string, Corpus]> = [
  ['tuning set', load('explain-corpus.yaml')],
  ['held-out set', load('explain-heldout.yaml')],
];
const glossary = openStore([]);
const index = new ExplainIndex(glossary.explainSource());

describe.each(CORPORA)('explain quality on the %s', (name, corpus) => {
  it('has at least 40 messages, half of them plain', () => {
    expect(corpus.slang.length + corpus.plain.length).toBeGreaterThanOrEqual(40);
    expect(corpus.plain.length).toBeGreaterThanOrEqual(20);
    for (const message of corpus.slang) for (const slug of message.expect) expect(glossary.entry(slug), slug).toBeDefined();
  });

  it('reaches 95% recall on slang messages with precise hits, and no certain false positive on plain ones', () => {
    let expected = 0;
    let found = 0;
    let reported = 0;
    let correct = 0;
    const misses: string[] = [];
    const extras: string[] = [];
    for (const message of corpus.slang) {
      const slugs = new Set(index.explain(message.text).map((h) => h.slug));
      expected += message.expect.length;
      reported += slugs.size;
      for (const slug of message.expect) {
        if (slugs.has(slug)) found++;
        else misses.push(`${slug} in "${message.text}"`);
      }
      for (const slug of slugs) {
        if (message.expect.includes(slug)) correct++;
        else extras.push(`${slug} in "${message.text}"`);
      }
    }
    const certainFalse: string[] = [];
    const possibleFalse: string[] = [];
    for (const message of corpus.plain) {
      for (const hit of index.explain(message.text)) {
        if (message.allow?.includes(hit.slug)) continue;
        (hit.certainty === 'certain' ? certainFalse : possibleFalse).push(`${hit.slug} (${hit.certainty}) in "${message.text}"`);
      }
    }
    const recall = found / expected;
    const precision = correct / reported;
    // The numbers go in the test output (and the closing notes).
    console.log(
      `explain, ${name}: recall ${(recall * 100).toFixed(1)}% (${found}/${expected}), precision on slang messages ${(precision * 100).toFixed(1)}% (${correct}/${reported}), plain messages: ${certainFalse.length} certain and ${possibleFalse.length} possible false positives`,
    );
    if (misses.length) console.log(`missed: ${misses.join('; ')}`);
    if (extras.length) console.log(`unexpected: ${extras.join('; ')}`);
    if (possibleFalse.length) console.log(`possible in plain: ${possibleFalse.join('; ')}`);
    expect(certainFalse).toEqual([]);
    expect(recall).toBeGreaterThanOrEqual(0.95);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });
});
