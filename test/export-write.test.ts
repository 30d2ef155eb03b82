/** Where `genz export` writes, and what it refuses to touch: the real bin/genz.js on real directories. */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeExport } from '../src/commands/export-write.ts';
import { genz, tempDir } from './helpers.ts';

const work = () => mkdtempSync(join(tmpdir(), 'genz-export-'));

const TEAM = {
  'deck-review.yaml': 'term: deck review\ncategory: team\nworkplace: safe\ndefinition: Reading slides together.\n',
  'standup-poker.yaml': 'term: standup poker\ncategory: team\nworkplace: casual\ndefinition: Guessing who will talk longest.\n',
};

describe('where it writes', () => {
  const refuse = (args: string[], pattern: RegExp) => {
    const result = genz(['export', '-f', 'md', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    // One line of error, and at most the usual hint to the command's own help.
    const [error, ...rest] = result.stderr.trim().split('\n');
    expect(`${error}\n`).toMatch(pattern);
    expect(rest.filter((line) => line !== 'hint: run "genz export --help" for usage')).toEqual([]);
  };

  it('creates --out and its parents', () => {
    const out = join(work(), 'a', 'b', 'wiki');
    expect(genz(['export', '-f', 'md', '-o', out]).status).toBe(0);
    expect(existsSync(join(out, 'index.md'))).toBe(true);
  });

  it('refuses a non-empty directory genz did not make, and leaves it as it was', () => {
    const out = tempDir({ 'notes.txt': 'mine' });
    refuse(['-o', out], /^genz: .* is not empty and was not made by genz export; .*--force\n$/);
    expect(readdirSync(out)).toEqual(['notes.txt']);
    expect(readdirSync(dirname(out)).filter((n) => n.includes('genz-new'))).toEqual([]);
  });

  it('with --force, adds the export beside the files that were there, overwriting none', () => {
    const out = tempDir({ 'notes.txt': 'mine' });
    expect(genz(['export', '-f', 'md', '-o', out, '--force']).status).toBe(0);
    expect(readFileSync(join(out, 'notes.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(out, 'rizz.md'))).toBe(true);
    const clash = tempDir({ 'index.md': 'my own index' });
    refuse(['-o', clash, '--force'], /index\.md was not written by genz export/);
    expect(readdirSync(clash)).toEqual(['index.md']);
  });

  it('refuses an earlier export without --force; with it, replaces the export and keeps what else is there', () => {
    const team = tempDir(TEAM);
    const out = join(work(), 'wiki');
    expect(genz(['--no-builtin', '--data', team, 'export', '-f', 'md', '-o', out]).status).toBe(0);
    writeFileSync(join(out, 'CNAME'), 'glossary.acme.example');
    refuse(['-o', out], /holds an earlier export; add --force to replace it/);
    // The next export no longer has standup-poker: its old page goes, CNAME stays.
    const smaller = tempDir({ 'deck-review.yaml': TEAM['deck-review.yaml'] });
    expect(genz(['--no-builtin', '--data', smaller, 'export', '-f', 'md', '-o', out, '--force']).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['.genz-export', 'CNAME', 'deck-review.md', 'index.md']);
    expect(readdirSync(dirname(out))).toEqual(['wiki']);
  });

  it('never follows a symbolic link given as --out', () => {
    const target = tempDir({ 'keep.txt': 'x' });
    const link = join(work(), 'link');
    symlinkSync(target, link);
    refuse(['-o', link, '--force'], /is a symbolic link/);
    expect(readdirSync(target)).toEqual(['keep.txt']);
  });

  it('refuses a file as --out, an unknown format and a bad --base-url (exit 2, one line)', () => {
    const file = join(tempDir({ f: 'x' }), 'f');
    refuse(['-o', file], /exists and is not a directory/);
    expect(genz(['export', '-f', 'pdf', '-o', work()])).toMatchObject({ status: 2, stderr: expect.stringMatching(/unknown format "pdf"; one of: html, md, csv, json/) });
    expect(genz(['export', '-f', 'html', '-o', work(), '--base-url', 'javascript:alert(1)']).status).toBe(2);
    expect(genz(['export', '-f', 'html']).status).toBe(2);
  });

  it('keeps a directory of the user\'s inside the export, and moves it whole', () => {
    const out = join(work(), 'site');
    expect(genz(['export', '-f', 'html', '-o', out]).status).toBe(0);
    mkdirSync(join(out, 'terms', 'ours'));
    writeFileSync(join(out, 'terms', 'ours', 'notes.html'), 'mine');
    mkdirSync(join(out, 'extra', 'deep'), { recursive: true });
    writeFileSync(join(out, 'extra', 'deep', 'x'), 'x');
    expect(genz(['export', '-f', 'html', '-o', out, '--force']).status).toBe(0);
    expect(readFileSync(join(out, 'terms', 'ours', 'notes.html'), 'utf8')).toBe('mine');
    expect(readFileSync(join(out, 'extra', 'deep', 'x'), 'utf8')).toBe('x');
    expect(readdirSync(dirname(out))).toEqual(['site']);
  });

  it('refuses the current directory and the directories above it', () => {
    const cwd = work();
    for (const out of ['.', '..', '/']) {
      const result = genz(['export', '-f', 'md', '-o', out, '--force'], { cwd });
      expect(result.status, out).toBe(2);
      expect(result.stderr).toMatch(/is the current directory or above it/);
    }
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('leaves nothing behind when writing fails', () => {
    const parent = work();
    const files = new Map<string, string>([['a', 'x'], ['a/b', 'y']]);
    expect(() => writeExport(join(parent, 'out'), 'out', files, { force: false, format: 'md', cwd: '/' })).toThrow(/could not write the export/);
    expect(readdirSync(parent)).toEqual([]);
  });
});
