/**
 * The start-up path (bin/genz.js): the bundle runs from V8's code cache when it fits, and
 * exactly as well without one, or with one that does not fit.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  it('the full command line (a chunk of its own) loads from a cached start-up file', () => {
    const result = run(join(ROOT, 'bin', 'genz.js'), 'list', '--category', 'wellbeing');
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.length).toBeGreaterThan(0);
  });
});
