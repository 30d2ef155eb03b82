/**
 * Terminal injection: text from term files, file names and user input never reaches a
 * terminal with raw control characters, in the text output of every command and in the
 * messages on stderr. Only the renderer's own SGR styling emits escapes; --json carries the
 * data intact but encoded.
 */
import { describe, expect, it } from 'vitest';
import { cleanEnv, genz, genzInProcess, type Outcome } from './helpers.ts';
import { ALL, expectInert, expectOnlyStyling, hostileGlossary, PAYLOADS } from './hostile-fixtures.ts';

const { dir, badFile } = hostileGlossary();
const base = ['--no-builtin', '--data', dir];

// Every command that prints text, fed the hostile glossary.
const COMMANDS: string[][] = [
  ['define', 'evil'],
  ['define', 'evilterm'],
  ['define', 'other'],
  ['search', 'evil'],
  ['search', 'definition'],
  ['list'],
  ['list', '--category', 'team'],
  ['related', 'evil'],
  ['related', 'other'],
  ['explain', 'that plan is evilterm, no cap'],
  ['random', '--seed', '1'],
  ['random', '--seed', '2'],
  ['today', '--date', '2026-01-01'],
  ['today', '--date', '2026-01-02'],
  ['validate'],
  ['validate', dir],
  ['validate', badFile],
];

async function both(argv: string[], isTTY: boolean, stdin?: string): Promise<{ plain: Outcome; coloured: Outcome }> {
  const options = { isTTY, columns: 72, ...(stdin === undefined ? {} : { stdin }) };
  const plain = await genzInProcess(argv, { ...options, env: cleanEnv({ NO_COLOR: '1' }) });
  const coloured = await genzInProcess(argv, { ...options, env: cleanEnv({ FORCE_COLOR: '1' }) });
  return { plain, coloured };
}

describe('text output of every command is inert', () => {
  it.each(COMMANDS.flatMap((argv) => [true, false].map((tty) => [argv.join(' '), tty, argv] as const)))(
    '%s (tty: %s)',
    async (_name, isTTY, argv) => {
      const { plain, coloured } = await both([...base, ...argv], isTTY);
      expect(plain.stdout.length + plain.stderr.length).toBeGreaterThan(0);
      expectInert(plain.stdout, 'stdout');
      expectInert(plain.stderr, 'stderr');
      expectOnlyStyling(coloured.stdout, plain.stdout);
      expectInert(coloured.stderr, 'stderr (colour)');
      // The broken file named with escapes is reported, escaped, by every command that loads.
      expect(plain.stderr + plain.stdout).toContain('bad\\x1B[2J\\x1B]52;c;cm0=\\x07.yaml');
      expect(plain.stderr).not.toContain('    at ');
    },
  );

  it('shows the payloads escaped, so a reader sees what the file holds', async () => {
    const { stdout } = await genzInProcess([...base, 'define', 'evil'], { isTTY: false });
    for (const shown of ['\\x1B[31mRED', '\\x1B]52;c;', '\\x1B]8;;https://evil.example\\x07', '\\x07', '\\x08', '<U+202E>', '<U+2066>', '\\x9B31m', '\\x85', '\\x7F', '\\x00']) {
      expect(stdout.replace(/\n\s*/g, '')).toContain(shown);
    }
    // A carriage return cannot rewrite the line it is on.
    expect(stdout).toMatch(/harmless\s+EVIL/);
  });

  it('a data directory with escapes in its name is shown escaped in the Source line', async () => {
    const { stdout } = await genzInProcess([...base, 'define', 'other', '--width', '400'], { isTTY: false });
    expect(stdout).toMatch(/Source: .*terms\\x1B\]0;pwned\\x07\/other\.yaml/);
  });

  it('explain escapes a hostile message it echoes (arguments and standard input)', async () => {
    const message = `that deck ate, no cap ${ALL}`;
    for (const [argv, stdin] of [
      [['explain', message], undefined],
      [['explain'], message],
      [['explain', '-'], `${message}\n${message}\r\n`],
    ] as const) {
      for (const isTTY of [true, false]) {
        const { plain, coloured } = await both([...argv], isTTY, stdin);
        expect(plain.status).toBe(0);
        expect(plain.stdout).toMatch(/\[no cap\??\]/);
        expectInert(plain.stdout);
        expectOnlyStyling(coloured.stdout, plain.stdout);
      }
    }
  });
});

describe('messages that echo user input are inert', () => {
  const evil = PAYLOADS.title + PAYLOADS.osc52Clipboard + PAYLOADS.clearScreen;
  it.each([
    ['define miss', ['define', `nothing${evil}`], 1],
    ['related miss', ['related', `nothing${evil}`], 1],
    ['search miss', ['search', 'zzqx\u001b\u0007\u009b\u202eqzzx'], 1],
    ['unknown command', [`defne${evil}`], 2],
    ['unknown option', ['define', `--x${evil}`], 2],
    ['bad category', ['list', '--category', `team${evil}`], 2],
    ['bad width', ['--width', evil, 'list'], 2],
    ['bad date', ['today', '--date', evil], 2],
    ['bad shell', ['completion', evil], 2],
    ['missing --data directory', ['--data', `/nonexistent/${evil}`, 'list'], 2],
    ['missing validate path', ['validate', `/nonexistent/${evil}.yaml`], 2],
    ['empty explain message', ['explain', `${PAYLOADS.bidiIsolate.replace('hidden', '')}\u200b`], 1],
  ])('%s', async (_name, argv, status) => {
    const { plain, coloured } = await both(argv as string[], true);
    expect(plain.status).toBe(status);
    expect(plain.stderr).toMatch(/^genz: /);
    expectInert(plain.stderr);
    expectInert(coloured.stderr);
    expect(plain.stderr).not.toContain('    at ');
  });

  it('in the real process too: unknown command and file warnings, with colour forced', () => {
    const result = genz([...base, `evil${PAYLOADS.osc8Link}`], { env: cleanEnv({ FORCE_COLOR: '1' }) });
    expect(result.status).toBe(2);
    expectInert(result.stderr);
    const define = genz([...base, 'define', 'evil'], { env: cleanEnv({ FORCE_COLOR: '1' }) });
    const plain = genz([...base, 'define', 'evil'], { env: cleanEnv({ NO_COLOR: '1' }) });
    expect(define.status).toBe(3); // the broken file is a load error; the answer still prints
    expectInert(define.stderr);
    expectInert(plain.stdout);
    expectOnlyStyling(define.stdout, plain.stdout);
    expect(define.stdout).toMatch(/\u001b\[/); // colour was on
  });
});

describe('--json carries the data intact, safely encoded', () => {
  const term = `evil${ALL}`;
  // Where in each command's document the hostile term's name sits.
  it.each([
    [['define', 'evil'], ['entry', 'term']],
    [['search', 'evil'], ['results', 0, 'term']],
    [['list', '--tag', `tag${ALL}`], ['entries', 0, 'term']],
    [['related', 'other'], ['outgoing', 0, 'term']],
    [['explain', 'evilterm'], ['terms', 0, 'term']],
    [['define', 'evilterm'], ['entry', 'aliases', 1]],
  ] as Array<[string[], Array<string | number>]>)('%j', async (argv, path) => {
    const { stdout } = await genzInProcess([...base, ...argv, '--json']);
    expectInert(stdout); // JSON-escaped: \u001b, \u2028, \u202e…
    const value = path.reduce<unknown>((doc, key) => (doc as Record<string | number, unknown>)[key], JSON.parse(stdout));
    expect(value).toBe(path.includes('aliases') ? `alias${ALL}` : term);
  });

  it('random --json, whichever entry it picks, is inert and parses', async () => {
    for (const seed of ['1', '2', '3', '4']) {
      const { stdout } = await genzInProcess([...base, 'random', '--seed', seed, '--json']);
      expectInert(stdout);
      expect(JSON.parse(stdout).entry.slug).toMatch(/^(evil|other)$/);
    }
  });

  it('validate --json names the file with escapes exactly, encoded', async () => {
    const { stdout } = await genzInProcess([...base, 'validate', '--json']);
    expectInert(stdout);
    const doc = JSON.parse(stdout);
    expect(doc.diagnostics.map((d: { file: string }) => d.file)).toContain(badFile);
  });

  it('define --json of a hostile query echoes it intact', async () => {
    const query = `nothing ${PAYLOADS.osc52Clipboard}${PAYLOADS.bidiOverride}`;
    const { stdout } = await genzInProcess([...base, 'define', query, '--json']);
    expectInert(stdout);
    expect(JSON.parse(stdout).query).toBe(query);
  });
});
