/** `genz export` end to end: the real bin/genz.js writing real directories. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteSearch } from './export-helpers.ts';
import { BIN, cleanEnv, genz, genzInProcess, ROOT, schemaErrors, tempDir } from './helpers.ts';

const work = () => mkdtempSync(join(tmpdir(), 'genz-export-'));

/** Every file under dir, relative, with its text. */
function tree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir, { recursive: true }).map(String).sort()) {
    const path = join(dir, name);
    if (lstatSync(path).isFile()) files.set(name, readFileSync(path, 'utf8'));
  }
  return files;
}

/** Every file under dir with a hash of its bytes: cheap to compare. */
function digests(dir: string): Record<string, string> {
  return Object.fromEntries([...tree(dir)].map(([path, text]) => [path, createHash('sha256').update(text).digest('hex')]));
}

const TEAM = {
  'deck-review.yaml': 'term: deck review\naliases: [dr]\ncategory: team\nworkplace: safe\ngist: Reading each other\'s slides on Thursdays.\ndefinition: Our Thursday ritual of reading each other\'s slides before a client sees them.\nrelated:\n  - slug: rizz\n    note: Nothing to do with it.\n  - slug: standup-poker\n    note: The same week.\n',
  'standup-poker.yaml': 'term: standup poker\ncategory: team\nworkplace: casual\ndefinition: Guessing who will talk longest at the standup.\n',
};

describe('each format, from the built-in glossary', () => {
  const slugs = genz(['list']).stdout.trim().split('\n');

  it('html: a page per term, and every link and script of the site resolves inside it', () => {
    const out = join(work(), 'site');
    const result = genz(['export', '--format', 'html', '--out', out, '--title', 'Acme glossary']);
    expect(result).toMatchObject({ status: 0, stderr: '' });
    expect(result.stdout).toBe(`exported ${slugs.length} terms as html to ${out} (${slugs.length + 5} files)\n`);
    const files = tree(out);
    for (const slug of slugs) expect(files.has(`terms/${slug}.html`), slug).toBe(true);
    for (const [path, content] of files) {
      if (!path.endsWith('.html')) continue;
      for (const [, target] of String(content).matchAll(/(?:href|src)="(?!https?:|#)([^"#]+)/g)) {
        expect(existsSync(join(out, dirname(path), target!)), `${path} → ${target}`).toBe(true);
      }
    }
    expect(String(files.get('index.html'))).toContain('<title>Acme glossary</title>');
    expect(JSON.parse(String(files.get('.genz-export'))).files).toHaveLength(files.size - 1);
  });

  it('html: the site finds what the terminal finds, by term, alias, gist and definition', async () => {
    const out = join(work(), 'site');
    expect(genz(['export', '--format', 'html', '--out', out]).status).toBe(0);
    const search = siteSearch(out);
    const json = join(work(), 'json');
    expect(genz(['export', '-f', 'json', '-o', json]).status).toBe(0);
    const entries: Array<{ slug: string; term: string; aliases: string[]; gist: string; definition: string }> = JSON.parse(readFileSync(join(json, 'glossary.json'), 'utf8')).entries;
    for (const e of entries) {
      for (const query of [e.term, ...e.aliases, e.gist, e.definition.split(/\s+/).slice(0, 8).join(' ')]) {
        expect(search(query), `${e.slug} by "${query}"`).toContain(e.slug);
      }
    }
    for (const query of ['pretend to work', 'quiet quitting', 'no cap', 'money', 'boss', 'lazy', 'job hopping', 'manager feedback', 'burnout tired', 'rizz']) {
      const terminal = JSON.parse((await genzInProcess(['search', ...query.split(' '), '--json'])).stdout).results.map((r: { slug: string }) => r.slug);
      expect(terminal.length).toBeGreaterThan(0);
      expect(search(query), query).toEqual(expect.arrayContaining(terminal));
    }
  });

  it('md: index.md and a page per term, every relative link resolving', () => {
    const out = join(work(), 'wiki');
    expect(genz(['export', '--format', 'md', '--out', out]).status).toBe(0);
    const files = tree(out);
    expect(files.size).toBe(slugs.length + 2);
    let links = 0;
    for (const [path, content] of files) {
      // Every link that is not to a source on the web resolves to a page of the export.
      for (const [, target] of String(content).matchAll(/(?<!\\)\]\((?!<https?:)([^)]*)\)/g)) {
        expect(files.has(target!), `${path} → ${target}`).toBe(true);
        links++;
      }
    }
    expect(links).toBeGreaterThan(slugs.length * 2);
  });

  it('csv: one row per term after the header', () => {
    const out = join(work(), 'sheet');
    expect(genz(['export', '--format', 'csv', '--out', out]).status).toBe(0);
    const csv = readFileSync(join(out, 'glossary.csv'), 'utf8');
    expect(csv.startsWith('\uFEFFterm,aliases,category,rating,gist,definition\r\n')).toBe(true);
    expect(csv.match(/\r\n(?=(?:[^"]*"[^"]*")*[^"]*$)/g)).toHaveLength(slugs.length + 1);
  });

  it('json: one document the schema describes, and a --json summary it describes too', () => {
    const out = join(work(), 'data');
    const result = genz(['export', '--format', 'json', '--out', out, '--json']);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toEqual({ schemaVersion: 1, command: 'export', format: 'json', out, files: 1 });
    expect(schemaErrors(summary)).toBeNull();
    const doc = JSON.parse(readFileSync(join(out, 'glossary.json'), 'utf8'));
    expect(schemaErrors(doc)).toBeNull();
    expect(doc.entries.map((e: { slug: string }) => e.slug)).toEqual([...slugs].sort((a, b) => (a < b ? -1 : 1)));
    const define = JSON.parse(genz(['define', 'rizz', '--json']).stdout).entry;
    expect(doc.entries.find((e: { slug: string }) => e.slug === 'rizz')).toEqual(define);
  });
});

describe('determinism', () => {
  it.each(['html', 'md', 'csv', 'json'])('%s: two exports are byte-identical; --stamp adds the time', (format) => {
    const [a, b, c] = [join(work(), 'a'), join(work(), 'b'), join(work(), 'c')];
    expect(genz(['export', '-f', format, '-o', a]).status).toBe(0);
    expect(genz(['export', '-f', format, '-o', b]).status).toBe(0);
    expect(digests(b)).toEqual(digests(a));
    expect(genz(['export', '-f', format, '-o', c, '--stamp']).status).toBe(0);
    if (format !== 'csv') expect(digests(c)).not.toEqual(digests(a));
  });
});

describe('the glossary in use', () => {
  it('--no-builtin exports only the team directory; links to terms outside it are plain text', () => {
    const out = join(work(), 'site');
    const result = genz(['--no-builtin', '--data', tempDir(TEAM), 'export', '-f', 'html', '-o', out]);
    expect(result.status).toBe(0);
    expect(readdirSync(join(out, 'terms')).sort()).toEqual(['deck-review.html', 'standup-poker.html']);
    const page = readFileSync(join(out, 'terms', 'deck-review.html'), 'utf8');
    expect(page).toContain('<a href="standup-poker.html">standup poker</a>');
    expect(page).toContain('rizz (not in this glossary)');
  });

  it('with the built-in glossary, the team entries join it and links resolve', () => {
    const out = join(work(), 'site');
    expect(genz(['export', '-f', 'html', '-o', out], { env: cleanEnv({ GENZ_PATH: tempDir(TEAM) }) }).status).toBe(0);
    expect(readFileSync(join(out, 'terms', 'deck-review.html'), 'utf8')).toContain('<a href="rizz.html">rizz</a>');
  });

  it('an empty glossary exits 1; a broken team file exits 3 and the rest is exported', () => {
    expect(genz(['--no-builtin', 'export', '-f', 'csv', '-o', join(work(), 'x')])).toMatchObject({ status: 1, stderr: expect.stringMatching(/nothing to export/) });
    const team = tempDir({ ...TEAM, 'broken.yaml': 'term: [unclosed\n' });
    const out = join(work(), 'x');
    const result = genz(['--no-builtin', '--data', team, 'export', '-f', 'csv', '-o', out]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/broken\.yaml/);
    expect(readFileSync(join(out, 'glossary.csv'), 'utf8').split('\r\n')).toHaveLength(4);
  });
});

describe('progress', () => {
  it('draws a progress line on a terminal and clears it; nothing on a pipe', async () => {
    const { run } = await import('../src/cli.ts');
    let stderr = '';
    let stdout = '';
    const io = {
      stdout: {
        write: (t: string) => {
          stdout += t;
        },
        isTTY: false,
      },
      stderr: {
        write: (t: string) => {
          stderr += t;
        },
        isTTY: true,
      },
      stdin: { readAll: async () => '' },
      env: cleanEnv(),
      cwd: ROOT,
      now: () => new Date(2026, 0, 15),
    };
    expect(await run(['export', '-f', 'md', '-o', join(work(), 'w')], io)).toBe(0);
    expect(stderr).toMatch(/^\rgenz: exporting md: \d+\/\d+ files/);
    expect(stderr.endsWith('\r\u001b[K')).toBe(true);
    expect(stdout).toMatch(/^exported \d+ terms as md/);
    expect(genz(['export', '-f', 'md', '-o', join(work(), 'w')]).stderr).toBe('');
  });
});

describe('speed', () => {
  const time = (args: string[], env = cleanEnv()) => {
    const start = performance.now();
    const result = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    return performance.now() - start;
  };

  it('exports the built-in glossary as a site in under 2 s', () => {
    const ms = time(['export', '-f', 'html', '-o', join(work(), 'site')]);
    console.log(`export html, built-in glossary: ${ms.toFixed(0)} ms`);
    expect(ms).toBeLessThan(2000);
  });

  it('exports a 1,000-term team directory (timed, reported)', () => {
    const dir = join(work(), 'terms');
    mkdirSync(dir);
    spawnSync(process.execPath, [join(ROOT, 'scripts', 'bench-glossary.mjs'), dir, '1000']);
    expect(readdirSync(dir).length).toBeGreaterThanOrEqual(1000);
    const env = cleanEnv();
    const cold = time(['--no-builtin', '--data', dir, 'export', '-f', 'html', '-o', join(work(), 'site')], env);
    const warm = time(['--no-builtin', '--data', dir, 'export', '-f', 'html', '-o', join(work(), 'site')], env);
    console.log(`export html, 1,000-term directory: ${cold.toFixed(0)} ms (cache cold), ${warm.toFixed(0)} ms (warm)`);
    expect(warm).toBeLessThan(5000);
  });
});

describe('completion', () => {
  it('offers export, its flags and its formats in every shell', () => {
    const bash = genz(['completion', 'bash']).stdout;
    expect(bash).toMatch(/export\) flags="--format -f --out -o --title --base-url --stamp --force --json"/);
    expect(bash).toContain('"export --format"|"export -f") _genz_words "html md csv json"; return ;;');
    expect(genz(['completion', 'zsh']).stdout).toContain('(html md csv json)');
    const fish = genz(['completion', 'fish']).stdout;
    expect(fish).toContain("complete -c genz -n '__genz_using export' -l format -s f -x -a 'html md csv json'");
    expect(fish).toContain("complete -c genz -n 'not __genz_command' -a export");
  });
});
