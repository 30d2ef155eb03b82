/**
 * The process under hostile conditions, through the real binary: a reader that goes away
 * (`| head -1`), Ctrl-C, standard input that is empty, closed, a terminal or endless, and
 * stdout that is full. Exit codes follow the contract; nothing prints a stack trace.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cleanEnv, genz, genzInProcess, ROOT, tempDir } from './helpers.ts';

const MiB = 1024 * 1024;
const BIG_MESSAGE = 'that deck ate, no cap. '.repeat(20_000); // ~460 KB, ~1 MB of answer

/** A user directory of many entries, so `list` and `search` print a lot. */
function bigGlossary(count = 400): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    files[`team-term-${i}.yaml`] = `term: team term ${i}\ncategory: team\nworkplace: safe\ndefinition: Jargon number ${i} of our team, used in stand-ups.\n`;
  }
  return tempDir(files);
}

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  ms: number;
}

function finished(child: ChildProcess, started: number): Promise<Finished> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stderr, ms: Date.now() - started }));
  });
}

describe('a reader that stops early: genz … | head -1', () => {
  const data = bigGlossary();
  // [name, argv, standard input]
  const COMMANDS: Array<[string, string[], string]> = [
    ['define', ['define', 'micro-influencer'], ''],
    ['list', ['list'], ''],
    ['list (400 more entries)', ['--data', data, 'list'], ''],
    ['list --json', ['--data', data, 'list', '--json'], ''],
    ['search', ['search', 'work'], ''],
    ['search (400 results)', ['--data', data, 'search', 'team', '--limit', '400'], ''],
    ['explain (460 KB message)', ['explain'], BIG_MESSAGE],
    ['explain --json', ['explain', '--json', '-'], BIG_MESSAGE],
    ['related', ['related', 'quiet quitting'], ''],
    ['validate', ['validate', join(ROOT, 'data', 'terms')], ''],
    ['completion bash', ['completion', 'bash'], ''],
    ['completion fish', ['completion', 'fish'], ''],
  ];

  it.each(COMMANDS)('%s exits 0 with nothing on stderr', (_name, argv, input) => {
    const script = 'set -o pipefail; "$NODE" "$BIN" "$@" 2>"$ERR" | head -1 >/dev/null';
    const errFile = join(tempDir({}), 'stderr');
    const result = spawnSync('bash', ['-c', script, 'genz', ...argv], {
      env: { ...cleanEnv(), NODE: process.execPath, BIN, ERR: errFile },
      cwd: ROOT,
      input,
      timeout: 20_000,
    });
    expect(result.status).toBe(0);
    expect(readFileSync(errFile, 'utf8')).toBe('');
  });

  it.each(COMMANDS)('%s, its stdout closed before it writes: exits 0 quietly', async (_name, argv, input) => {
      const started = Date.now();
      const child = spawn(process.execPath, [BIN, ...argv], { env: cleanEnv(), cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
      child.stdin?.on('error', () => {}); // genz may be gone before it reads everything
      child.stdin?.end(input);
      child.stdout?.destroy(); // every write the child makes now fails with EPIPE
      const { code, signal, stderr } = await finished(child, started);
      expect({ code, signal, stderr }).toEqual({ code: 0, signal: null, stderr: '' });
  });

  it('a miss with both stdout and stderr closed still exits with its own code', async () => {
    const child = spawn(process.execPath, [BIN, 'define', 'zzqxv'], { env: cleanEnv(), cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.destroy();
    child.stderr?.destroy();
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(1); // the lost message does not change the answer's status
  });

  it('a miss whose stderr reader went away still exits 1', () => {
    const script = '"$NODE" "$BIN" define zzqxv 2>&1 >/dev/null | true; exit "$((PIPESTATUS[0]))"';
    const result = spawnSync('bash', ['-c', script], {
      env: { ...cleanEnv(), NODE: process.execPath, BIN },
      cwd: ROOT,
      timeout: 10_000,
    });
    expect(result.status).toBe(1);
  });

  const hasDevFull = (() => {
    try {
      return statSync('/dev/full').isCharacterDevice();
    } catch {
      return false;
    }
  })();
  it.skipIf(!hasDevFull)('a full stdout (> /dev/full): one line on stderr, exit 74, no stack trace', () => {
    for (const argv of [['list'], ['define', 'rizz'], ['explain', '--json', 'no cap fr']]) {
      const result = spawnSync('bash', ['-c', '"$NODE" "$BIN" "$@" >/dev/full', 'genz', ...argv], {
        env: { ...cleanEnv(), NODE: process.execPath, BIN },
        cwd: ROOT,
        timeout: 10_000,
        encoding: 'utf8',
      });
      expect(result.status).toBe(74);
      expect(result.stderr).toBe('genz: cannot write to standard output: ENOSPC\n');
    }
  });
});

describe('a working directory that was removed', () => {
  it('does not crash: built-in answers as usual, user directories (cache and all) too', () => {
    const data = tempDir({ 'deck-review.yaml': 'term: deck review\ncategory: team\nworkplace: safe\ndefinition: Our Thursday ritual.\n' });
    const gone = tempDir({});
    const run = (args: string) =>
      spawnSync('sh', ['-c', `cd "$1" && rmdir "$1" && exec "$2" "$3" ${args}`, 'sh', gone, process.execPath, BIN], { env: cleanEnv({ GENZ_PATH: data }), encoding: 'utf8' });
    const builtin = run('define rizz');
    expect(builtin.stderr).toBe('');
    expect(builtin.status).toBe(0);
    expect(builtin.stdout.split('\n')[0]).toBe('rizz');
    // search stats every file of the team directory from inside it, and comes back
    mkdirSync(gone);
    const team = run('search ritual');
    expect(team.stderr).toBe('');
    expect(team.stdout).toContain('deck review');
  });
});

describe('Ctrl-C (SIGINT) exits 130 at once', () => {
  it('while explain reads a never-ending standard input', async () => {
    const child = spawn(process.execPath, [BIN, 'explain'], { env: cleanEnv(), cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin?.write('no cap, still typing');
    await new Promise((resolve) => setTimeout(resolve, 700)); // started, waiting for more input
    const started = Date.now();
    child.kill('SIGINT');
    const { code, signal, stderr, ms } = await finished(child, started);
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(ms).toBeLessThan(1000);
    expect(stderr).not.toContain('    at ');
  });

  it('while blocked writing to a full stdout nobody reads', async () => {
    const child = spawn(process.execPath, [BIN, 'explain'], { env: cleanEnv(), cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin?.end(BIG_MESSAGE);
    child.stdout?.pause(); // the pipe fills (64 KiB) and stays full
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const started = Date.now();
    child.kill('SIGINT');
    const { code, signal, ms } = await finished(child, started);
    expect({ code, signal }).toEqual({ code: 130, signal: null });
    expect(ms).toBeLessThan(1000);
  });
});

describe('standard input never hangs explain', () => {
  it('at EOF (/dev/null): a usage error at once', () => {
    const started = Date.now();
    const result = spawnSync(process.execPath, [BIN, 'explain'], { env: cleanEnv(), cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000, encoding: 'utf8' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^genz: the message is empty/);
  });

  it('closed (0<&-): a usage error at once', () => {
    const result = spawnSync('bash', ['-c', '"$NODE" "$BIN" explain 0<&-'], {
      env: { ...cleanEnv(), NODE: process.execPath, BIN },
      cwd: ROOT,
      timeout: 10_000,
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain('    at ');
  });

  it('a terminal: explain asks for a message instead of waiting (in-process)', async () => {
    const { status, stderr } = await genzInProcess(['explain'], { stdinIsTTY: true });
    expect(status).toBe(2);
    expect(stderr).toBe('genz: explain needs a message\nhint: pass it as arguments, or pipe it in: pbpaste | genz explain\n');
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('a real terminal (script(1) gives it a pty): a usage error at once', () => {
    const result = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" explain`, '/dev/null'], {
      env: cleanEnv(),
      cwd: ROOT,
      timeout: 10_000,
      encoding: 'utf8',
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    expect(result.status).toBe(2);
    expect(result.stdout).toContain('explain needs a message');
  });

  it('exactly 1 MiB is read and answered; one byte more is refused', () => {
    // Filler and one term at the very end, so the answer shows the last bytes were read.
    const exact = `${'.'.repeat(MiB - ' quiet quitting'.length)} quiet quitting`;
    expect(Buffer.byteLength(exact)).toBe(MiB);
    const read = genz(['explain', '--json'], { input: exact });
    expect(read.status).toBe(0);
    expect(JSON.parse(read.stdout).hits.map((h: { text: string }) => h.text)).toEqual(['quiet quitting']);
    const over = genz(['explain', '--json'], { input: `${exact}.` });
    expect(over.status).toBe(2);
    expect(over.stdout).toBe('');
    expect(over.stderr).toBe(
      'genz: the message is more than that on standard input; explain reads at most 1048576 bytes (1 MiB)\nhint: split it into smaller parts\n',
    );
  });

  it('an endless stream: stops reading after 1 MiB with a clear error, at once', async () => {
    const started = Date.now();
    const child = spawn(process.execPath, [BIN, 'explain'], { env: cleanEnv(), cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunk = Buffer.alloc(64 * 1024, 'no cap lol ');
    let written = 0;
    let stopped = false;
    child.stdin?.on('error', () => {
      stopped = true; // EPIPE: genz closed its end, as `head` does
    });
    const pump = () => {
      while (!stopped && child.stdin?.writable && child.stdin.write(chunk)) written += chunk.length;
      if (!stopped && child.stdin?.writable) child.stdin.once('drain', pump);
    };
    pump();
    const { code, stderr, ms } = await finished(child, started);
    stopped = true;
    expect(code).toBe(2);
    expect(stderr).toMatch(/^genz: the message is more than that on standard input; explain reads at most 1048576 bytes/);
    expect(ms).toBeLessThan(5000);
    expect(written).toBeLessThan(64 * MiB); // it did not buffer the stream
  });
});

describe('nothing is left half-written', () => {
  it('every file genz writes in src/ is written to a temporary name and renamed into place', () => {
    const files = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    for (const file of files) {
      const code = readFileSync(join(ROOT, 'src', file), 'utf8');
      if (/\b(writeFileSync|appendFileSync|createWriteStream|writeFile|appendFile)\s*\(/.test(code)) {
        // rename() replaces; link() is the no-overwrite equivalent (genz new)
        expect(code, `${file} writes files: it must write a temporary name and rename (or link) it`).toMatch(/\b(rename|link)(Sync)?\s*\(/);
      }
    }
  });

  it('runs cut short (closed stdout, Ctrl-C mid-answer) never change a later answer', async () => {
    const data = bigGlossary(200);
    const env = cleanEnv();
    const argv = ['--data', data, 'search', 'team', '--limit', '200', '--json'];
    const reference = genz(argv, { env: cleanEnv() }).stdout;
    for (let i = 0; i < 6; i++) {
      const child = spawn(process.execPath, [BIN, ...argv], { env, cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
      if (i % 2 === 0) child.stdout?.destroy();
      else setTimeout(() => child.kill('SIGINT'), 40 + i * 30);
      child.stdout?.resume();
      await finished(child, Date.now());
    }
    const after = genz(argv, { env });
    expect(after.status).toBe(0);
    expect(after.stdout).toBe(reference);
    // Whatever a cache left behind is whole files, no temporaries.
    const cache = env['XDG_CACHE_HOME']!;
    const leftovers = (() => {
      try {
        return readdirSync(cache, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tmp$|\.tmp\//.test(f) && statSync(join(cache, f)).isFile());
      } catch {
        return [];
      }
    })();
    expect(leftovers).toEqual([]);
  });
});
