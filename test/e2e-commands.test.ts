import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, genz, genzInProcess, ROOT, schemaErrors, tempDir } from './helpers.ts';

const BUILTIN_COUNT = readdirSync(join(ROOT, 'data', 'terms')).filter((f) => f.endsWith('.yaml')).length;
const json = (args: string[], input?: string) => {
  const result = genz([...args, '--json'], input === undefined ? {} : { input });
  const doc = JSON.parse(result.stdout);
  expect(schemaErrors(doc)).toBeNull();
  return { ...result, doc };
};

describe('genz search', () => {
  it('surfaces task masking and coffee badging among the first eight for "pretend to work"', () => {
    const { status, stdout } = genz(['search', 'pretend', 'to', 'work']);
    expect(status).toBe(0);
    const top = stdout.split('\n').slice(0, 8).join('\n');
    expect(top).toMatch(/^task masking — /m);
  });

  it('surfaces the influencer tiers for "influencer"', () => {
    const { doc } = json(['search', 'influencer']);
    const top = doc.results.slice(0, 5).map((r: { slug: string }) => r.slug);
    expect(top).toEqual(expect.arrayContaining(['micro-influencer', 'macro-influencer', 'nano-influencer', 'influencer']));
    expect(doc.results[0].matchedIn).toContain('term');
  });

  it('--limit and --category narrow the results', () => {
    const { doc } = json(['search', 'money', '--limit', '3', '--category', 'career-money']);
    expect(doc.results).toHaveLength(3);
    expect(doc.results.every((r: { category: string }) => r.category === 'career-money')).toBe(true);
  });

  it('no hits: exit 1, message on stderr, nothing on stdout', () => {
    const { status, stdout, stderr } = genz(['search', 'xqzzyv', 'plorbn']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^genz: nothing matches/);
  });

  it('a bad category is a usage error that suggests the right one', () => {
    const { status, stderr } = genz(['search', 'money', '--category', 'wellbeeing']);
    expect(status).toBe(2);
    expect(stderr).toContain('did you mean "wellbeing"');
  });
});

describe('genz list', () => {
  it('piped, prints one slug per line for every term', () => {
    const lines = genz(['list']).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(BUILTIN_COUNT);
    expect(lines).toContain('micro-influencer');
    expect(lines.every((l) => /^[a-z0-9-]+$/.test(l))).toBe(true);
  });

  it('filters by category, tag and workplace rating', () => {
    const { doc } = json(['list', '--category', 'wellbeing', '--workplace', 'safe']);
    expect(doc.count).toBeGreaterThan(0);
    expect(doc.entries.every((e: { category: string; workplace: string }) => e.category === 'wellbeing' && e.workplace === 'safe')).toBe(true);
    const tagged = json(['list', '--tag', 'marketing']).doc;
    expect(tagged.entries.map((e: { slug: string }) => e.slug)).toContain('micro-influencer');
  });

  it('--categories counts entries per category', () => {
    const { doc } = json(['list', '--categories']);
    const total = doc.categories.reduce((sum: number, c: { count: number }) => sum + c.count, 0);
    expect(total).toBe(BUILTIN_COUNT);
  });

  it('groups by category on a terminal', async () => {
    const { stdout } = await genzInProcess(['list', '--category', 'internet-social'], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(stdout).toMatch(/^INTERNET-SOCIAL \(\d+\)\n/);
    expect(stdout).toMatch(/micro-influencer — A creator/);
  });

  it('an empty filter result exits 1', () => {
    const { status, stderr } = genz(['list', '--tag', 'no-such-tag-anywhere']);
    expect(status).toBe(1);
    expect(stderr).toContain('no entries match');
  });
});

describe('genz random and today', () => {
  it('random --seed is reproducible and different seeds differ', () => {
    const a = json(['random', '--seed', '7']).doc;
    const b = json(['random', '--seed', '7']).doc;
    expect(a.entry.slug).toBe(b.entry.slug);
    const slugs = new Set([1, 2, 3, 4, 5, 6].map((seed) => json(['random', '--seed', String(seed)]).doc.entry.slug));
    expect(slugs.size).toBeGreaterThan(1);
  });

  it('random --category stays in the category', () => {
    expect(json(['random', '--seed', '3', '--category', 'wellbeing']).doc.entry.category).toBe('wellbeing');
  });

  it('today is stable for a date and walks the glossary without repeats', () => {
    const first = json(['today', '--date', '2026-03-01']).doc;
    expect(json(['today', '--date', '2026-03-01']).doc.entry.slug).toBe(first.entry.slug);
    expect(first.date).toBe('2026-03-01');
    const week = ['02', '03', '04', '05', '06', '07', '08'].map((d) => json(['today', '--date', `2026-03-${d}`]).doc.entry.slug);
    expect(new Set([first.entry.slug, ...week]).size).toBe(8);
  });

  it('today uses the local date when none is given', async () => {
    const a = await genzInProcess(['today', '--json'], { now: new Date(2026, 2, 1, 8, 0) });
    const b = await genzInProcess(['today', '--json'], { now: new Date(2026, 2, 1, 23, 59) });
    expect(JSON.parse(a.stdout).entry.slug).toBe(JSON.parse(b.stdout).entry.slug);
    expect(JSON.parse(a.stdout).date).toBe('2026-03-01');
  });

  it('a bad --date is a usage error', () => {
    expect(genz(['today', '--date', '2026-02-30']).status).toBe(2);
  });
});

describe('genz related', () => {
  it('lists links both ways, with notes', () => {
    const { doc } = json(['related', 'micro', 'influencer']);
    expect(doc.entry.slug).toBe('micro-influencer');
    expect(doc.outgoing.map((l: { slug: string }) => l.slug)).toContain('macro-influencer');
    const incoming = doc.incoming.map((l: { slug: string }) => l.slug);
    expect(incoming.length).toBeGreaterThan(0);
    expect(doc.incoming.every((l: { note: string }) => l.note.length > 0)).toBe(true);
  });

  it('text output has both blocks', () => {
    const { status, stdout } = genz(['related', 'quiet', 'quitting']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^quiet quitting LINKS TO$/m);
    expect(stdout).toMatch(/^LINKING TO quiet quitting$/m);
  });

  it('a miss exits 1', () => {
    expect(genz(['related', 'zzzqqq']).status).toBe(1);
  });
});

describe('genz explain', () => {
  const MESSAGE = 'ngl that deck ate, no cap. I bet the tea is cold though';

  it('highlights terms and explains each once', () => {
    const { status, stdout } = genz(['explain', MESSAGE]);
    expect(status).toBe(0);
    const [marked, blank, ...rows] = stdout.trimEnd().split('\n');
    expect(marked).toContain('[ngl]');
    expect(marked).toMatch(/\[no cap\??\]/);
    expect(marked).toContain('I bet the tea is cold');
    expect(blank).toBe('');
    expect(rows.map((r) => r.split(' — ')[0])).toEqual(['NGL', 'ate (possible)', 'no cap (possible)']);
  });

  it('reads standard input when there are no arguments, or "-"', () => {
    expect(genz(['explain'], { input: MESSAGE }).stdout).toContain('[ngl]');
    expect(genz(['explain', '-'], { input: MESSAGE }).stdout).toContain('[ngl]');
  });

  it('--json gives code-point offsets that slice out the matched text', () => {
    const text = '👀 that pitch was bussin fr, she has rizz';
    const { doc } = json(['explain', text]);
    const codePoints = Array.from(text);
    for (const hit of doc.hits) expect(codePoints.slice(hit.start, hit.end).join('')).toBe(hit.text);
    expect(doc.terms.map((t: { slug: string }) => t.slug)).toEqual(expect.arrayContaining(['bussin', 'rizz']));
  });

  it('finds nothing in plain English and exits 1', () => {
    const { status, stdout, stderr } = genz(['explain', 'Please send the quarterly figures by Friday.']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain('no glossary terms');
  });

  it('does not wait on a terminal: with no text it prints usage and exits 2', async () => {
    const { status, stderr } = await genzInProcess(['explain'], { stdinIsTTY: true });
    expect(status).toBe(2);
    expect(stderr).toMatch(/explain needs a message/);
  });

  it('an empty message is a usage error', () => {
    expect(genz(['explain'], { input: '   \n' }).status).toBe(2);
  });
});

describe('genz completion', () => {
  // What each script completes is tested in the real shells: test/completion.test.ts.
  it.each([
    ['bash', ['bash', '-n']],
    ['zsh', ['zsh', '-n']],
    ['fish', ['fish', '--no-execute']],
  ])('%s script is valid shell and offers commands and terms', (shell, check) => {
    const { status, stdout } = genz(['completion', shell]);
    expect(status).toBe(0);
    expect(stdout).toContain('define');
    expect(stdout).toContain('list 2>/dev/null');
    const [program, ...args] = check as [string, ...string[]];
    if (spawnSync(program, ['-c', 'exit 0']).status !== 0) return; // the shell is not installed
    const file = join(tempDir({}), `genz.${shell}`);
    writeFileSync(file, stdout);
    const parsed = spawnSync(program, [...args, file], { encoding: 'utf8' });
    expect(parsed.status, parsed.stderr).toBe(0);
  });

  it('zsh script is a native #compdef function, not bashcompinit', () => {
    const { stdout } = genz(['completion', 'zsh']);
    expect(stdout).toMatch(/^#compdef genz\n/);
    expect(stdout).not.toContain('bashcompinit');
    expect(stdout).toContain('_arguments');
  });

  it('bash completion completes term slugs from the glossary in use', () => {
    const script = genz(['completion', 'bash']).stdout;
    const bin = join(ROOT, 'bin');
    const probe = `${script}\ngenz() { node "${bin}/genz.js" "$@"; }\nCOMP_WORDS=(genz --data "${join(FIXTURES, 'terms')}" define caf); COMP_CWORD=4; _genz; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const result = spawnSync('bash', ['-c', probe], { encoding: 'utf8' });
    expect(result.stdout.split('\n')).toContain('cafe-culture');
  });

  it('an unknown shell exits 2', () => {
    expect(genz(['completion', 'tcsh']).status).toBe(2);
  });
});
