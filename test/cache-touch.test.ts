/**
 * Reading a snapshot not used for a day marks it in use (its mtime), so that tidying spares
 * it. The mark goes through the open file, never its path: a link swapped in at the path
 * after the snapshot was opened must not lead genz to touch the link's target. The swap is
 * made at the moment the store opens the snapshot (node:fs is wrapped for that), which is
 * the window the old lstat-then-utimes code left open.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openStore, tempDir } from './helpers.ts';

/** Called with each path the code under test opens, after it is opened. */
let afterOpen: ((path: string) => void) | undefined;

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    openSync: (...args: Parameters<typeof actual.openSync>) => {
      const fd = actual.openSync(...args);
      if (typeof args[0] === 'string') afterOpen?.(args[0]);
      return fd;
    },
  };
});

afterEach(() => {
  afterOpen = undefined;
});

const DAY = 24 * 3600_000;

/** A term directory compiled once into a cache; the snapshot's path. */
function compiled() {
  const root = tempDir({});
  const dir = join(root, 'team');
  fs.mkdirSync(dir);
  fs.writeFileSync(join(dir, 'team-rizz.yaml'), 'term: team rizz\ncategory: team\nworkplace: safe\ndefinition: The team rizz entry.\n');
  const cacheRoot = join(root, 'cache');
  expect(openStore([dir], { cacheRoot }).exact('team rizz')?.entry.slug).toBe('team-rizz');
  const snapshots = fs.readdirSync(join(cacheRoot, 'snapshots')).filter((name) => name.endsWith('.snap'));
  expect(snapshots).toHaveLength(1);
  return { root, dir, cacheRoot, snapshot: join(cacheRoot, 'snapshots', snapshots[0]!) };
}

/** Sets a path's times (the link itself, for a link) to `days` days ago. */
function age(path: string, days: number): void {
  const t = (Date.now() - days * DAY) / 1000;
  fs.lutimesSync(path, t, t);
}

describe('marking a snapshot in use', () => {
  it('a snapshot read after more than a day gets a fresh mtime; one read sooner is left as it is', () => {
    const { dir, cacheRoot, snapshot } = compiled();
    age(snapshot, 2);
    const old = fs.statSync(snapshot).mtimeMs;
    expect(openStore([dir], { cacheRoot }).exact('team rizz')?.entry.slug).toBe('team-rizz');
    expect(fs.statSync(snapshot).mtimeMs).toBeGreaterThan(old + DAY);

    const recent = Date.now() - 3600_000;
    fs.utimesSync(snapshot, recent / 1000, recent / 1000);
    expect(openStore([dir], { cacheRoot }).exact('team rizz')?.entry.slug).toBe('team-rizz');
    expect(Math.abs(fs.statSync(snapshot).mtimeMs - recent)).toBeLessThan(1_000);
  });

  it('a link swapped in at the path after the snapshot was opened is not followed: its target keeps its mtime', () => {
    const { root, dir, cacheRoot, snapshot } = compiled();
    age(snapshot, 2);
    const victim = join(root, 'precious.txt');
    fs.writeFileSync(victim, 'not genz');
    age(victim, 10);
    const before = fs.statSync(victim).mtimeMs;
    afterOpen = (path) => {
      if (path !== snapshot) return;
      afterOpen = undefined;
      // What another process could do between genz opening the file and marking it.
      const link = `${snapshot}.swap`;
      fs.symlinkSync(victim, link);
      age(link, 2); // the link itself looks as old as the snapshot did
      fs.renameSync(link, snapshot);
    };
    expect(openStore([dir], { cacheRoot }).exact('team rizz')?.entry.slug).toBe('team-rizz');
    expect(fs.lstatSync(snapshot).isSymbolicLink()).toBe(true); // the swap happened
    expect(fs.statSync(victim).mtimeMs).toBe(before);
    expect(fs.readFileSync(victim, 'utf8')).toBe('not genz');
  });
});
