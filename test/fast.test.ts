import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fastRoute } from '../src/fast.ts';
import { cleanEnv, FIXTURES, genzInProcess } from './helpers.ts';

const terms = join(FIXTURES, 'terms');

describe('fast path (src/fast.ts)', () => {
  it.each([
    [['define', 'rizz'], 'define'],
    [['--no-color', '--width', '60', 'define', 'no', 'cap', '--json'], 'define'],
    [['--data', terms, '--no-builtin', 'search', 'quiet'], 'search'],
    [['explain', '-'], 'explain'],
    [['explain'], 'explain'],
  ])('takes %j', (argv, command) => {
    expect(fastRoute(argv)?.command).toBe(command);
  });

  it.each([
    [['define']],
    [['define', '--help']],
    [['define', 'rizz', '--bogus']],
    [['define', 'rizz', '--no-color']],
    [['--width', '0', 'define', 'rizz']],
    [['--width=60', 'define', 'rizz']],
    [['--data']],
    [['search', '-n', '3', 'quiet']],
    [['list']],
    [['--version']],
    [['define', '--', '-core']],
  ])('leaves %j to commander', (argv) => {
    expect(fastRoute(argv)).toBeUndefined();
  });

  it.each([
    ['define', 'rizz'],
    ['define', 'mirco', 'influencer', '--json'],
    ['define', 'zzzqqq'],
    ['define', 'quiet', 'fitting', '--json'],
    ['--no-color', '--width', '50', 'define', 'no', 'cap'],
    ['--data', terms, 'define', 'nocap'],
    ['--data', terms, '--no-builtin', 'define', 'quiet', 'fitting'],
    ['search', 'pretend', 'to', 'work'],
    ['search', 'zzzqqq', '--json'],
    ['explain', 'that', 'deck', 'ate,', 'no', 'cap'],
    ['explain', '--json', 'big', 'W'],
    ['--data', '/nonexistent/dir', 'define', 'rizz'],
  ])('answers %j exactly as commander does', async (...argv) => {
    const env = cleanEnv();
    const fast = await genzInProcess(argv, { env });
    const slow = await genzInProcess(argv, { env, noFastPath: true });
    expect(fast).toEqual(slow);
  });
});
