/**
 * A reader for the plain subset of YAML that term files are written in, ~10× faster than
 * the yaml package: compiling a 10,000-file directory is mostly YAML parsing. It returns
 * the same value as `yaml` would, or `undefined` for anything outside the subset (the caller
 * then uses `yaml`, which also gives every diagnostic its location).
 * test/fastyaml.test.ts holds it to `yaml` on every term file we have and on generated ones.
 *
 * The subset: block mappings with simple keys; block sequences of scalars or of mappings;
 * plain scalars that are strings (anything that could be a number, boolean or null is left
 * to `yaml`); single- and double-quoted scalars on one line; flow sequences of plain words;
 * folded and literal block scalars (>, >-, |, |-) without more-indented lines; comments.
 */

type Value = string | number | boolean | Value[] | { [key: string]: Value };

class Unsupported extends Error {}
const bail = (): never => {
  throw new Unsupported();
};

interface Line {
  /** -1 for a blank or comment line. */
  indent: number;
  /** Without the indentation (trailing spaces kept: block scalars keep them). */
  text: string;
  raw: string;
}

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;
// Could resolve to something other than a string (number, bool, null, .inf) or start an
// indicator: left to yaml.
const NOT_PLAIN_STRING = /^(?:[-?:,[\]{}#&*!|>'"%@`.+~0-9]|(?:null|true|false)$)/i;

export function parseSimpleYaml(text: string): unknown {
  try {
    const lines: Line[] = [];
    for (const raw of text.split('\n')) {
      if (raw.endsWith('\r') || raw.includes('\t')) bail();
      const content = raw.trimStart();
      if (content === '' || content.startsWith('#')) {
        lines.push({ indent: -1, text: '', raw });
        continue;
      }
      if (/^(?:---|\.\.\.|%)/.test(raw)) bail();
      lines.push({ indent: raw.length - content.length, text: content, raw });
    }
    const parser = new Parser(lines);
    const value = parser.mapping(0);
    parser.skipBlank();
    if (parser.at < lines.length) bail();
    return value;
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

class Parser {
  at = 0;
  constructor(private readonly lines: Line[]) {}

  skipBlank(): void {
    while (this.at < this.lines.length && this.lines[this.at]!.indent === -1) this.at++;
  }

  private peek(): Line | undefined {
    this.skipBlank();
    return this.lines[this.at];
  }

  /** A block mapping whose keys stand at `indent`; `first` is a key line already split off. */
  mapping(indent: number, first?: string): { [key: string]: Value } {
    const out: { [key: string]: Value } = {};
    let text = first;
    for (;;) {
      if (text === undefined) {
        const line = this.peek();
        if (!line || line.indent < indent) break;
        if (line.indent > indent) bail();
        text = line.text;
        this.at++;
      }
      const match = KEY.exec(text) ?? bail();
      text = text.trimEnd();
      const key = match[1]!;
      if (Object.hasOwn(out, key) || key === '__proto__') bail();
      out[key] = this.value(text.slice(match[0].length), indent, true);
      text = undefined;
    }
    return out;
  }

  /** The value after "key:" or "- " on a line whose structure stands at `indent`. */
  private value(rest: string, indent: number, inMapping: boolean): Value {
    if (rest === '') {
      const next = this.peek();
      if (!next) bail();
      // A sequence may sit at its key's own indentation.
      if (next!.text.startsWith('- ') || next!.text === '-') {
        if (next!.indent < indent || (next!.indent === indent && !inMapping)) bail();
        return this.sequence(next!.indent);
      }
      if (next!.indent <= indent) bail();
      return this.mapping(next!.indent);
    }
    if (/^[>|]-?(?: +#.*)?$/.test(rest)) return this.blockScalar(rest[0] === '>', rest[1] === '-', indent);
    const scalar = inlineScalar(rest);
    // A scalar continued on the next lines is folded by YAML: not handled here.
    const next = this.peek();
    if (next && next.indent > indent) bail();
    return scalar;
  }

  private sequence(indent: number): Value[] {
    const out: Value[] = [];
    for (;;) {
      const line = this.peek();
      if (!line || line.indent < indent) break;
      if (line.indent > indent || !(line.text.startsWith('- ') || line.text.trimEnd() === '-')) break;
      this.at++;
      const rest = line.text.slice(2).trimStart().trimEnd();
      const column = indent + (line.text.length - rest.length);
      if (rest === '' || rest.startsWith('- ')) bail();
      if (KEY.test(rest)) out.push(this.mapping(column, rest));
      else out.push(this.value(rest, indent, false));
    }
    return out;
  }

  private blockScalar(folded: boolean, strip: boolean, indent: number): string {
    const body: string[] = [];
    let contentIndent = -1;
    while (this.at < this.lines.length) {
      const line = this.lines[this.at]!;
      if (line.indent === -1) {
        // Inside a block scalar a "# …" line is text, and a line of spaces may be too.
        if (line.raw !== '') bail();
        body.push('');
        this.at++;
        continue;
      }
      if (line.indent <= indent) break;
      if (contentIndent === -1) contentIndent = line.indent;
      if (line.indent !== contentIndent) bail();
      body.push(line.text);
      this.at++;
    }
    if (contentIndent === -1 || body[0] === '') bail();
    // Blank lines at the end belong to chomping, not to the text.
    let end = body.length;
    while (end > 0 && body[end - 1] === '') end--;
    // Put the trailing blank lines back for whatever follows.
    this.at -= body.length - end;
    const kept = body.slice(0, end);
    let out: string;
    if (folded) {
      out = '';
      for (let i = 0; i < kept.length; i++) {
        const line = kept[i]!;
        if (i === 0) out = line;
        else if (line === '') out += '\n';
        else out += kept[i - 1] === '' ? line : ` ${line}`;
      }
    } else out = kept.join('\n');
    return strip ? out : `${out}\n`;
  }
}

function inlineScalar(rest: string): Value {
  if (rest.startsWith('"')) return doubleQuoted(rest);
  if (rest.startsWith("'")) return singleQuoted(rest);
  if (rest.startsWith('[')) return flowSequence(rest);
  return plain(rest);
}

/** Text after a closing quote: nothing, or a comment. */
function afterQuote(tail: string): void {
  if (!/^ *$/.test(tail) && !/^ +#/.test(tail)) bail();
}

function doubleQuoted(rest: string): string {
  const match = /^"((?:[^"\\]|\\.)*)"(.*)$/.exec(rest) ?? bail();
  afterQuote(match[2]!);
  const body = match[1]!;
  // JSON's escapes are YAML's too; YAML-only escapes (\e, \N, \x…) are left to yaml.
  if (/\\[^"\\/bfnrtu]/.test(body) || /[\u0000-\u001f]/.test(body)) bail();
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return bail();
  }
}

function singleQuoted(rest: string): string {
  const match = /^'((?:[^']|'')*)'(.*)$/.exec(rest) ?? bail();
  afterQuote(match[2]!);
  return match[1]!.replace(/''/g, "'");
}

function flowSequence(rest: string): Value[] {
  const match = /^\[([^[\]{}"'#&*!|>%@`:]*)\](.*)$/.exec(rest) ?? bail();
  afterQuote(match[2]!);
  if (match[1]!.trim() === '') return [];
  return match[1]!.split(',').map((item) => plain(item.trim()));
}

// The core schema's booleans, and decimal integers small enough to be exact.
const BOOLEANS: Record<string, boolean> = { true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
const SMALL_INT = /^[0-9]{1,15}$/;

function plain(rest: string): string | number | boolean {
  const hash = rest.search(/ #/);
  const text = (hash === -1 ? rest : rest.slice(0, hash)).trimEnd();
  if (Object.hasOwn(BOOLEANS, text)) return BOOLEANS[text]!;
  if (SMALL_INT.test(text) && !/^0[0-9]/.test(text)) return Number(text);
  if (text === '' || NOT_PLAIN_STRING.test(text) || text.includes(': ') || text.endsWith(':') || text.includes('\t')) bail();
  return text;
}
