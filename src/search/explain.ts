/**
 * `explain`: find every glossary term in a message. Whole tokens only (word boundaries),
 * longest phrase first ("no cap" before "cap"). Entries marked `ambiguous` are ordinary
 * English words too (fire, bet, tea, mid…): they count as *certain* only when one of the
 * entry's cues matches ("spill the tea"), as *possible* in a slang-looking context
 * ("it's mid", "big W", standing alone, next to other slang), and not at all otherwise
 * ("I bet the tea is cold").
 */
import type { Entry } from '../corpus/entry.ts';
import { finish, type Steps } from '../text/steps.ts';
import { isEmojiToken, type Token, tokenizeSteps } from '../text/tokens.ts';
import { fileTypoWords, suffixAt, TypoCorrector } from './patterns.ts';
import { explainParts, type ExplainIndexData, type LeadPhrase, matchFrom, mergeExplainParts, phrasesByLead, WILDCARD } from './phrases.ts';

export { type ExplainIndexData, type ExplainParts, explainParts, type LeadPhrase, mergeExplainParts, NOT_A_BLANK, phrasesByLead } from './phrases.ts';

/** Tokens (or hits) between steps of explainSteps: a few milliseconds of work. */
const STEP_TOKENS = 2048;

export type Certainty = 'certain' | 'possible';

export interface Hit {
  slug: string;
  /** The text as written in the message. */
  text: string;
  /** UTF-16 offsets (JavaScript string indices). */
  start: number;
  end: number;
  certainty: Certainty;
}

// "big W", "took an L". Normalised (apostrophes dropped).
const SLANG_BEFORE = new Set([
  'thats', 'its', 'so', 'sooo', 'soo', 'lowkey', 'highkey', 'kinda', 'lowk', 'highk', 'hella', 'mad', 'straight',
  'literally', 'lit', 'big', 'huge', 'massive', 'major', 'absolute', 'giving', 'pure',
  'deadass', 'bro', 'bruh', 'ngl', 'fr', 'tbh', 'ok', 'okay', 'bet', 'also', 'actually', 'def', 'sm',
]);
// Words and marks after which it reads as slang: "mid fr", "that's cap lol", "fire 🔥".
// Two-word lead-ins: "took an L", "taking the W", "such a vibe".
const SLANG_BEFORE_PAIRS = new Set(['took an', 'took the', 'take an', 'take the', 'taking an', 'taking the', 'such a', 'such an', 'what a']);

const SENTENCE_END = /[\n.!?]/;
const CLAUSE_BREAK = /[,;:()\u2013\u2014…]|\s-\s/;

const NEIGHBOUR_TOKENS = 12;

function sameSentence(text: string, tokens: Token[], from: number, to: number): boolean {
  return !SENTENCE_END.test(text.slice(tokens[from]!.end, tokens[to]!.start));
}
const SHORT_SENTENCE = 5;

/** The sentence number of each token. */
function sentenceIds(text: string, tokens: Token[]): number[] {
  let id = 0;
  return tokens.map((token, i) => {
    if (i > 0 && SENTENCE_END.test(text.slice(tokens[i - 1]!.end, token.start))) id++;
    return id;
  });
}

function sameLine(text: string, tokens: Token[], a: number, b: number): boolean {
  const [from, to] = a < b ? [a, b] : [b, a];
  return !text.slice(tokens[from]!.end, tokens[to]!.start).includes('\n');
}

const SLANG_AFTER = new Set(['fr', 'frfr', 'ngl', 'tbh', 'lol', 'lmao', 'lmfao', 'af', 'periodt', 'no', 'fam', 'bestie', 'bro', 'bruh', 'tho', 'istg', 'ong', 'sm']);


/** The index as explain reads it: in memory, or stored and read by lead key (store/explain-store.ts). */
export interface ExplainSource {
  phrasesUnder(key: string): LeadPhrase[] | undefined;
  /** Whether a phrase phrasesUnder gave is an ordinary English word (ExplainIndexData.plain). */
  isPlain?(phrase: string): boolean;
  /** The phrases' tokens filed under any of `keys` (patterns.ts typoKeys), for typo correction. */
  wordsUnder?(keys: string[]): Iterable<string>;
  sure?: string[];
  suffixes?: Array<[string, string]>;
  ambiguous: string[];
  cues: Array<[string, string[][]]>;
  acronyms: string[];
  slangRegister: string[];
}

export class ExplainIndex {
  private readonly byLead = new Map<string, LeadPhrase[] | undefined>();
  private readonly source: ExplainSource;
  private readonly ambiguous: Set<string>;
  private readonly cues: Map<string, string[][]>;
  private readonly acronyms: Set<string>;
  private readonly slangRegister: Set<string>;
  private readonly isPlain: (phrase: string) => boolean;
  private readonly sure: Set<string>;
  private readonly suffixes: Map<string, string>;
  private readonly typos: TypoCorrector;

  constructor(data: ExplainIndexData | ExplainSource) {
    if (!('phrasesUnder' in data)) {
      const byLead = phrasesByLead(data.phrases);
      const plain = new Set(data.plain);
      let filed: Map<string, Set<string>> | undefined;
      const wordsUnder = (keys: string[]) => {
        filed ??= fileTypoWords(data.phrases.flatMap(([tokens]) => tokens).filter((t) => t !== WILDCARD));
        return keys.flatMap((key) => [...(filed!.get(key) ?? [])]);
      };
      this.source = { ...data, phrasesUnder: (key) => byLead.get(key), isPlain: (phrase) => plain.has(phrase), wordsUnder };
    } else this.source = data;
    this.ambiguous = new Set(this.source.ambiguous);
    this.cues = new Map(this.source.cues);
    this.acronyms = new Set(this.source.acronyms);
    this.slangRegister = new Set(this.source.slangRegister);
    this.isPlain = this.source.isPlain ?? (() => false);
    this.sure = new Set(this.source.sure);
    this.suffixes = new Map(this.source.suffixes);
    this.typos = new TypoCorrector((keys) => this.source.wordsUnder?.(keys) ?? []);
  }

  private phrasesUnder(key: string): LeadPhrase[] | undefined {
    if (!this.byLead.has(key)) this.byLead.set(key, this.source.phrasesUnder(key));
    return this.byLead.get(key);
  }

  static data(entries: Iterable<Entry>): ExplainIndexData {
    return mergeExplainParts([...entries].map(explainParts));
  }

  static build(entries: Iterable<Entry>): ExplainIndex {
    return new ExplainIndex(ExplainIndex.data(entries));
  }

  /** Every hit in the text, in order; overlapping phrases resolved longest-first. */
  explain(text: string): Hit[] {
    return finish(this.explainSteps(text));
  }

  /**
   * explain() as steps (text/steps.ts), a step every STEP_TOKENS tokens of each pass, so
   * that a caller can pause between them and Ctrl-C ends a megabyte's explain at once.
   */
  *explainSteps(text: string): Steps<Hit[]> {
    const written = yield* tokenizeSteps(text);
    // Long words one typo from a glossary word are read as that word; what they match is possible.
    const corrected = written.map((token) => this.typos.correct(token.norm));
    const tokens = written.map((token, i) => (corrected[i] ? { ...token, norm: corrected[i] } : token));
    const found: Array<{ slug: string; from: number; to: number; key?: string; certainty?: Certainty }> = [];
    const matchAt = (i: number, limit: number) => {
      const phrase = this.longestAt(tokens, i);
      if (phrase) return phrase.to <= limit ? phrase : undefined;
      const pattern = this.suffixes.size > 0 ? suffixAt(this.suffixes, tokens, text, i) : undefined;
      return pattern && pattern.to <= limit ? pattern : undefined;
    };
    const add = (i: number, match: NonNullable<ReturnType<typeof matchAt>>, from = i) => {
      const typo = corrected.slice(from, match.to).some((c) => c !== undefined);
      const preset = 'certainty' in match ? match.certainty : typo ? 'possible' : undefined;
      found.push({ slug: match.slug, from, to: match.to, ...('key' in match ? { key: match.key } : {}), ...(preset ? { certainty: preset } : {}) });
    };
    for (let i = 0, next = STEP_TOKENS; i < tokens.length; ) {
      if (i >= next) {
        next += STEP_TOKENS;
        yield;
      }
      const match = matchAt(i, tokens.length);
      if (!match) {
        i++;
        continue;
      }
      // Terms inside a blank are terms too: "my [cottagecore] [era]". The pattern keeps the words after them.
      let from = i;
      if ('key' in match && match.key.includes(WILDCARD)) {
        for (let j = i + 1; j < match.to - 1; j++) {
          const inner = matchAt(j, match.to - 1);
          if (!inner) continue;
          add(j, inner);
          from = inner.to;
          j = inner.to - 1;
        }
      }
      add(i, match, from);
      i = match.to;
    }
    // Pass 1: unambiguous terms, and ambiguous ones settled by a cue or their own context.
    const verdicts: Array<Certainty | undefined> = [];
    for (const f of found) {
      verdicts.push(f.certainty ?? this.verdict(f, tokens, text));
      if (verdicts.length % STEP_TOKENS === 0) yield;
    }
    // Pass 2: an ambiguous word near slang found in pass 1 is possible: in the same sentence,
    // or on the same line when its own sentence is a short one ("Plan slaps. Big W 🔥").
    // Only chat-register terms lend context: "work-life balance" does not make "flex" slang.
    const settled = found.filter((f, i) => verdicts[i] !== undefined && this.slangRegister.has(f.slug));
    const sentence = sentenceIds(text, tokens);
    const sentenceSize = new Map<number, number>();
    for (const id of sentence) sentenceSize.set(id, (sentenceSize.get(id) ?? 0) + 1);
    const hits: Hit[] = [];
    // `settled` is in message order: look only at the window of neighbours, so a long
    // message full of hits costs linear time, not quadratic.
    let windowStart = 0;
    for (const [i, f] of found.entries()) {
      if (i % STEP_TOKENS === STEP_TOKENS - 1) yield;
      const own = sentence[f.from]!;
      const near = (s: { from: number }) =>
        s !== f &&
        Math.abs(s.from - f.from) <= NEIGHBOUR_TOKENS &&
        (sentence[s.from] === own || (sentenceSize.get(own)! <= SHORT_SENTENCE && sameLine(text, tokens, s.from, f.from)));
      while (windowStart < settled.length && settled[windowStart]!.from < f.from - NEIGHBOUR_TOKENS) windowStart++;
      const anyNear = () => {
        for (let k = windowStart; k < settled.length && settled[k]!.from <= f.from + NEIGHBOUR_TOKENS; k++) {
          if (near(settled[k]!)) return true;
        }
        return false;
      };
      // Any settled term right next to it counts, whatever its register: "it's giving FOMO".
      const touching = (k: number) => {
        const s = found[k];
        return s !== undefined && verdicts[k] !== undefined && (s.to === f.from || s.from === f.to) && sameSentence(text, tokens, Math.min(s.from, f.from), Math.max(s.to, f.to) - 1);
      };
      const certainty = verdicts[i] ?? (anyNear() || touching(i - 1) || touching(i + 1) ? 'possible' : undefined);
      if (!certainty) continue;
      const start = tokens[f.from]!.start;
      const end = tokens[f.to - 1]!.end;
      hits.push({ slug: f.slug, text: text.slice(start, end), start, end, certainty });
    }
    return hits;
  }

  /**
   * The phrase that matches the most tokens from i on; among equals (a blank can make a
   * shorter phrase end at the same token), the longer phrase, then the glossary's order.
   */
  private longestAt(tokens: Token[], i: number): { slug: string; to: number; key: string } | undefined {
    const first = tokens[i]!.norm;
    const next = tokens[i + 1];
    let best: { slug: string; to: number; length: number; order: number; key: string } | undefined;
    for (const candidates of [next ? this.phrasesUnder(`${first} ${next.norm}`) : undefined, this.phrasesUnder(first)]) {
      for (const [phrase, slug, order] of candidates ?? []) {
        const to = matchFrom(phrase, 0, tokens, i);
        if (to === undefined) continue;
        if (!best || to > best.to || (to === best.to && (phrase.length > best.length || (phrase.length === best.length && order < best.order)))) {
          best = { slug, to, length: phrase.length, order, key: phrase.join(' ') };
        }
      }
    }
    return best;
  }

  /**
   * How sure a phrase hit is. A word that is no ordinary English ("gatekept") and a pattern with a
   * blank ("my ___ era") are slang wherever they stand. An ordinary word ("fire", "ghost") needs
   * its context; an ambiguous phrase ("crashed out", "let her cook") is at least possible.
   */
  private verdict(f: { slug: string; from: number; to: number; key?: string }, tokens: Token[], text: string): Certainty | undefined {
    const words = f.key?.split(' ') ?? [];
    if (words.includes(WILDCARD)) return 'certain';
    const ordinary = f.key !== undefined && this.isPlain(f.key);
    if (!this.ambiguous.has(f.slug) && !ordinary) return 'certain';
    if (f.key !== undefined && this.sure.has(f.key)) return 'certain';
    return this.judge(f, tokens, text) ?? (words.length > 1 && !ordinary ? 'possible' : undefined);
  }

  private judge(f: { slug: string; from: number; to: number }, tokens: Token[], text: string): Certainty | undefined {
    if (this.cueMatches(f, tokens)) return 'certain';
    const first = tokens[f.from]!;
    const last = tokens[f.to - 1]!;
    const before = tokens[f.from - 1];
    const after = tokens[f.to];
    const gapBefore = before ? text.slice(before.end, first.start) : '\n';
    const gapAfter = after ? text.slice(last.end, after.start) : '\n';
    const joinedBefore = before !== undefined && !SENTENCE_END.test(gapBefore);
    const joinedAfter = after !== undefined && !SENTENCE_END.test(gapAfter);
    // An emoji is never an ordinary English word.
    if (tokens.slice(f.from, f.to).every((t) => isEmojiToken(t.norm))) return 'possible';
    // "that's fire", "it's mid", "big W", "took an L"
    if (joinedBefore && SLANG_BEFORE.has(before.norm)) return 'possible';
    const twoBefore = tokens[f.from - 2];
    if (joinedBefore && twoBefore && !SENTENCE_END.test(text.slice(twoBefore.end, before.start)) && SLANG_BEFORE_PAIRS.has(`${twoBefore.norm} ${before.norm}`)) {
      return 'possible';
    }
    // "mid fr", "cap lol", "fire 🔥"
    if (joinedAfter && (SLANG_AFTER.has(after.norm) || isEmojiToken(after.norm))) return 'possible';
    // Standing alone, or set off by punctuation: "Bet." "W" "bet, see you" "ate, no cap."
    const offBefore = !joinedBefore || CLAUSE_BREAK.test(gapBefore) || isEmojiToken(before.norm);
    const offAfter = !joinedAfter || CLAUSE_BREAK.test(gapAfter) || isEmojiToken(after.norm);
    if (offBefore && offAfter) return 'possible';
    // An acronym written in lower case is chat, not a report: "ngl", "fr", "tbh".
    const written = text.slice(first.start, last.end);
    if (this.acronyms.has(f.slug) && written === written.toLowerCase() && /\p{L}/u.test(written)) return 'possible';
    return undefined;
  }

  private cueMatches(f: { slug: string; from: number; to: number }, tokens: Token[]): boolean {
    const cues = this.cues.get(f.slug);
    if (!cues) return false;
    const hit = tokens.slice(f.from, f.to).map((t) => t.norm);
    for (const cue of cues) {
      // Every place the hit's tokens stand inside the cue, aligned against the message.
      for (let offset = 0; offset + hit.length <= cue.length; offset++) {
        if (!hit.every((t, k) => cue[offset + k] === t)) continue;
        const startInText = f.from - offset;
        if (startInText < 0) continue;
        if (cue.every((t, k) => tokens[startInText + k]?.norm === t)) return true;
      }
    }
    return false;
  }
}


/**
 * Converts UTF-16 offsets of one text to code-point offsets, resuming from the previous
 * answer, so converting every hit of a long message in order is one pass over it.
 */
export function codePointCounter(text: string): (utf16Offset: number) => number {
  let at = 0;
  let count = 0;
  return (utf16Offset) => {
    if (utf16Offset < at) {
      at = 0;
      count = 0;
    }
    // The last answer ended inside a surrogate pair, already counted as one code point.
    if (at > 0 && at < utf16Offset && isLow(text.charCodeAt(at)) && isHigh(text.charCodeAt(at - 1))) at++;
    for (; at < utf16Offset; at++) {
      const code = text.charCodeAt(at);
      if (isHigh(code) && at + 1 < utf16Offset && isLow(text.charCodeAt(at + 1))) at++;
      count++;
    }
    return count;
  };
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;
