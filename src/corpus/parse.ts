/**
 * One term file's text → a validated entry, or located diagnostics. Pure apart from the
 * `yaml` parser; reading files is the loader's job.
 */
import type * as JsYaml from 'js-yaml';
import type * as Yaml from 'yaml';
import type { Node } from 'yaml';
import { requireBundled } from '../bundled.ts';
import type { Entry } from './entry.ts';
import { excerpt } from '../text/quote.ts';
import { complexityProblem, MAX_YAML_TOKENS, textProblem } from './limits.ts';
import { type EntryFields, type Path, type Profile, type Severity, validateTerm } from './validate.ts';

// The yaml package is a third of the program's code and only needed when a term file is
// parsed, which most runs never do (the glossaries are compiled). Parsing is synchronous:
// it is required on first use (bundled.ts; bundled, since its ~80 modules cost 40 ms to
// load one by one).
let yamlModule: typeof Yaml | undefined;
function yaml(): typeof Yaml {
  yamlModule ??= requireBundled<typeof Yaml>('yaml.cjs', 'yaml');
  return yamlModule;
}

// The quick path. yaml builds a document with positions for every node, ~2 ms a term file;
// js-yaml reads the same YAML 1.2 core schema into plain values in ~0.25 ms (measured on the
// bench's files): a first run over 10,000 files took 18 s through yaml alone. A file that
// js-yaml reads, that has no anchors or aliases, is too short to break the token limit, and
// validates with no finding at all needs no positions. Everything else takes the yaml path,
// which locates each finding, so the answer and the diagnostics are the same either way.
let jsYamlModule: typeof JsYaml | undefined;
const ANCHOR_OR_ALIAS = /(?:^|[\s[{,:-])[&*]\S/;

function quickly(source: string, slug: string, profile: Profile): EntryFields | undefined {
  if (source.length > MAX_YAML_TOKENS || ANCHOR_OR_ALIAS.test(source)) return undefined;
  jsYamlModule ??= requireBundled<typeof JsYaml>('js-yaml.cjs', 'js-yaml');
  let value: unknown;
  try {
    value = jsYamlModule.load(source, { schema: jsYamlModule.CORE_SCHEMA });
  } catch {
    return undefined;
  }
  const { entry, problems } = validateTerm(value, slug, profile);
  return problems.length === 0 ? entry : undefined;
}

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
/** The parser's own messages are cut to this (its longest fixed text is about 90 characters). */
const MAX_YAML_MESSAGE_CHARS = 120;
/** No diagnostic message is longer: fixed text and a few quotes of QUOTE_CHARS each. */
const MAX_MESSAGE_CHARS = 400;
// Alias expansion cap: a legitimate term file needs few anchors; a "billion laughs" needs many.
const MAX_ALIAS_COUNT = 50;

export function slugOfFile(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return base.replace(/\.ya?ml$/i, '');
}

export function parseTermText(
  text: string,
  file: string,
  options: { profile?: Profile; builtin?: boolean; positions?: boolean } = {},
): ParseResult {
  const diag = (line: number, col: number, message: string, rule: string, severity: Severity = 'error'): Diagnostic => ({
    file,
    line,
    col,
    severity,
    // Quotes are cut where they are made (text/quote.ts); this bounds the whole line.
    message: excerpt(message, MAX_MESSAGE_CHARS),
    rule,
  });
  // YAML counts a lone CR (old Mac files) as a line break; the parser does not. Replacing
  // it one for one keeps every offset, so positions stay right.
  const source = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).replace(/\r(?!\n)/g, '\n');
  // Empty or too deep: found by counting, before any parser sees the text.
  const problem = textProblem(source);
  if (problem) return { diagnostics: [diag(problem.line, problem.col, problem.message, problem.rule)] };

  // `genz validate` asks for positions, to locate what it finds across files.
  const quick = options.positions ? undefined : quickly(source, slugOfFile(file), options.profile ?? 'basic');
  if (quick) return { entry: { ...quick, source: { path: file, builtin: options.builtin ?? false } }, diagnostics: [] };

  const { isNode, Lexer, LineCounter, parseDocument } = yaml();
  const tooComplex = complexityProblem(source, Lexer);
  if (tooComplex) return { diagnostics: [diag(tooComplex.line, tooComplex.col, tooComplex.message, tooComplex.rule)] };
  const lineCounter = new LineCounter();
  let doc: ReturnType<typeof Yaml.parseDocument>;
  let value: unknown;
  try {
    // logLevel 'error': the parser's warnings (a list used as a key…) would go to
    // process.emitWarning, printing Node's own lines on stderr; validation reports those.
    doc = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: 'error' });
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

/** For a path ending in a mapping key, the key's node, so "unknown key" points at the key. */
function keyNodeOf(doc: ReturnType<typeof Yaml.parseDocument>, path: Path): Node | undefined {
  const { isMap, isScalar } = yaml();
  const last = path[path.length - 1];
  const parent = doc.getIn(path.slice(0, -1), true);
  if (typeof last !== 'string' || !isMap(parent)) return undefined;
  return parent.items.map((pair) => pair.key).find((key): key is Node => isScalar(key) && key.value === last);
}

/** The parser's message, one line, cut: it may quote the file (an alias name, a tag). */
function firstLine(message: string): string {
  const line = (message.slice(0, 4 * MAX_YAML_MESSAGE_CHARS).split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '').trim();
  return excerpt(line, MAX_YAML_MESSAGE_CHARS);
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message} [${d.rule}]`;
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule);
}
