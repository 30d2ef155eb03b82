/**
 * Validation of one term document, already parsed from YAML into plain values. Pure: it
 * returns problems with the path of the field at fault, and the caller turns paths into
 * line:column (see parse.ts). The JSON Schema in schema/term.schema.json states the same
 * rules; test/schema-agreement.test.ts holds the two together.
 */
import { nearest } from '../text/distance.ts';
import { SLUG_PATTERN, normalize, slugify } from '../text/normalize.ts';
import { phraseTokens } from '../text/tokens.ts';
import { excerpt, QUOTE_CHARS, quote } from '../text/quote.ts';
import { CATEGORIES, type Citation, deriveGist, type Entry, STRICT_MINIMUMS as MIN, TERM_KEYS, WORKPLACE_RATINGS, wordCount } from './entry.ts';

export type Path = ReadonlyArray<string | number>;
export type Severity = 'error' | 'warning';
export type Profile = 'basic' | 'strict';

export interface Problem {
  path: Path;
  severity: Severity;
  message: string;
  rule: string;
}

export type EntryFields = Omit<Entry, 'source'>;

// C0/C1 controls other than tab and newline, plus bidi overrides and isolates.
const SUSPICIOUS_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

type Obj = Record<string, unknown>;

/** Rules that only the strict profile enforces. */
const BAR_RULES = new Set(['min-words', 'min-count', 'max-count', 'gist-length', 'required-strict']);
const CITATION_KEYS = ['title', 'publisher', 'date', 'url', 'note'] as const;
const CITATION_DATE = /^(?:\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?|undated)$/;

function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Not in the file: no key, or a key with nothing after it (`gist:`). */
function absent(value: unknown): value is null | undefined {
  return value === undefined || value === null;
}

/** Where a list item, a source field or `since` is expected, a number reads as its digits (`date: 2024`). */
function digits(value: unknown): unknown {
  return typeof value === 'number' ? String(value) : value;
}

class Checker {
  readonly problems: Problem[] = [];
  constructor(readonly profile: Profile) {}

  report(path: Path, message: string, rule: string, severity: Severity = 'error'): void {
    this.problems.push({ path, severity, message, rule });
  }

  /** A non-empty string, or undefined after reporting. */
  text(value: unknown, path: Path, what: string): string | undefined {
    if (typeof value !== 'string') {
      this.report(path, `${what} must be text, not ${describe(value)}`, 'type');
      return undefined;
    }
    const trimmed = value.trim();
    if (trimmed === '') {
      this.report(path, `${what} is empty`, 'empty');
      return undefined;
    }
    if (/^TODO\b/.test(trimmed)) this.report(path, `${what} still has the template's TODO`, 'placeholder', 'warning');
    if (SUSPICIOUS_CHARS.test(trimmed)) {
      this.report(path, `${what} contains a control or bidi character`, 'control-character', 'warning');
    }
    return trimmed;
  }

  /** A text field the file may leave out: undefined then. */
  optional(doc: Obj, key: string): string | undefined {
    return absent(doc[key]) ? undefined : this.text(doc[key], [key], key);
  }

  list(value: unknown, path: Path, what: string): unknown[] {
    if (absent(value)) return [];
    if (!Array.isArray(value)) {
      this.report(path, `${what} must be a list, not ${describe(value)}`, 'type');
      return [];
    }
    return value;
  }

  /** Checks the keys of a nested mapping (synonym, example, line…). */
  object(value: unknown, path: Path, what: string, keys: readonly string[]): Obj | undefined {
    if (!isObject(value)) {
      this.report(path, `${what} must be a mapping with ${keys.join(', ')}, not ${describe(value)}`, 'type');
      return undefined;
    }
    this.unknownKeys(value, path, keys, what);
    return value;
  }

  unknownKeys(value: Obj, path: Path, keys: readonly string[], what: string): void {
    for (const key of Object.keys(value)) {
      if (keys.includes(key)) continue;
      const [guess] = nearest(key, keys);
      const hint = guess ? ` (did you mean "${guess}"?)` : ` (allowed: ${keys.join(', ')})`;
      this.report([...path, key], `unknown key ${quote(key)} in ${what}${hint}`, 'unknown-key');
    }
  }

  atLeast(count: number, min: number, path: Path, what: string): void {
    if (this.profile === 'strict' && count < min) {
      this.report(path, `${what}: ${count}, the strict minimum is ${min}`, 'min-count');
    }
  }

  minWords(text: string | undefined, min: number, key: string): void {
    if (this.profile !== 'strict' || text === undefined) return;
    const words = wordCount(text);
    if (words < min) this.report([key], `${key} has ${words} words, the strict minimum is ${min}`, 'min-words');
  }

  required(doc: Obj, key: string, strictOnly: boolean): void {
    if (!absent(doc[key])) return;
    if (!strictOnly) this.report([], `missing required field "${key}"`, 'required');
    else if (this.profile === 'strict') this.report([], `missing field "${key}", required by the strict profile`, 'required-strict');
  }
}

function containsRun(haystack: string[], needle: string[]): boolean {
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    if (needle.every((t, k) => haystack[i + k] === t)) return true;
  }
  return false;
}

function describe(value: unknown): string {
  if (absent(value)) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${typeof value === 'string' ? JSON.stringify(excerpt(value, QUOTE_CHARS)) : excerpt(String(value), QUOTE_CHARS)}`;
}

/** Items that are text; `check` sees each with its path in the file (not its index in the result). */
function stringList(c: Checker, doc: Obj, key: string, check?: (text: string, path: Path) => void): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  c.list(doc[key], [key], key).forEach((item, i) => {
    const text = c.text(digits(item), [key, i], `${key} item`);
    if (text === undefined) return;
    const form = normalize(text);
    if (seen.has(form)) c.report([key, i], `${quote(text)} is listed twice in ${key}`, 'duplicate-item', 'warning');
    seen.add(form);
    check?.(text, [key, i]);
    out.push(text);
  });
  return out;
}

function enumValue<T extends string>(c: Checker, doc: Obj, key: string, allowed: readonly T[]): T | undefined {
  const value = doc[key];
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const [guess] = typeof value === 'string' ? nearest(value, allowed) : [];
  const hint = guess ? ` (did you mean "${guess}"?)` : '';
  c.report([key], `${key} must be one of ${allowed.join(', ')}, not ${describe(value)}${hint}`, 'enum');
  return undefined;
}

function pairs<T>(
  c: Checker,
  doc: Obj,
  key: string,
  what: string,
  fields: readonly [string, string],
  build: (a: string, b: string, path: Path, obj: Obj) => T,
): T[] {
  const out: T[] = [];
  c.list(doc[key], [key], key).forEach((item, i) => {
    const obj = c.object(item, [key, i], what, fields);
    if (!obj) return;
    const a = c.text(obj[fields[0]], [key, i, fields[0]], `${what} ${fields[0]}`);
    const b = c.text(obj[fields[1]], [key, i, fields[1]], `${what} ${fields[1]}`);
    if (a !== undefined && b !== undefined) out.push(build(a, b, [key, i], obj));
  });
  return out;
}

function examples(c: Checker, doc: Obj): Entry['examples'] {
  const out: Entry['examples'] = [];
  c.list(doc['examples'], ['examples'], 'examples').forEach((item, i) => {
    const obj = c.object(item, ['examples', i], 'example', ['setting', 'lines']);
    if (!obj) return;
    const setting = c.text(obj['setting'], ['examples', i, 'setting'], 'example setting');
    const lines: Entry['examples'][number]['lines'] = [];
    c.list(obj['lines'], ['examples', i, 'lines'], 'example lines').forEach((line, j) => {
      const path = ['examples', i, 'lines', j];
      const lineObj = c.object(line, path, 'dialogue line', ['speaker', 'text']);
      if (!lineObj) return;
      const speaker = c.text(lineObj['speaker'], [...path, 'speaker'], 'speaker');
      const text = c.text(lineObj['text'], [...path, 'text'], 'line text');
      if (speaker !== undefined && text !== undefined) lines.push({ speaker, text });
    });
    if (lines.length === 0) c.report(['examples', i], 'an example needs at least one line', 'min-count');
    c.atLeast(lines.length, MIN.linesPerExample, ['examples', i, 'lines'], 'lines in this example');
    if (c.profile === 'strict' && lines.length > MIN.maxLinesPerExample) {
      c.report(['examples', i, 'lines'], `lines in this example: ${lines.length}, the strict maximum is ${MIN.maxLinesPerExample}`, 'max-count');
    }
    const speakers = new Set(lines.map((line) => line.speaker)).size;
    c.atLeast(speakers, MIN.speakersPerExample, ['examples', i, 'lines'], 'different speakers in this example');
    if (setting !== undefined && lines.length > 0) out.push({ setting, lines });
  });
  return out;
}

// A source's URL: absolute http(s), nothing else (a `javascript:` link must never reach a page),
// with a host as written (the URL parser skips slashes, backslashes and tabs after "//": to it,
// `http:///x` has host x). The schema's pattern: userinfo@, a bracketed IPv6 address or a name
// without the characters URLs forbid in hosts, a port; the parser checks the rest (IPv4, IDNA).
const WEB_URL = /^https?:\/\/(?:[^\s/\\?#@]*@)?(?:\[[\dA-Fa-f:.]+\]|[^\s/\\?#@:\[\]<>^|%]+)(?::\d*)?(?:[/?#]|$)/i;

function sources(c: Checker, doc: Obj): Citation[] {
  const out: Citation[] = [];
  c.list(doc['sources'], ['sources'], 'sources').forEach((item, i) => {
    const path = ['sources', i];
    const obj = c.object(item, path, 'source', CITATION_KEYS);
    if (!obj) return;
    for (const key of ['title', 'publisher', 'date', 'url'] as const) {
      if (absent(obj[key])) c.report(path, `source is missing "${key}"`, 'required');
    }
    const field = (key: string) => (absent(obj[key]) ? undefined : c.text(digits(obj[key]), [...path, key], `source ${key}`));
    const [title, publisher, date, url, note] = CITATION_KEYS.map(field);
    // A format is checked on the text as written (untrimmed), as the schema sees it.
    const writtenDate = String(digits(obj['date']));
    if (date !== undefined && !CITATION_DATE.test(writtenDate)) {
      c.report([...path, 'date'], `source date ${quote(writtenDate)} should be YYYY, YYYY-MM, YYYY-MM-DD or "undated"`, 'date-format');
    }
    const written = String(obj['url']);
    if (url !== undefined && !(WEB_URL.test(written) && URL.canParse(written))) c.report([...path, 'url'], `source url ${quote(written)} must be an http:// or https:// address`, 'url-format');
    if (title === undefined || publisher === undefined || date === undefined || url === undefined) return;
    out.push(note === undefined ? { title, publisher, date, url } : { title, publisher, date, url, note });
  });
  return out;
}

/** Validates a parsed term document for the file `slug`.yaml. */
export function validateTerm(value: unknown, slug: string, profile: Profile): { entry?: EntryFields; problems: Problem[] } {
  const c = new Checker(profile);
  if (!isObject(value)) {
    c.report([], `a term file must be a mapping of fields (term, definition, …), not ${describe(value)}`, 'not-a-mapping');
    return { problems: c.problems };
  }
  c.unknownKeys(value, [], TERM_KEYS, 'a term file');
  if (!SLUG_PATTERN.test(slug)) {
    c.report([], `file name ${quote(slug)} is not a slug (lowercase letters and digits joined by hyphens)`, 'slug-format');
  }

  for (const key of ['term', 'category', 'workplace', 'definition'] as const) c.required(value, key, false);
  for (const key of ['gist', 'origin', 'synonyms', 'examples', 'related', 'faq', 'sources', 'workplace_note'] as const) c.required(value, key, true);

  const term = value['term'] === undefined ? undefined : c.text(value['term'], ['term'], 'term');
  if (term !== undefined && SLUG_PATTERN.test(slug) && slugify(term) !== slug && slugify(term) !== '') {
    c.report(['term'], `term ${quote(term)} would have the file name ${excerpt(slugify(term), QUOTE_CHARS)}.yaml, not ${slug}.yaml`, 'slug-mismatch', 'warning');
  }
  const aliases = stringList(c, value, 'aliases', (alias, path) => {
    if (term !== undefined && normalize(alias) === normalize(term)) c.report(path, `alias ${quote(alias)} is the term itself`, 'duplicate-item', 'warning');
  });
  const category = value['category'] === undefined ? undefined : enumValue(c, value, 'category', CATEGORIES);
  const tags = stringList(c, value, 'tags', (tag, path) => {
    if (!SLUG_PATTERN.test(tag)) c.report(path, `tag ${quote(tag)} should be lowercase words joined by hyphens`, 'tag-format', 'warning');
  });
  const workplace = value['workplace'] === undefined ? undefined : enumValue(c, value, 'workplace', WORKPLACE_RATINGS);
  const workplaceNote = c.optional(value, 'workplace_note') ?? '';
  const since = absent(value['since']) ? null : (c.text(digits(value['since']), ['since'], 'since') ?? null);
  const definition = value['definition'] === undefined ? undefined : c.text(value['definition'], ['definition'], 'definition');
  c.minWords(definition, MIN.definitionWords, 'definition');
  const gist = c.optional(value, 'gist');
  if (gist !== undefined && gist.length > MIN.gistChars) {
    c.report(['gist'], `gist is ${gist.length} characters, keep it to ${MIN.gistChars}`, 'gist-length', profile === 'strict' ? 'error' : 'warning');
  }
  const origin = c.optional(value, 'origin') ?? '';
  c.minWords(value['origin'] === undefined ? undefined : origin, MIN.originWords, 'origin');

  const synonyms = pairs(c, value, 'synonyms', 'synonym', ['term', 'note'], (t, note) => ({ term: t, note }));
  const related = pairs(c, value, 'related', 'related link', ['slug', 'note'], (s, note, path, obj) => {
    const written = String(obj['slug']); // checked untrimmed, as the schema sees it
    if (!SLUG_PATTERN.test(written)) c.report([...path, 'slug'], `${quote(written)} is not a slug`, 'slug-format');
    if (s === slug) c.report([...path, 'slug'], 'an entry cannot be related to itself', 'self-link');
    return { slug: s, note };
  });
  const faq = pairs(c, value, 'faq', 'FAQ pair', ['question', 'answer'], (question, answer) => ({ question, answer }));
  const dialogues = examples(c, value);
  const citations = sources(c, value);

  if (value['synonyms'] !== undefined) c.atLeast(synonyms.length, MIN.synonyms, ['synonyms'], 'synonyms');
  if (value['examples'] !== undefined) c.atLeast(dialogues.length, MIN.examples, ['examples'], 'examples');
  if (value['related'] !== undefined) c.atLeast(related.length, MIN.related, ['related'], 'related links');
  if (value['faq'] !== undefined) c.atLeast(faq.length, MIN.faq, ['faq'], 'FAQ pairs');
  if (value['sources'] !== undefined) c.atLeast(citations.length, MIN.sources, ['sources'], 'sources');

  const ambiguous = value['ambiguous'] ?? false;
  if (typeof ambiguous !== 'boolean') c.report(['ambiguous'], `ambiguous must be true or false, not ${describe(ambiguous)}`, 'type');
  // The same tokens `genz explain` matches on, so a cue that passes here can fire there.
  const forms = term === undefined ? [] : [term, ...aliases].map((form) => phraseTokens(form.replace(/_{2,}/g, ' ')));
  const cues = stringList(c, value, 'cues', (cue, path) => {
    const tokens = phraseTokens(cue);
    if (term !== undefined && !forms.some((form) => form.length > 0 && containsRun(tokens, form))) {
      c.report(path, `cue ${quote(cue)} does not contain the term or one of its aliases`, 'cue-term', 'warning');
    }
  });

  // One rule for validate and loading: an error means the file gives no entry (loading then
  // says "skipped"). Only under --strict does falling short of the bar still yield the entry,
  // so checks across files (links, duplicate aliases) can run on it too.
  const failed = c.problems.some((p) => p.severity === 'error' && (profile === 'basic' || !BAR_RULES.has(p.rule)));
  if (failed || term === undefined || category === undefined || workplace === undefined || definition === undefined) {
    return { problems: c.problems };
  }
  return {
    entry: {
      slug,
      term,
      aliases,
      category,
      tags,
      workplace,
      workplaceNote,
      since,
      gist: gist ?? deriveGist(definition),
      definition,
      origin,
      synonyms,
      examples: dialogues,
      related,
      faq,
      sources: citations,
      ambiguous: ambiguous === true,
      cues,
    },
    problems: c.problems,
  };
}
