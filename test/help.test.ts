import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, genz, ROOT } from './helpers.ts';

const commands = genz(['--help'])
  .stdout.split('Commands:\n')[1]!
  .split('\n\n')[0]!
  .split('\n')
  .filter((line) => /^ {2}\S/.test(line)) // not the wrapped descriptions
  .map((line) => line.trim().split(' ')[0]!.split('|')[0]!) // "paths|doctor": the name, not the alias
  .filter((name) => name !== 'help');

describe('help', () => {
  it('lists the commands', () => {
    expect(commands).toEqual(expect.arrayContaining(['define', 'quiz', 'validate']));
  });

  it.each(commands)('genz %s --help has a one-line description, options and 2–3 examples', (name) => {
    const { status, stdout } = genz([name, '--help']);
    expect(status).toBe(0);
    const [usage, blank, description, after] = stdout.split('\n');
    expect(usage).toMatch(new RegExp(`^Usage: genz ${name}(\\|\\S+)? `));
    expect(blank).toBe('');
    expect(description).toMatch(/^\S.{10,}$/);
    expect(after).toBe('');
    expect(stdout).toContain('\nOptions:\n');
    const examples = stdout.split('\nExamples:\n')[1]?.trimEnd().split('\n') ?? [];
    expect(examples.length).toBeGreaterThanOrEqual(2);
    expect(examples.length).toBeLessThanOrEqual(3);
    for (const example of examples) expect(example).toMatch(new RegExp(`^ {2}\\$ genz ${name}\\b`));
  });

  it('genz alone lists the common commands that exist, and fits 80 columns', () => {
    const { status, stdout } = genz([]);
    expect(status).toBe(0);
    const listed = [...stdout.matchAll(/^ {2}genz (\S+)/gm)].map((m) => m[1]);
    expect(listed).toEqual(expect.arrayContaining(['define', 'quiz', 'validate']));
    for (const name of listed) expect(commands).toContain(name);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const summaryColumns = new Set([...stdout.matchAll(/^( {2}genz \S+(?: \S+)* {2,})\S/gm)].map((m) => m[1]!.length));
    expect(summaryColumns.size).toBe(1);
  });
});

describe('unknown commands', () => {
  const data = ['--data', join(FIXTURES, 'terms')];
  it.each([
    [[...data, 'cap'], 'unknown command "cap"', 'hint: to look it up, run: genz define cap'],
    [[...data, 'quiet', 'quitting'], 'unknown command "quiet"', 'hint: to look it up, run: genz define quiet quitting'],
    [['--width', '40', ...data, '--no-color', 'quiet', 'quitting'], 'unknown command "quiet"', 'hint: to look it up, run: genz define quiet quitting'],
    [['micro', 'influencer'], 'unknown command "micro"', 'hint: to look it up, run: genz define micro influencer'],
    [['defnie', 'rizz'], 'unknown command "defnie"', 'hint: did you mean "genz define"?'],
    [['qiuz'], 'unknown command "qiuz"', 'hint: did you mean "genz quiz"?'],
    [['zzzqqq'], 'unknown command "zzzqqq"', 'hint: run "genz --help" to see the commands'],
  ])('%j suggests, never runs', (args, message, hint) => {
    const { status, stdout, stderr } = genz(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`genz: ${message}\n${hint}\n`);
  });
});

describe('man page', () => {
  const page = join(ROOT, 'dist', 'genz.1');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

  it('is built, and package.json installs it', () => {
    expect(existsSync(page)).toBe(true);
    expect(pkg.man).toEqual(['./dist/genz.1']);
    expect(pkg.files).toContain('dist');
  });

  it('has every command, its options and examples from --help', () => {
    const roff = readFileSync(page, 'utf8');
    expect(roff).toMatch(/^\.TH GENZ 1 /);
    for (const name of commands) {
      expect(roff).toContain(`.SS "genz ${name}`);
      const help = genz([name, '--help']).stdout;
      const firstExample = /\$ (genz .*)/.exec(help)![1]!;
      expect(roff).toContain(firstExample.replace(/\\/g, '\\e').replace(/-/g, '\\-'));
    }
    for (const section of ['NAME', 'SYNOPSIS', 'OPTIONS', 'COMMANDS', 'ENVIRONMENT', 'EXIT STATUS']) expect(roff).toContain(`.SH ${section}`);
    expect(roff).toContain('GENZ_PAGER');
  });

  it.skipIf(spawnSync('man', ['--version']).error !== undefined)('renders with man without warnings', () => {
    const result = spawnSync('man', ['--warnings', '-l', '-P', 'cat', page], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '80' } });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^GENZ\(1\)/);
    expect(result.stdout).toContain('genz define [options] <term...>');
  });
});
