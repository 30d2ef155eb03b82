/**
 * Shared material for the test/hostile-*.test.ts files: terminal attack payloads, a term
 * directory built from them, and the checks that output is inert.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';

/** What a hostile term file or message might try to send a terminal. */
export const PAYLOADS = {
  sgr: '\u001b[31mRED\u001b[0m',
  clearScreen: '\u001b[2J\u001b[H',
  cursorMove: '\u001b[10A\u001b[5C',
  osc8Link: '\u001b]8;;https://evil.example\u0007click me\u001b]8;;\u0007',
  osc52Clipboard: '\u001b]52;c;cm0gLXJmIH4=\u0007',
  title: '\u001b]0;pwned\u0007',
  titleST: '\u001b]2;pwned\u001b\\',
  dcs: '\u001bP+q\u001b\\',
  bell: 'ding\u0007',
  backspace: 'safe\b\b\b\bEVIL',
  carriageReturn: 'harmless\rEVIL',
  bidiOverride: 'invoice\u202Efdp.exe',
  bidiIsolate: '\u2066hidden\u2069',
  c1Csi: '\u009b31m',
  nextLine: 'a\u0085b',
  del: 'x\u007f',
  lineSeparator: 'one\u2028two',
  nul: 'a\u0000b',
} as const;

/** Every payload in one string, between markers so a test can find it. */
export const ALL = `[${Object.values(PAYLOADS).join('|')}]`;

/**
 * Raw characters that must never reach a terminal from data: C0 controls other than
 * newline, DEL, C1, bidi controls, line/paragraph separators, lone surrogates.
 */
const FORBIDDEN =
  /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SGR = /\u001b\[[0-9;]*m/g;

/** The forbidden characters in `text`, as code points (empty when the text is inert). */
export function forbiddenIn(text: string): string[] {
  return [...text.matchAll(FORBIDDEN)].map((m) => `U+${m[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}@${m.index}`);
}

export function expectInert(text: string, what = 'output'): void {
  expect(forbiddenIn(text), what).toEqual([]);
}

/**
 * Coloured output: every ESC starts an SGR sequence, and removing them leaves exactly the
 * uncoloured output, so the only escapes are the styling the renderer added.
 */
export function expectOnlyStyling(coloured: string, plainText: string): void {
  const escapes = [...coloured.matchAll(/\u001b/g)].map((m) => m.index);
  const sgrStarts = new Set([...coloured.matchAll(SGR)].map((m) => m.index));
  expect(escapes.filter((at) => !sgrStarts.has(at))).toEqual([]);
  expect(coloured.replace(SGR, '')).toBe(plainText);
}

/** A YAML double-quoted scalar for any text, non-printable characters escaped. */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(
    /[\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A term file with the payloads in every text field. `plain` is an alias free of them. */
export function hostileTermFile(name: string, plain: string, relatedSlug: string): string {
  const q = (label: string) => yamlString(`${label}${ALL}`);
  return `term: ${q(name)}
aliases: [${plain}, ${q('alias')}]
category: team
tags: [${q('tag')}]
workplace: safe
since: ${q('2020')}
gist: ${q('gist')}
definition: ${q('definition')}
origin: ${q('origin')}
synonyms: [{term: ${q('synonym')}, note: ${q('note')}}]
examples:
  - setting: ${q('setting')}
    lines:
      - {speaker: ${q('speaker')}, text: ${q('line')}}
      - {speaker: Bo, text: ${q(plain)}}
related: [{slug: ${relatedSlug}, note: ${q('related-note')}}]
faq: [{question: ${q('question')}, answer: ${q('answer')}}]
`;
}

export interface HostileGlossary {
  /** The data directory; its own name carries an OSC sequence. */
  dir: string;
  /** The file whose name is an escape sequence and whose YAML is broken. */
  badFile: string;
}

/**
 * A data directory (its name has a title-changing OSC sequence) with: `evil` (payloads in
 * every field, alias `evilterm`), `other` (links back to evil with a hostile note), and a
 * broken file whose name is an escape sequence, so every command also warns about it.
 */
export function hostileGlossary(): HostileGlossary {
  const parent = mkdtempSync(join(tmpdir(), 'genz-hostile-'));
  const dir = join(parent, `terms\u001b]0;pwned\u0007`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'evil.yaml'), hostileTermFile('evil', 'evilterm', 'other'));
  writeFileSync(
    join(dir, 'other.yaml'),
    `term: other\ncategory: team\nworkplace: safe\ndefinition: Another term.\nrelated: [{slug: evil, note: ${yamlString(`back${ALL}`)}}]\n`,
  );
  const badFile = join(dir, `bad\u001b[2J\u001b]52;c;cm0=\u0007.yaml`);
  writeFileSync(badFile, 'term: [\n');
  return { dir, badFile };
}
