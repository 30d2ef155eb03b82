#!/usr/bin/env node
/**
 * How template-like the glossary reads, and whether its ratings follow docs/ratings.md.
 * `node scripts/corpus-report.mjs [dir]` prints the shares; test/corpus.test.ts holds the
 * built-in glossary to LIMITS with the same code, so the shares cannot drift back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const LIMITS = {
  /** The most common first two words of a definition, as a share of entries. */
  sameOpening: 0.1,
  /** Entries that say "Gen Z colleague(s)" anywhere. */
  genZColleague: 0.1,
  /** Dialogues of exactly 3 or 4 lines (strict already bounds every dialogue to 2–8). */
  threeOrFourLines: 0.6,
  /** Entries with a scene where someone asks or explains what a word means. */
  explainScenes: 0.05,
  /** Entries with an FAQ question that asks for the origin again. */
  originFaq: 0.05,
  /** Origins with a sentence on how the word reached the office: none at all. */
  officeSentences: 0,
};

/** Rating rules that can be checked from tags (docs/ratings.md). */
export const MUST_AVOID = ['sexual', 'profanity', 'looks', 'age-label', 'mental-health-joke'];
export const NEVER_SAFE = ['political', 'insult'];

export const OFFICE_SENTENCE =
  /\b(?:reach(?:ed|es|ing)?|c[ao]me (?:in)?to|c[ao]me through|arriv(?:ed|es|ing)|made (?:it|its way) (?:in)?to|enter(?:ed|s|ing)|spread (?:in)?to|carr(?:y|ies|ied) (?:it )?(?:in)?to|brought (?:it )?(?:in)?to|br(?:ing|ings) (?:it )?(?:in)?to|mov(?:ed|es) (?:in)?to|cross(?:ed|es) (?:in)?to|found its way|migrat(?:ed|es) (?:in)?to|followed [a-z ]{0,30}(?:in)?to|slipped (?:in)?to|went from [^.]{0,60} to)\b[^.]{0,100}\b(?:office|offices|workplaces?|work chats?|team chats?|slack|teams|meetings?|colleagues?|co-?workers?|desks?|stand-?ups?|work)\b/i;
export const EXPLAIN_SCENE =
  /\bwhat (?:does|do|is|did) [^.?!]{0,40}\bmean\b|\bwhat'?s [^.?!]{0,30}\bmean\b|\bmeans?,? like\b|\bit means\b|\bthat means\b|\bis slang for\b|\bi had to google\b|\blook(?:ed)? it up\b/i;
export const ORIGIN_QUESTION =
  /\b(?:where|how) (?:does|did|do) [^?]{0,60}\b(?:come from|start|originate|begin)\b|\borigins?\b|\bwho (?:coined|invented|started)\b|\bwhere [^?]{0,40}\bfrom\?$/i;

export function readEntries(dir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => ({ slug: name.slice(0, -5), ...parse(readFileSync(join(dir, name), 'utf8')) }));
}

const opening = (text) => String(text ?? '').toLowerCase().replace(/[^a-z0-9' ]+/g, ' ').trim().split(/\s+/).slice(0, 2).join(' ');

/** Shares and offenders for each measure. */
export function measure(entries) {
  const n = entries.length || 1;
  const openings = new Map();
  for (const e of entries) openings.set(opening(e.definition), [...(openings.get(opening(e.definition)) ?? []), e.slug]);
  const [topOpening, topSlugs] = [...openings].sort((a, b) => b[1].length - a[1].length)[0] ?? ['', []];
  const dialogues = entries.flatMap((e) => e.examples ?? []);
  const lines = (e) => (e.examples ?? []).flatMap((x) => (x.lines ?? []).map((l) => String(l.text)));
  const genZ = entries.filter((e) => /gen z colleagues?/i.test(JSON.stringify(e))).map((e) => e.slug);
  const explain = entries.filter((e) => lines(e).some((t) => EXPLAIN_SCENE.test(t))).map((e) => e.slug);
  const originFaq = entries.filter((e) => (e.faq ?? []).some((f) => ORIGIN_QUESTION.test(String(f.question)))).map((e) => e.slug);
  const office = entries.filter((e) => OFFICE_SENTENCE.test(String(e.origin ?? '').replace(/\s+/g, ' '))).map((e) => e.slug);
  const ratings = entries
    .filter((e) => {
      const tags = e.tags ?? [];
      return (tags.some((t) => MUST_AVOID.includes(t)) && e.workplace !== 'avoid') || (tags.some((t) => NEVER_SAFE.includes(t)) && e.workplace === 'safe');
    })
    .map((e) => e.slug);
  return {
    entries: entries.length,
    sameOpening: { share: topSlugs.length / n, opening: topOpening, slugs: topSlugs },
    genZColleague: { share: genZ.length / n, slugs: genZ },
    threeOrFourLines: { share: dialogues.filter((d) => [3, 4].includes((d.lines ?? []).length)).length / (dialogues.length || 1) },
    explainScenes: { share: explain.length / n, slugs: explain },
    originFaq: { share: originFaq.length / n, slugs: originFaq },
    officeSentences: { share: office.length / n, slugs: office },
    ratingRuleBreaks: ratings,
    missingNote: entries.filter((e) => !e.workplace_note).map((e) => e.slug),
    missingSources: entries.filter((e) => !(e.sources ?? []).length).map((e) => e.slug),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? join(fileURLToPath(new URL('..', import.meta.url)), 'data', 'terms');
  const only = process.argv.slice(3);
  const all = readEntries(dir);
  const m = measure(all);
  const pct = (x) => `${(x * 100).toFixed(1)}%`;
  console.log(`${m.entries} entries`);
  for (const key of Object.keys(LIMITS)) {
    const row = m[key];
    const ok = row.share <= LIMITS[key] ? 'ok  ' : 'OVER';
    const who = row.slugs ? row.slugs.filter((s) => only.length === 0 || only.includes(s)) : [];
    console.log(`${ok} ${key}: ${pct(row.share)} (limit ${pct(LIMITS[key])})${row.opening ? ` "${row.opening}"` : ''}${who.length ? `\n       ${who.join(' ')}` : ''}`);
  }
  for (const key of ['ratingRuleBreaks', 'missingNote', 'missingSources']) {
    const who = m[key].filter((s) => only.length === 0 || only.includes(s));
    console.log(`${who.length ? 'OVER' : 'ok  '} ${key}: ${m[key].length}${who.length ? `\n       ${who.join(' ')}` : ''}`);
  }
}
