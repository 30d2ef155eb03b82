import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pagerCommand, pagerEnv, shouldPage, spawnPager, splitCommand } from '../src/pager.ts';
import { cleanEnv, genzInProcess, tempDir } from './helpers.ts';

describe('choosing the pager', () => {
  it.each([
    [{}, ['less', '-FRX']],
    [{ PAGER: 'more' }, ['more']],
    [{ PAGER: 'more', GENZ_PAGER: 'most -s' }, ['most', '-s']],
    [{ GENZ_PAGER: '' , PAGER: 'more' }, null],
    [{ PAGER: 'cat' }, null],
    [{ PAGER: '  ' }, null],
    [{ GENZ_PAGER: '"/opt/my pager/view" --raw' }, ['/opt/my pager/view', '--raw']],
  ])('%j → %j', (env, expected) => {
    expect(pagerCommand(env)).toEqual(expected);
  });

  it.each([
    ['less -R', ['less', '-R']],
    ["bat --style='plain,header'", ['bat', '--style=plain,header']],
    ['a\\ b c', ['a b', 'c']],
    ['""', ['']],
  ])('splitCommand(%j)', (line, words) => {
    expect(splitCommand(line)).toEqual(words);
  });

  it('sets LESS so colours pass through, unless the user set it', () => {
    expect(pagerEnv({}).LESS).toBe('FRX');
    expect(pagerEnv({ LESS: '-i' }).LESS).toBe('-i');
  });

  it.each([
    ['a\nb\nc', { isTTY: true, rows: 3 }, true],
    ['a\nb', { isTTY: true, rows: 3 }, false],
    ['a\nb\nc', { isTTY: false, rows: 3 }, false],
    ['a\nb\nc', { isTTY: true }, false],
  ])('shouldPage(%j, %j) is %s', (text, stdout, expected) => {
    expect(shouldPage(text, stdout)).toBe(expected);
  });
});

describe('spawnPager', () => {
  it('feeds the text to the program', async () => {
    const dir = tempDir({});
    const out = join(dir, 'paged.txt');
    const ran = await spawnPager('hello\n', ['sh', '-c', `cat > "${out}"`], { PATH: process.env['PATH'] });
    expect(ran).toBe(true);
    expect(readFileSync(out, 'utf8')).toBe('hello\n');
  });

  it('reports a program that cannot be started, so the caller prints instead', async () => {
    expect(await spawnPager('hello\n', ['/nonexistent/pager'], {})).toBe(false);
  });

  it('is not bothered by a pager that quits without reading', async () => {
    expect(await spawnPager('x\n'.repeat(100_000), ['true'], { PATH: process.env['PATH'] })).toBe(true);
  });
});

describe('define pages a long entry on a terminal (in-process)', () => {
  const env = () => cleanEnv({ GENZ_PAGER: 'my-pager --flag', NO_COLOR: '1' });
  const tty = { isTTY: true, columns: 72 };

  it('pages when the entry is taller than the terminal', async () => {
    const { status, stdout, pages } = await genzInProcess(['define', 'micro-influencer'], { ...tty, rows: 24, env: env() });
    expect(status).toBe(0);
    expect(stdout).toBe('');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.command).toEqual(['my-pager', '--flag']);
    expect(pages[0]!.text).toContain('\nFAQ\n');
    expect(pages[0]!.env['LESS']).toBe('FRX');
  });

  it.each([
    ['it fits on the screen', ['define', 'micro-influencer', '--brief'], { ...tty, rows: 24 }],
    ['the terminal is tall enough', ['define', 'micro-influencer'], { ...tty, rows: 1000 }],
    ['--no-pager is given', ['--no-pager', 'define', 'micro-influencer'], { ...tty, rows: 24 }],
    ['stdout is not a terminal', ['define', 'micro-influencer'], { isTTY: false, rows: 24 }],
  ])('does not page when %s', async (_why, argv, io) => {
    const { status, stdout, pages } = await genzInProcess(argv, { ...io, env: env() });
    expect(status).toBe(0);
    expect(pages).toHaveLength(0);
    expect(stdout).toMatch(/^micro-influencer/);
  });

  it('prints the entry itself when the pager cannot be started', async () => {
    const { status, stdout, pages } = await genzInProcess(['define', 'micro-influencer'], { ...tty, rows: 24, env: env(), pagerStarts: false });
    expect(status).toBe(0);
    expect(pages).toHaveLength(1);
    expect(stdout).toContain('\nFAQ\n');
  });
});

describe('long output of the other commands is paged as define pages an entry (in-process)', () => {
  const env = () => cleanEnv({ GENZ_PAGER: 'my-pager', NO_COLOR: '1' });
  const tty = { isTTY: true, columns: 80, rows: 10 };

  it.each([
    [['list']],
    [['search', 'work', '--limit', '30']],
    [['related', 'quiet', 'quitting']],
    [['explain', 'ngl that deck ate, no cap. Priya lowkey has rizz, the vibe check was mid fr']],
    [['random', '--seed', '1']],
    [['list', '--json']],
  ])('%j: one page holding what --no-pager prints', async (argv) => {
    const paged = await genzInProcess(argv, { ...tty, env: env() });
    expect(paged.stdout).toBe('');
    expect(paged.pages).toHaveLength(1);
    const plain = await genzInProcess(['--no-pager', ...argv], { ...tty, env: env() });
    expect(plain.pages).toHaveLength(0);
    expect(paged.pages[0]!.text).toBe(plain.stdout);
  });

  it('streams, unpaged, when stdout is not a terminal', async () => {
    const { stdout, pages } = await genzInProcess(['list'], { isTTY: false, rows: 10, env: env() });
    expect(pages).toHaveLength(0);
    expect(stdout.split('\n').length).toBeGreaterThan(300);
  });

  it('prints what fits without a pager', async () => {
    const { stdout, pages } = await genzInProcess(['list', '--categories'], { ...tty, rows: 40, env: env() });
    expect(pages).toHaveLength(0);
    expect(stdout).toMatch(/^CATEGORY +TERMS\n/);
  });
});
