/**
 * Limits checked on a term file's text before the YAML parser sees it, by counting: the
 * parser recurses once per nesting level (a few thousand levels exhaust the stack, and V8
 * may then abort the whole process rather than throw), and slows down badly on documents
 * made of many small parts (a megabyte of "}{" took 11 s, 60,000 keys 30 s: its duplicate
 * key check is quadratic). Each check is linear and stops at its cap.
 */
import type { Lexer } from 'yaml';

/** A term file needs four levels of [ or {; this leaves plenty of room. */
export const MAX_FLOW_DEPTH = 64;
/** Columns of leading indentation and block indicators ("- - - …") on one line. */
export const MAX_LEADING_INDICATORS = 256;
/** Lexical tokens; the largest built-in entry has under 700. */
export const MAX_YAML_TOKENS = 20_000;

export interface TextProblem {
  line: number;
  col: number;
  message: string;
  rule: 'empty-file' | 'nesting' | 'too-complex';
}

/** The first cheap limit the text breaks (empty, nested too deeply), or undefined. */
export function textProblem(source: string): TextProblem | undefined {
  if (isBlank(source)) return { line: 1, col: 1, message: 'the file is empty', rule: 'empty-file' };
  return nestingProblem(source);
}

/**
 * Too many YAML tokens for the full parser, or undefined. Checked only before that parser
 * runs (the yaml package's lexer is handed in, so loading yaml stays the caller's choice).
 */
export function complexityProblem(source: string, LexerClass: typeof Lexer): TextProblem | undefined {
  let count = 0;
  let offset = 0;
  for (const token of new LexerClass().lex(source)) {
    if (++count > MAX_YAML_TOKENS) {
      const message = `the YAML has too many parts (over ${MAX_YAML_TOKENS} tokens); a term file needs a few hundred`;
      return { ...position(source, offset), message, rule: 'too-complex' };
    }
    offset += token.length;
  }
  return undefined;
}

/** Only whitespace and comments. (Line by line: one regex over the whole text backtracks exponentially.) */
function isBlank(source: string): boolean {
  return source.split('\n').every((line) => {
    const content = line.trimStart();
    return content === '' || content.startsWith('#');
  });
}

/**
 * Deep nesting, found by counting rather than parsing: open flow brackets ("[[[[…") and
 * block indicators at the start of a line ("- - - - …"). Brackets inside quoted text count
 * too, which only matters for text with dozens of unclosed brackets.
 */
function nestingProblem(source: string): TextProblem | undefined {
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  let leading = true;
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (char === '\n') {
      line++;
      lineStart = i + 1;
      leading = true;
      continue;
    }
    if (leading && char !== ' ' && char !== '\t' && !isIndicator(source, i)) leading = false;
    if (leading && i - lineStart >= MAX_LEADING_INDICATORS) {
      const message = `the YAML is indented or nested too deeply (more than ${MAX_LEADING_INDICATORS} columns)`;
      return { line, col: i - lineStart + 1, message, rule: 'nesting' };
    }
    if (char === '[' || char === '{') {
      if (++depth > MAX_FLOW_DEPTH) {
        const message = `the YAML is nested too deeply (more than ${MAX_FLOW_DEPTH} levels of [ or {)`;
        return { line, col: i - lineStart + 1, message, rule: 'nesting' };
      }
    } else if ((char === ']' || char === '}') && depth > 0) depth--;
  }
  return undefined;
}

function position(source: string, offset: number): { line: number; col: number } {
  const before = source.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, col: offset - lineStart + 1 };
}

/** "- ", "? " or ": " (a block indicator), not "-" starting a word or a "-----" rule. */
function isIndicator(source: string, i: number): boolean {
  const next = source[i + 1];
  return (source[i] === '-' || source[i] === '?' || source[i] === ':') && (next === undefined || next === ' ' || next === '\t' || next === '\n' || next === '\r');
}
