/**
 * The start-up path (bin/genz.js): the bundle runs from V8's code cache when it fits, and
 * exactly as well without one, or with one that does not fit.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, ROOT } from './helpers.ts';

/** A copy of the built program, to break its code cache without touching the real one. */
function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'genz-copy-'));
  for (const name of ['bin', 'dist', 'package.json']) cpSync(join(ROOT, name), join(dir, name), { recursive: true });
  return dir;
}

const run = (bin: string, ...args: string[]) => spawnSync(process.execPath, [bin, ...args], { env: cleanEnv(), encoding: 'utf8' });

describe('the code cache', () => {
  it('is made by the build and accepted by this Node', () => {
    const check = `
      const { load } = require(${JSON.stringify(join(ROOT, 'bin', 'genz.js'))});
      const file = ${JSON.stringify(join(ROOT, 'dist', 'genz.cjs'))};
      const { script } = load(file, require('node:fs').readFileSync(file + '.cache'));
      process.stdout.write(String(script.cachedDataRejected));`;
    const result = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('false');
  });

  it('missing or unfit, changes nothing but speed', () => {
    const dir = copy();
    try {
      const bin = join(dir, 'bin', 'genz.js');
      const expected = run(join(ROOT, 'bin', 'genz.js'), 'define', 'rizz', '--json');
      expect(expected.status).toBe(0);
      for (const breakIt of [() => writeFileSync(join(dir, 'dist', 'genz.cjs.cache'), 'not a code cache'), () => rmSync(join(dir, 'dist', 'genz.cjs.cache'))]) {
        breakIt();
        for (const args of [['define', 'rizz', '--json'], ['list']]) {
          const got = run(bin, ...args);
          expect(got.stderr).toBe('');
          expect(got.status).toBe(0);
          if (args[0] === 'define') expect(JSON.parse(got.stdout).entry.slug).toBe('rizz');
          else expect(got.stdout.split('\n')).toContain('rizz');
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is made for the chunks loaded on first use (fuse.js, js-yaml, inflections) and accepted by this Node', () => {
    for (const chunk of ['fuse.cjs', 'js-yaml.cjs', 'inflect.cjs']) {
      const check = `
        const { readFileSync } = require('node:fs');
        const file = ${JSON.stringify(join(ROOT, 'dist', chunk))};
        const script = new (require('node:vm').Script)(require('node:module').wrap(readFileSync(file, 'utf8')), { filename: file, cachedData: readFileSync(file + '.cache') });
        process.stdout.write(String(script.cachedDataRejected));`;
      const result = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' });
      expect(result.stderr, chunk).toBe('');
      expect(result.stdout, chunk).toBe('false');
    }
  });

  it('a chunk\'s cache missing or unfit changes nothing but speed', () => {
    const dir = copy();
    const terms = join(dir, 'terms');
    try {
      mkdirSync(terms);
      writeFileSync(join(terms, 'deck-review.yaml'), 'term: deck review\ncategory: team\nworkplace: safe\ndefinition: A look at the slides.\n');
      const cases = [['define', 'rizzz', '--json'], ['--data', terms, 'define', 'deck', 'reviews', '--json']];
      const expected = cases.map((args) => run(join(ROOT, 'bin', 'genz.js'), ...args));
      for (const breakIt of ['not a code cache', undefined]) {
        for (const chunk of ['fuse.cjs', 'js-yaml.cjs', 'inflect.cjs']) {
          const cache = join(dir, 'dist', `${chunk}.cache`);
          if (breakIt) writeFileSync(cache, breakIt);
          else rmSync(cache, { force: true });
        }
        for (const [i, args] of cases.entries()) {
          // A cache of its own each time, so the term directory is compiled (js-yaml, inflections).
          const got = spawnSync(process.execPath, [join(dir, 'bin', 'genz.js'), ...args], { env: { ...cleanEnv(), XDG_CACHE_HOME: mkdtempSync(join(tmpdir(), 'genz-xdg-')) }, encoding: 'utf8' });
          expect(got.stderr).toBe(expected[i]!.stderr);
          expect(got.status).toBe(0);
          // The same entry, but for where the copy's files are.
          const entry = (stdout: string) => ({ ...JSON.parse(stdout).entry, source: undefined });
          expect(entry(got.stdout)).toEqual(entry(expected[i]!.stdout));
        }
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the full command line (a chunk of its own) loads from a cached start-up file', () => {
    const result = run(join(ROOT, 'bin', 'genz.js'), 'list', '--category', 'wellbeing');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
  });
});
