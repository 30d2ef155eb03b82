/**
 * The package as a user gets it: what `npm pack` puts in the tarball, and that the tarball
 * installs into an empty prefix (offline: genz has no dependencies to fetch) and answers.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, ROOT, tempDir } from './helpers.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function npm(args: string[], cwd = ROOT) {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

describe('the package', () => {
  let files: string[] = [];
  let tarball = '';

  beforeAll(() => {
    // dist/ is built by the test run's `npm run build`; prepack would build it again.
    const out = tempDir({});
    const [packed] = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', out]));
    files = packed.files.map((f: { path: string }) => f.path);
    tarball = join(out, packed.filename);
  }, 120_000);

  it('has a LICENSE that matches package.json', () => {
    expect(pkg.license).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(files).toContain('LICENSE');
  });

  it('holds every document the README and the man page point to', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const linked = [...readme.matchAll(/\]\(((?:docs|schema)\/[^)#]+)/g)].map((m) => m[1]!);
    const man = readFileSync(join(ROOT, 'dist', 'genz.1'), 'utf8');
    const named = [...man.matchAll(/\b((?:docs|schema)\/[\w.-]+\.(?:md|json))/g)].map((m) => m[1]!);
    expect(linked).toContain('docs/term-format.md');
    expect(named).toContain('docs/term-format.md');
    for (const doc of new Set([...linked, ...named, 'README.md', 'docs/ratings.md'])) expect(files, doc).toContain(doc);
  });

  it('carries the built program and the manual, not the build tools', () => {
    for (const file of ['bin/genz.js', 'dist/genz.cjs', 'dist/cli.cjs', 'dist/yaml.cjs', 'dist/fuse.cjs', 'dist/glossary.snap', 'dist/genz.1']) expect(files).toContain(file);
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.startsWith('dist/build/'))).toEqual([]);
  });

  it('needs no packages at run time: what it uses is bundled into dist/', () => {
    expect(pkg.dependencies ?? {}).toEqual({});
    for (const name of ['commander', 'chalk', 'yaml', 'fuse.js', 'esbuild']) expect(pkg.devDependencies).toHaveProperty(name);
    for (const file of ['genz.cjs', 'cli.cjs']) {
      const code = readFileSync(join(ROOT, 'dist', file), 'utf8');
      const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!);
      expect(required.filter((name) => !name.startsWith('node:') && !name.startsWith('.'))).toEqual([]);
    }
  });

  it('builds dist/ before packing (prepack), and not on install', () => {
    expect(pkg.scripts.prepack).toMatch(/build/);
    expect(pkg.scripts).not.toHaveProperty('prepare');
    expect(pkg.scripts).not.toHaveProperty('postinstall');
  });

  it('ignores the tarballs npm pack leaves', () => {
    expect(readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')).toContain('*.tgz');
  });

  it('installs from the tarball into an empty prefix, and answers', () => {
    const prefix = tempDir({});
    npm(['install', '--global', '--offline', '--prefix', prefix, tarball], tempDir({}));
    const installed = join(prefix, 'lib', 'node_modules', 'genz');
    expect(existsSync(join(installed, 'node_modules'))).toBe(false); // no dependencies came along
    expect(readdirSync(join(prefix, 'share', 'man', 'man1'))).toContain('genz.1');
    const result = spawnSync(join(prefix, 'bin', 'genz'), ['--width', '1000', 'define', 'rizz'], { env: cleanEnv(), encoding: 'utf8', cwd: tempDir({}) });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^rizz\n/);
    expect(result.stdout).toContain(`Source: built-in glossary, ${join(installed, 'data', 'terms', 'rizz.yaml')}`);
  });
});
