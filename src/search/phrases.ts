/**
 * The phrases explain looks for, as the store saves them per entry (ExplainParts) and merges
 * them per glossary (ExplainIndexData): each entry's own term and aliases, then the forms
 * generated from them (forms.ts), which never shadow another entry's. Also the one rule that
 * matches a phrase against a message's tokens, blanks included.
 */
import type { Entry } from '../corpus/entry.ts';
import { compact, normalize } from '../text/normalize.ts';
import { phraseTokens, type Token } from '../text/tokens.ts';
import { isEnglishWord } from './english.ts';
import { generatedForms, inflectable, pronounVariants } from './forms.ts';

/** A phrase as explain looks it up: its tokens, entry, and place in the glossary's order. */
export type LeadPhrase = [tokens: string[], slug: string, order: number];

/** Serializable so the cache can store it for large glossaries. */
export interface ExplainIndexData {
  phrases: Array<[string[], string]>;
  ambiguous: string[];
  cues: Array<[string, string[][]]>;
  /** Slugs whose term is an upper-case abbreviation that is not a word (NGL, FR). */
  acronyms: string[];
  /** Slugs of chat-register terms, which lend slang context to their neighbours. */
  slangRegister: string[];
  /** Phrases (tokens joined by spaces) that are ordinary English words: judged like ambiguous terms. */
  plain?: string[];
  /** Productive suffixes ("core" of "-core") and their entries. */
  suffixes?: Array<[string, string]>;
  /** Words of ambiguous entries that are no ordinary word and not the term itself ("gatekept"): certain. */
  sure?: string[];
}

// Words after which an ambiguous term reads as slang: "that's fire", "it's mid", "so extra",

// Wellbeing terms are mostly plain HR vocabulary ("work-life balance", "burnout",
// "self-care"): they say nothing about whether the words around them are slang.
const NOT_CHAT_REGISTER = new Set(['wellbeing']);

/**
 * The key a phrase is found under: its first two tokens ("quiet quitting" under "quiet
 * quitting"), or its first token alone when it has one token or a blank second ("bet", "it's
 * ___ for me" under "its"). A common first word of a large glossary ("quiet", "deck") starts
 * hundreds of phrases; each place it occurs then reads only the few that the next word fits.
 */
export function leadKey(tokens: string[]): string {
  return tokens.length >= 2 && tokens[1] !== WILDCARD ? `${tokens[0]} ${tokens[1]}` : tokens[0]!;
}

/** Phrases by lead key, each with its place in the glossary's order. */
export function phrasesByLead(phrases: Array<[string[], string]>): Map<string, LeadPhrase[]> {
  const byLead = new Map<string, LeadPhrase[]>();
  phrases.forEach(([tokens, slug], order) => {
    const key = leadKey(tokens);
    const list = byLead.get(key);
    if (list) list.push([tokens, slug, order]);
    else byLead.set(key, [[tokens, slug, order]]);
  });
  return byLead;
}

/** What one entry adds to the explain index; cached per term file. */
export interface ExplainParts {
  slug: string;
  acronym: boolean;
  /** Lends slang context to its neighbours (see NOT_CHAT_REGISTER). */
  chat: boolean;
  /** Token lists, in the order the entry's forms give them. */
  variants: string[][];
  ambiguous: boolean;
  cues: string[][];
  /** Generated forms (forms.ts), weaker than any entry's own: a form never shadows a term or alias. */
  generated?: string[][];
  /** Generated forms that are ordinary English words ("ghost" of ghosted): judged by their context. */
  plain?: string[];
  /** A productive suffix the entry is written as: "core" for "-core". */
  suffix?: string;
  /** An ambiguous entry's other words that are no ordinary English ("gatekept" of gatekeep, not "stan" of stan). */
  sure?: string[];
}

export function explainParts(entry: Entry): ExplainParts {
  const variants: string[][] = [];
  const names = [entry.term, ...entry.aliases];
  const suffix = names.find((name) => /^-\p{L}/u.test(name.trim()));
  // Forms with a blank or a dash are patterns, not words to inflect.
  const generated = [
    ...generatedForms(inflectable(names)).map((form) => form.split(' ')),
    ...names.filter((name) => /_{2,}/.test(name)).flatMap((name) => pronounVariants(formTokens(name))),
  ];
  const plain = generated.filter((tokens) => tokens.length === 1 && isEnglishWord(tokens[0]!));
  // An abbreviation written out ("let me know" for LMK) is ordinary English: judged by its context.
  const initials = compact(normalize(entry.term));
  const spelledOut = entry.aliases.map(phraseTokens).filter((tokens) => tokens.length > 1 && tokens.map((t) => t[0]).join('') === initials && tokens.every(isEnglishWord));
  for (const form of names) {
    const tokens = formTokens(form);
    if (tokens.length === 0 || tokens[0] === WILDCARD) continue;
    // Multi-word terms also match written as one word: "microinfluencer", "#actyourwage".
    const joinable = tokens.length > 1 && !tokens.includes(WILDCARD) && compact(tokens.join('')).length >= 5;
    variants.push(tokens);
    if (joinable) variants.push([tokens.join('')]);
  }
  return {
    slug: entry.slug,
    // Only acronyms that are not words themselves: NGL, FR, TBH, but not GOAT or HENRY.
    acronym: /^[A-Z][A-Z0-9]+$/.test(entry.term) && (entry.term.length <= 3 || !/[AEIOU]/.test(entry.term)),
    chat: !NOT_CHAT_REGISTER.has(entry.category),
    variants,
    ambiguous: entry.ambiguous,
    cues: entry.cues.map(phraseTokens).filter((t) => t.length > 0),
    // An ambiguous entry's ordinary-word forms ("fired", "betting") are not its slang at all.
    generated: entry.ambiguous ? generated.filter((tokens) => !plain.includes(tokens)) : generated,
    plain: [...(entry.ambiguous ? [] : plain.map((tokens) => tokens[0]!)), ...spelledOut.map((tokens) => tokens.join(' '))],
    ...(suffix ? { suffix: normalize(suffix) } : {}),
    ...(entry.ambiguous ? { sure: sureWords(entry, [...variants, ...generated]) } : {}),
  };
}

function sureWords(entry: Entry, variants: string[][]): string[] {
  const term = compact(normalize(entry.term));
  return variants
    .filter((tokens) => tokens.length === 1 && tokens[0] !== term && /^\p{L}{3,}$/u.test(tokens[0]!) && !isEnglishWord(tokens[0]!))
    .map((tokens) => tokens[0]!);
}

/** The index data of entries in glossary order: the first entry to give a phrase keeps it. */
export function mergeExplainParts(parts: Iterable<ExplainParts>): ExplainIndexData {
  const phrases: Array<[string[], string]> = [];
  const seen = new Set<string>();
  const ambiguous: string[] = [];
  const cues: Array<[string, string[][]]> = [];
  const acronyms: string[] = [];
  const slangRegister: string[] = [];
  const suffixes: Array<[string, string]> = [];
  const plain: string[] = [];
  const all = [...parts];
  for (const part of all) {
    if (part.acronym) acronyms.push(part.slug);
    if (part.chat) slangRegister.push(part.slug);
    for (const variant of part.variants) {
      const key = variant.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      phrases.push([variant, part.slug]);
      if (part.plain?.includes(key)) plain.push(key);
    }
    if (part.ambiguous) ambiguous.push(part.slug);
    if (part.cues.length > 0) cues.push([part.slug, part.cues]);
    if (part.suffix) suffixes.push([part.suffix, part.slug]);
  }
  // Generated forms after every entry's own: the first entry to generate one keeps it.
  const sure = all.flatMap((part) => part.sure ?? []);
  for (const part of all) {
    for (const variant of part.generated ?? []) {
      const key = variant.join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      phrases.push([variant, part.slug]);
      if (part.plain?.includes(key)) plain.push(key);
    }
  }
  return { phrases, ambiguous, cues, acronyms, slangRegister, plain, suffixes, sure };
}

/** A blank in a term ("it's the ___ for me") stands for one to three words… */
export const WILDCARD = '*';
const WILDCARD_MAX = 3;
/** …that do not start with a word of grammar: "was giving a talk" is not "was giving ___". */
export const NOT_A_BLANK = new Set(['a', 'an', 'the', 'me', 'us', 'him', 'her', 'them', 'you', 'it', 'my', 'your', 'his', 'their', 'our', 'this', 'that', 'to', 'some', 'any', 'up', 'out', 'back', 'in', 'on', 'of', 'for', 'and', 'or', 'but', 'with', 'at', 'by', 'from', 'into', 'as']);

export function formTokens(form: string): string[] {
  return form.split(/_{2,}/).flatMap((part, i) => [...(i > 0 ? [WILDCARD] : []), ...phraseTokens(part)]);
}

/** Matches pattern[p…] against tokens[t…]; returns the index after the match. */
export function matchFrom(pattern: string[], p: number, tokens: Token[], t: number): number | undefined {
  if (p === pattern.length) return t;
  if (pattern[p] === WILDCARD) {
    if (tokens[t] === undefined || NOT_A_BLANK.has(tokens[t]!.norm)) return undefined;
    for (let n = 1; n <= WILDCARD_MAX && t + n <= tokens.length; n++) {
      const end = matchFrom(pattern, p + 1, tokens, t + n);
      if (end !== undefined) return end;
    }
    return undefined;
  }
  return tokens[t]?.norm === pattern[p] ? matchFrom(pattern, p + 1, tokens, t + 1) : undefined;
}
