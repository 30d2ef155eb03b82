/**
 * The forms people type that nobody wrote down: verb forms and plurals of every term and
 * alias ("crash out" → "crashed out", "red flag" → "red flags"), and the pronoun variants of
 * phrases ("act your wage" → "acting our wage"). Made when a glossary is compiled, with
 * en-inflectors (scripts/inflect.cjs, bundled as dist/inflect.cjs and loaded only then), so a
 * lookup only reads them.
 */
import { requireBundled } from '../bundled.ts';
import { normalize } from '../text/normalize.ts';

interface Morphology {
  verbForms(word: string): string[];
  verbBase(word: string): string;
  regularForms(base: string): string[];
  plural(noun: string): string;
}

let morphology: Morphology | undefined;
const english = (): Morphology => (morphology ??= requireBundled<Morphology>('inflect.cjs', '../scripts/inflect.cjs'));

// Pronouns swap within their role: "act your wage" → "act my wage", "let him cook" → "let them cook".
const POSSESSIVE = ['your', 'my', 'his', 'her', 'their', 'our'];
const OBJECT = ['him', 'her', 'them', 'me', 'us'];
// Words that follow a verb in a verb phrase ("crash out", "act your wage", "clock it"): a
// phrase's first word is inflected only before one of them, so "work wife" stays a noun.
const AFTER_VERB = new Set([
  'out', 'in', 'up', 'off', 'on', 'down', 'back', 'over', 'away', 'around', 'through',
  'it', 'the', 'a', 'an', 'this', 'that', 'some', ...POSSESSIVE, ...OBJECT, 'you', 'yourself',
]);
/** Phrases longer than this are sayings, not forms that get inflected. */
const MAX_TOKENS = 5;
const WORD = /^[a-z]{3,}$/;

// A glossary repeats its words ("quiet", "deck"): each is looked up once per process.
const verbFormsOf = new Map<string, string[]>();

/** A verb's five forms: from the table, or by rule for a verb ending -ing or -ed that it does not know. */
function verbForms(word: string): string[] {
  let forms = verbFormsOf.get(word);
  if (forms === undefined) {
    forms = findVerbForms(word);
    verbFormsOf.set(word, forms);
  }
  return forms;
}

function findVerbForms(word: string): string[] {
  if (!WORD.test(word)) return [];
  const known = english().verbForms(word);
  if (known.length > 0) return known;
  if (!/(ing|ed)$/.test(word)) return [];
  // The base is the candidate whose own forms give the word back: "badging" ← badge, "mogging" ← mog.
  const candidates = [english().verbBase(word), word.replace(/(ing|ed)$/, ''), word.replace(/(ing|ed)$/, 'e'), word.replace(/(.)\1(ing|ed)$/, '$1')];
  for (const base of candidates) {
    if (base === word || base.length < 3) continue;
    const table = english().verbForms(base);
    if (table.length > 0) return table;
    const forms = english().regularForms(base);
    if (forms.includes(word)) return forms;
  }
  return [];
}

function pluralOf(word: string): string | undefined {
  if (!WORD.test(word) || /(ing|ed|s)$/.test(word)) return undefined;
  const plural = english().plural(word);
  return plural !== word && plural.startsWith(word.slice(0, -2)) ? plural : undefined;
}

/** "her" is an object before a verb or at the end ("let her cook"), else a possessive ("protect her peace"). */
function swaps(words: string[], i: number): string[] {
  const word = words[i]!;
  const next = words[i + 1];
  const object = OBJECT.includes(word) && (word !== 'her' || next === undefined || verbForms(next)[0] === next);
  const possessive = POSSESSIVE.includes(word) && !(word === 'her' && object);
  return [...(possessive ? POSSESSIVE : []), ...(object ? OBJECT : [])].filter((w) => w !== word);
}

/**
 * Variants of one normalised phrase: the verb of a verb phrase ("crash out", "act your wage"),
 * the verb at the end of a compound ("rage applying", "soft launch"), the last word's plural.
 */
function inflections(words: string[]): string[][] {
  const out: string[][] = [];
  const last = words.length - 1;
  const verbFirst = last === 0 || AFTER_VERB.has(words[1]!);
  if (verbFirst) for (const form of verbForms(words[0]!)) out.push([form, ...words.slice(1)]);
  const verbLast = last > 0 && (/(ing|ed)$/.test(words[last]!) || verbForms(words[0]!).length === 0);
  if (verbLast) for (const form of verbForms(words[last]!)) out.push([...words.slice(0, last), form]);
  // A verb phrase's last word is its object: "act your wages" is not a form of it.
  const plural = verbFirst && last > 0 && verbForms(words[0]!).length > 0 ? undefined : pluralOf(words[last]!);
  if (plural) out.push([...words.slice(0, last), plural]);
  return out;
}

/** A phrase with each of its pronouns swapped for the others of its role ("my ___ era" → "their ___ era"). */
export function pronounVariants(words: string[]): string[][] {
  return words.flatMap((_, i) => swaps(words, i).map((swap) => [...words.slice(0, i), swap, ...words.slice(i + 1)]));
}

/**
 * The generated forms of an entry's term and aliases, normalised, without the ones it already
 * lists. Which of them a glossary keeps (none that another entry claims, none that is an
 * ordinary word for an entry whose own word is one) is decided where the forms are used.
 */
export function generatedForms(names: string[]): string[] {
  // define's keys and explain's phrases ask for the same entry's forms one after the other.
  const key = names.join('\u0000');
  if (last?.key !== key) last = { key, forms: findForms(names) };
  return last.forms;
}

let last: { key: string; forms: string[] } | undefined;

/** Names that are words, not patterns: a blank ("my ___ era") or a suffix ("-core") is not inflected. */
export function inflectable(names: string[]): string[] {
  return names.filter((name) => !/_{2,}|^\s*-/.test(name));
}

function findForms(names: string[]): string[] {
  const own = new Set(names.map(normalize));
  const found = new Set<string>();
  for (const name of own) {
    const words = name.split(' ');
    if (words.length > MAX_TOKENS || words.some((w) => w === '')) continue;
    for (const variant of [words, ...inflections(words)]) {
      found.add(variant.join(' '));
      for (const swapped of pronounVariants(variant)) found.add(swapped.join(' '));
    }
  }
  return [...found].filter((form) => !own.has(form));
}
