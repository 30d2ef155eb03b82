/**
 * The built-in glossary's bar (issues 3–5): every entry meets the strict profile, every
 * related link resolves, no alias belongs to two entries, and no paragraph is repeated
 * between entries. The same checks run on a thin fixture to prove they can fail.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTermText } from '../src/corpus/parse.ts';
import { FIXTURES, genzInProcess, openStore, ROOT } from './helpers.ts';

const TERMS = join(ROOT, 'data', 'terms');
const PLAN = join(ROOT, 'docs', 'planned-slugs.tsv');
/**
 * Built-in entries still waiting for their `sources` and `workplace_note` (issue 16). The
 * list may only shrink: a listed entry that has both fails the test below, and so does a
 * finding on any entry not listed.
 */
const PENDING = join(ROOT, 'test', 'fixtures', 'pending-sources.txt');
const pending = (): Set<string> =>
  new Set(existsSync(PENDING) ? readFileSync(PENDING, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')) : []);
const isPendingFinding = (finding: string, slugs: Set<string>): boolean => {
  const slug = /([a-z0-9-]+)\.yaml:\d+:\d+:/.exec(finding)?.[1];
  return slug !== undefined && slugs.has(slug) && /missing field "(sources|workplace_note)", required by the strict profile/.test(finding);
};

async function strictFindings(dir: string, extraArgs: string[] = []): Promise<{ status: number; findings: string[] }> {
  const { status, stdout } = await genzInProcess(['--no-builtin', '--data', dir, 'validate', '--strict', ...extraArgs, dir]);
  return { status, findings: stdout.trimEnd().split('\n').slice(0, -1) };
}

/** Paragraph-sized texts (definition, origin, FAQ answers, synonym notes) that appear in more than one entry. */
function repeatedParagraphs(dir: string): string[] {
  const owners = new Map<string, string>();
  const repeats: string[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.yaml'))) {
    const { entry } = parseTermText(readFileSync(join(dir, name), 'utf8'), name);
    if (!entry) continue;
    const texts = [entry.definition, entry.origin, ...entry.faq.map((f) => f.answer), ...entry.examples.flatMap((e) => e.lines.map((l) => l.text))];
    for (const text of texts) {
      const key = text.toLowerCase().replace(/\s+/g, ' ').trim();
      if (key.split(' ').length < 8) continue; // short lines ("Same.") may repeat
      const owner = owners.get(key);
      if (owner && owner !== entry.slug) repeats.push(`${entry.slug} repeats a paragraph of ${owner}`);
      else owners.set(key, entry.slug);
    }
  }
  return repeats;
}

describe('the built-in glossary', () => {
  it('meets the strict bar with no errors or warnings', async () => {
    const slugs = pending();
    const { findings } = await strictFindings(TERMS);
    expect(findings.filter((f) => !isPendingFinding(f, slugs))).toEqual([]);
  });

  it('lists as pending only entries that still lack sources or a rating note', async () => {
    const slugs = pending();
    const { findings } = await strictFindings(TERMS);
    const stillPending = new Set(findings.filter((f) => isPendingFinding(f, slugs)).map((f) => /([a-z0-9-]+)\.yaml/.exec(f)?.[1]));
    expect([...slugs].filter((slug) => !stillPending.has(slug))).toEqual([]);
  });

  it('repeats no paragraph between entries', () => {
    expect(repeatedParagraphs(TERMS)).toEqual([]);
  });

  it('has a file for every planned term', () => {
    const planned = readFileSync(PLAN, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t')[0]!);
    const present = new Set(readdirSync(TERMS).map((n) => n.replace(/\.yaml$/, '')));
    expect(planned.filter((slug) => !present.has(slug))).toEqual([]);
    expect(planned.length).toBe(246);
  });

  it('varies the people in its dialogues', () => {
    const pairs = new Map<string, number>();
    for (const name of readdirSync(TERMS)) {
      const { entry } = parseTermText(readFileSync(join(TERMS, name), 'utf8'), name);
      for (const example of entry?.examples ?? []) {
        const key = [...new Set(example.lines.map((l) => l.speaker))].sort().join('+');
        pairs.set(key, (pairs.get(key) ?? 0) + 1);
      }
    }
    expect(Math.max(...pairs.values())).toBeLessThanOrEqual(6);
  });
});

describe('the checks fail on a thin entry', () => {
  it('strict validation reports every shortfall of the fixture', async () => {
    const { status, findings } = await strictFindings(join(FIXTURES, 'thin'));
    expect(status).toBe(1);
    const rules = findings.map((f) => /\[([a-z-]+)\]$/.exec(f)?.[1]);
    expect(rules).toEqual(expect.arrayContaining(['min-words', 'min-count', 'broken-link']));
    expect(findings.filter((f) => f.includes('min-count')).length).toBeGreaterThanOrEqual(4); // synonyms, examples, lines, related, faq
  });

  it('a repeated paragraph is caught', () => {
    const dir = join(FIXTURES, 'terms');
    expect(repeatedParagraphs(dir)).toEqual([]);
    const copy = join(FIXTURES, 'repeat');
    expect(repeatedParagraphs(copy)).toEqual(['b-entry repeats a paragraph of a-entry']);
  });

  it('an alias claimed by two entries is an error', async () => {
    const { status, findings } = await strictFindings(join(FIXTURES, 'repeat'));
    expect(status).toBe(1);
    expect(findings.some((f) => f.includes('[duplicate-alias]'))).toBe(true);
  });
});

describe('every listed form finds its entry', () => {
  it('genz define <term or alias> reaches the entry for each built-in term and alias', async () => {
    const index = openStore([]);
    const glossary = index.glossary();
    const wrong: string[] = [];
    for (const entry of glossary.entries) {
      for (const form of [entry.slug, entry.term, ...entry.aliases]) {
        const found = index.exact(form)?.entry.slug;
        if (found !== entry.slug) wrong.push(`${form} → ${found ?? 'nothing'} (listed by ${entry.slug})`);
      }
    }
    expect(wrong).toEqual([]);
    expect(glossary.entries.length).toBe(246);
  });
});
