#!/usr/bin/env node
// Writes a synthetic glossary of realistic term files for the benchmarks (not committed):
//   node scripts/bench-glossary.mjs <dir> <count>
// Multi-word terms with aliases, ~80-word definitions, origins, synonyms, dialogues, related
// links and FAQ pairs, so parsing and indexing cost what real files cost. Deterministic.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = (
  'quiet loud soft hard coffee desk badge meeting deck sprint vibe energy main character side quest boss ' +
  'rizz slay bare minimum hustle grind burnout lazy girl job office hybrid remote return commute lunch ' +
  'chat thread ping calendar block focus deep work shallow status update stand up retro manager mentor ' +
  'intern graduate promotion raise salary bonus budget quarter target pipeline launch campaign brand ' +
  'creator audience feed post story reel clip meme emoji reaction tea shade receipt flex cap drip glow ' +
  'era core aesthetic moment delulu solulu touch grass doom scroll ghost ghosting bench breadcrumb ' +
  'career cushion quiet cracking coasting sunday scaries task masking productivity theatre overemployed'
).split(' ');
const FILLER = (
  'the team often uses it when a colleague does something that everyone notices but nobody wants to ' +
  'say out loud in a meeting and it can sound like praise or like a gentle complaint depending on tone ' +
  'people in their twenties picked it up from short videos and group chats before it reached email ' +
  'managers sometimes hear it for the first time in a review and ask what it means for performance ' +
  'it describes a habit rather than a rule and most people who say it are half joking about work'
).split(' ');
const CATEGORIES = ['workplace-trend', 'career-money', 'wellbeing', 'internet-social', 'everyday-slang', 'team'];
const RATINGS = ['safe', 'casual', 'avoid'];
const SPEAKERS = ['Priya', 'Marcus', 'Jules', 'Tomás', 'Aisha', 'Helen', 'Dana', 'Kofi', 'Mei', 'Sam'];

function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(rand, words) {
  const out = Array.from({ length: words }, () => FILLER[Math.floor(rand() * FILLER.length)]);
  return `${out.join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
}

function paragraph(rand, words) {
  const parts = [];
  let left = words;
  while (left > 0) {
    const n = Math.min(left, 10 + Math.floor(rand() * 8));
    parts.push(sentence(rand, n));
    left -= n;
  }
  return parts.join(' ');
}

/** Term number i: two or three words, unique thanks to a numeric suffix word. */
export function termName(i) {
  const rand = random(i + 1);
  const pick = () => WORDS[Math.floor(rand() * WORDS.length)];
  const n = 2 + Math.floor(rand() * 2);
  const words = Array.from({ length: n }, pick);
  return `${words.join(' ')} ${i.toString(36)}`;
}

export function slugOf(term) {
  return term.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const quote = (text) => JSON.stringify(text);
const block = (text) => `>-\n${text.match(/.{1,76}(\s|$)/g).map((line) => `  ${line.trimEnd()}`).join('\n')}`;

export function termFile(i, count) {
  const rand = random(i * 7919 + 17);
  const term = termName(i);
  const slug = slugOf(term);
  const joined = term.replace(/ /g, '');
  const lines = [
    `term: ${term}`,
    'aliases:',
    `  - ${joined}`,
    `  - ${term}s`,
    `  - ${term.replace(/ /g, '-')}-ing`,
    `category: ${CATEGORIES[i % CATEGORIES.length]}`,
    `tags: [${WORDS[i % WORDS.length]}, ${WORDS[(i * 3) % WORDS.length]}]`,
    `workplace: ${RATINGS[i % RATINGS.length]}`,
    `since: "${2010 + (i % 15)}"`,
    `gist: ${quote(sentence(rand, 12))}`,
    `definition: ${block(`${term} means ${paragraph(rand, 80)}`)}`,
    `origin: ${block(paragraph(rand, 40))}`,
    'synonyms:',
    ...[0, 1].flatMap((k) => [`  - term: ${WORDS[(i + k * 11) % WORDS.length]} ${WORDS[(i + k * 5) % WORDS.length]}`, `    note: ${quote(sentence(rand, 12))}`]),
    'examples:',
    ...[0, 1].flatMap((k) => [
      `  - setting: ${quote(sentence(rand, 8))}`,
      '    lines:',
      ...[0, 1, 2].flatMap((l) => [`      - speaker: ${SPEAKERS[(i + k + l) % SPEAKERS.length]}`, `        text: ${quote(`${sentence(rand, 10)} ${l === 1 ? term : ''}`.trim())}`]),
    ]),
    'related:',
    ...[1, 2, 3].flatMap((k) => [`  - slug: ${slugOf(termName((i + k * 97) % count))}`, `    note: ${quote(sentence(rand, 8))}`]),
    'faq:',
    ...[0, 1, 2, 3].flatMap(() => [`  - question: ${quote(`${sentence(rand, 8).slice(0, -1)}?`)}`, `    answer: ${quote(sentence(rand, 25))}`]),
  ];
  return { slug, text: `${lines.join('\n')}\n` };
}

export function writeGlossary(dir, count) {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    const { slug, text } = termFile(i, count);
    writeFileSync(join(dir, `${slug}.yaml`), text);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count) {
    console.error('usage: node scripts/bench-glossary.mjs <dir> <count>');
    process.exit(2);
  }
  writeGlossary(dir, Number(count));
}
