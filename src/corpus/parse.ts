/**
 * One term file's text → a validated entry, or located diagnostics. Pure apart from the
 * `yaml` parser; reading files is the loader's job.
 */
import { isNode, Lexer, LineCounter, type Node, parseDocument } from 'yaml';
import type { Entry } from './entry.ts';
import { type Path, type Profile, type Severity, validateTerm } from './validate.ts';

export interface Diagnostic {
  file: string;
  line: number;
  col: number;
  severity: Severity;
  message: string;
  rule: string;
}

export interface ParseResult {
  entry?: Entry;
  diagnostics: Diagnostic[];
  /** Line and column of a field, for checks that span files (duplicate aliases…). */
  locate?: (path: Path) => { line: number; col: number };
}

/** Largest term file we read; anything bigger is refused before parsing. */
export const MAX_FILE_BYTES = 1024 * 1024;
// Alias expansion cap: a legitimate term file needs few anchors; a "billion laughs" needs many.
const MAX_ALIAS_COUNT = 50;
// Nesting caps, checked on the raw text before the parser sees it: the parser recurses per
// level, and a few thousand levels exhaust the stack (V8 may then abort the whole process
// rather than throw). A term file needs four levels; these leave plenty of room.
export const MAX_FLOW_DEPTH = 64;
const MAX_LEADING_INDICATORS = 256;
// The parser slows down badly on documents made of many small parts: a megabyte of "}{"
// (a million errors) takes 11 s, 60,000 keys 30 s (its duplicate-key check is quadratic).
// The largest built-in entry is under 700 lexical tokens; counting stops at this cap.
export const MAX_YAML_TOKENS = 20_000;

export function slugOfFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.ya?ml$/i, '');
}

export function parseTermText(
  text: string,
  file: string,
  options: { profile?: Profile; builtin?: boolean } = {},
): ParseResult {
  const diag = (line: number, col: number, message: string, rule: string, severity: Severity = 'error'): Diagnostic => ({
    file,
    line,
    col,
    severity,
    message,
    rule,
  });
  // YAML counts a lone CR (old Mac files) as a line break; the parser does not. Replacing
  // it one for one keeps every offset, so positions stay right.
  const source = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r(?!\n)/g, '\n');
  if (isBlank(source)) return { diagnostics: [diag(1, 1, 'the file is empty', 'empty-file')] };
  const tooDeep = nestingProblem(source);
  if (tooDeep) return { diagnostics: [diag(tooDeep.line, tooDeep.col, tooDeep.message, 'nesting')] };
  const tooMany = tokenLimitAt(source);
  if (tooMany !== undefined) {
    const { line, col } = position(source, tooMany);
    const message = `the YAML has too many parts (over ${MAX_YAML_TOKENS} tokens); a term file needs a few hundred`;
    return { diagnostics: [diag(line, col, message, 'too-complex')] };
  }

  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  let value: unknown;
  try {
    doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true });
    // The parser reports a stack overflow as an error of its own, once per level it unwinds.
    const overflow = doc.errors.find((error) => /call stack/i.test(error.message));
    if (overflow) {
      const pos = lineCounter.linePos(overflow.pos[0]);
      return { diagnostics: [diag(pos.line, pos.col, 'the YAML is nested too deeply', 'nesting')] };
    }
    const errors = doc.errors.map((error) => {
      const pos = lineCounter.linePos(error.pos[0]);
      const rule = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax';
      return diag(pos.line, pos.col, firstLine(error.message), rule);
    });
    if (errors.length > 0) return { diagnostics: errors };
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The parser throws for alias bombs and for nesting deep enough to exhaust the stack.
    const message =
      error instanceof RangeError ? 'the YAML is nested too deeply' : `the YAML cannot be loaded: ${firstLine(String((error as Error).message))}`;
    return { diagnostics: [diag(1, 1, message, error instanceof RangeError ? 'nesting' : 'yaml-syntax')] };
  }

  // A value problem points at the value, an unknown key at the key, and a missing field at
  // the nearest parent that exists.
  const locate = (path: Path, atKey = false): { line: number; col: number } => {
    for (let depth = path.length; depth >= 0; depth--) {
      const prefix = path.slice(0, depth);
      const node = doc.getIn(prefix, true);
      const target = atKey && depth === path.length ? keyNodeOf(doc, prefix) : isNode(node) ? node : keyNodeOf(doc, prefix);
      if (target?.range) return lineCounter.linePos(target.range[0]);
    }
    return { line: 1, col: 1 };
  };

  const { entry, problems } = validateTerm(value, slugOfFile(file), options.profile ?? 'basic');
  const diagnostics = problems.map((p) => {
    const pos = locate(p.path, p.rule === 'unknown-key');
    return diag(pos.line, pos.col, p.message, p.rule, p.severity);
  });
  if (!entry) return { diagnostics, locate };
  return { entry: { ...entry, source: { path: file, builtin: options.builtin ?? false } }, diagnostics, locate };
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
function nestingProblem(source: string): { line: number; col: number; message: string } | undefined {
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
      return { line, col: i - lineStart + 1, message: `the YAML is indented or nested too deeply (more than ${MAX_LEADING_INDICATORS} columns)` };
    }
    if (char === '[' || char === '{') {
      if (++depth > MAX_FLOW_DEPTH) {
        return { line, col: i - lineStart + 1, message: `the YAML is nested too deeply (more than ${MAX_FLOW_DEPTH} levels of [ or {)` };
      }
    } else if ((char === ']' || char === '}') && depth > 0) depth--;
  }
  return undefined;
}

/** Where the YAML lexer's token count passes MAX_YAML_TOKENS, or undefined. */
function tokenLimitAt(source: string): number | undefined {
  let count = 0;
  let offset = 0;
  for (const token of new Lexer().lex(source)) {
    if (++count > MAX_YAML_TOKENS) return offset;
    offset += token.length;
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

/** For a path ending in a mapping key, the key's node, so "unknown key" points at the key. */
function keyNodeOf(doc: ReturnType<typeof parseDocument>, path: Path): Node | undefined {
  const last = path[path.length - 1];
  if (typeof last !== 'string' || path.length === 0) return undefined;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  if (!parent || !('items' in parent) || !Array.isArray(parent.items)) return undefined;
  for (const item of parent.items as Array<{ key?: unknown }>) {
    if (isNode(item.key) && 'value' in item.key && item.key.value === last) return item.key;
  }
  return undefined;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message} [${d.rule}]`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule);
}
