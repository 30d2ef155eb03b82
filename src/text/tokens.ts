/**
 * Word tokens with their positions in the original text, for `explain`. Matching whole
 * tokens is what gives word boundaries: "bet" is never found inside "alphabet".
 */
import { normalize } from './normalize.ts';
import { finish, type Steps } from './steps.ts';

export interface Token {
  /** Normalised form (see normalize()), with apostrophes dropped. */
  norm: string;
  /** UTF-16 offsets into the original text. */
  start: number;
  end: number;
}

// A word: letters, digits and marks, with apostrophes inside it ("it's", "ain't"); or one
// emoji with its modifiers and joiners; both ignore zero-width format characters
// between letters only by splitting there, which is the safe reading of hidden characters.
const TOKEN =
  /[\p{L}\p{N}\p{M}]+(?:['\u2019\u02BC][\p{L}\p{N}\p{M}]+)*|\p{Extended_Pictographic}(?:\uFE0F|[\u{1F3FB}-\u{1F3FF}]|\u200D\p{Extended_Pictographic}\uFE0F?)*|\p{Regional_Indicator}{2}/gu;

export function tokenize(text: string): Token[] {
  return finish(tokenizeSteps(text));
}

/** tokenize() as steps (steps.ts), one every few thousand words: a megabyte takes ~100 ms. */
export function* tokenizeSteps(text: string): Steps<Token[]> {
  const tokens: Token[] = [];
  // Messages repeat their words; normalising each distinct word once keeps long ones fast.
  const normOf = new Map<string, string>();
  let count = 0;
  for (const match of text.matchAll(TOKEN)) {
    if (++count % 4096 === 0) yield;
    let norm = normOf.get(match[0]);
    if (norm === undefined) {
      norm = normalizeToken(match[0]);
      normOf.set(match[0], norm);
    }
    if (norm === '') continue;
    tokens.push({ norm, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

/** Emoji lose their variation selectors so "👀" and "👀️" meet; words go through normalize(). */
export function normalizeToken(word: string): string {
  return normalize(word).replace(/\uFE0F/g, '').replace(/ /g, '');
}

/** Token forms of a term or alias, as the text tokenizer would see them. */
export function phraseTokens(phrase: string): string[] {
  return tokenize(phrase).map((token) => token.norm);
}

export function isEmojiToken(norm: string): boolean {
  return /^\p{Extended_Pictographic}/u.test(norm);
}
