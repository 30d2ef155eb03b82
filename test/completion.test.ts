/**
 * Completion as a person meets it: the script genz prints, loaded the way its install line
 * says, in a real bash, zsh and fish running in tmux; Tab is pressed and the screen read
 * back. Each case is a fresh shell, so zsh's first Tab is a first Tab. A shell that is not
 * installed is skipped, saying why (.ci/run installs them).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanEnv, FIXTURES, genz, tempDir } from './helpers.ts';

const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
const has = (shell: string) => HAS_TMUX && spawnSync(shell, ['-c', 'exit 0']).status === 0;
const SOCKET = `genz-completion-${process.pid}`;
const state = tempDir({});
const CONFIG = join(state, 'tmux.conf');
writeFileSync(CONFIG, 'set -s exit-empty off\nset -g default-terminal tmux-256color\n');

// `genz` on the PATH, as an install puts it there.
const binDir = join(state, 'bin');
mkdirSync(binDir);
writeFileSync(join(binDir, 'genz'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
// The working directory: a file and a directory, so file names offered where they should not be show up.
const cwd = tempDir({ 'notes-file.txt': '' });
mkdirSync(join(cwd, 'terms-dir'));
const ENV = cleanEnv({ TERM: 'xterm-256color', PATH: `${binDir}:${process.env['PATH']}` });

function tmux(...args: string[]): string {
  const result = spawnSync('tmux', ['-L', SOCKET, '-f', CONFIG, ...args], { encoding: 'utf8', env: ENV });
  if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The screen once it has stopped changing for `quietMs` (a completion runs genz, then draws). */
async function settled(session: string, quietMs = 600, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = tmux('capture-pane', '-p', '-t', session);
  let since = Date.now();
  while (Date.now() < deadline) {
    await sleep(100);
    const now = tmux('capture-pane', '-p', '-t', session);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return now;
  }
  return last;
}

/** The way each shell is started with genz's script installed as its README line says. */
const scripts = new Map<string, string>();

function shellCommand(shell: 'bash' | 'zsh' | 'fish'): string[] {
  const home = tempDir({});
  if (!scripts.has(shell)) scripts.set(shell, genz(['completion', shell]).stdout);
  const script = scripts.get(shell)!;
  if (shell === 'bash') {
    const file = join(home, 'genz.bash');
    writeFileSync(file, script);
    // show-all-if-ambiguous: the list on the first Tab, as many people set it.
    writeFileSync(join(home, 'bashrc'), `PS1='$ '\nbind 'set show-all-if-ambiguous on'\nsource "${file}"\n`);
    return ['bash', '--noprofile', '--rcfile', join(home, 'bashrc'), '-i'];
  }
  if (shell === 'zsh') {
    // genz completion zsh > "${fpath[1]}/_genz", in a fresh shell with compinit.
    mkdirSync(join(home, 'functions'));
    writeFileSync(join(home, 'functions', '_genz'), script);
    writeFileSync(join(home, '.zshrc'), `PS1='$ '\nfpath=("${join(home, 'functions')}" $fpath)\nautoload -Uz compinit\ncompinit -u -D\n`);
    return ['env', `ZDOTDIR=${home}`, 'zsh', '-i'];
  }
  // genz completion fish > ~/.config/fish/completions/genz.fish
  mkdirSync(join(home, 'fish', 'completions'), { recursive: true });
  writeFileSync(join(home, 'fish', 'completions', 'genz.fish'), script);
  return ['env', `XDG_CONFIG_HOME=${home}`, `XDG_DATA_HOME=${home}`, 'fish', '-C', "set -g fish_greeting ''; function fish_prompt; echo '$ '; end; set -g fish_autosuggestion_enabled 0"];
}

let sessions = 0;

/** The command line as the shell last drew it (bash redraws the prompt below a list). */
const commandLine = (screen: string) => (screen.split('\n').findLast((l) => l.startsWith('$ genz')) ?? '').slice(2).trimEnd();

async function until(session: string, done: (screen: string) => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !done(tmux('capture-pane', '-p', '-t', session))) await sleep(50);
}

/**
 * Types `line` into a fresh shell, presses Tab, and returns the screen: as soon as `expected`
 * shows on the command line, or once the screen has been still for a while (for what must
 * not change).
 */
async function complete(shell: 'bash' | 'zsh' | 'fish', line: string, expected?: (line: string) => boolean): Promise<{ line: string; screen: string }> {
  const session = `completion-${process.pid}-${++sessions}`;
  tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '40', '-c', cwd, '--', ...shellCommand(shell));
  try {
    await until(session, (screen) => screen.includes('$'));
    await settled(session, 200);
    tmux('send-keys', '-t', session, '-l', line);
    await until(session, (screen) => commandLine(screen) === line.trimEnd());
    tmux('send-keys', '-t', session, 'Tab');
    if (expected) await until(session, (screen) => expected(commandLine(screen)));
    const screen = await settled(session, expected ? 200 : 1000);
    return { line: commandLine(screen), screen };
  } finally {
    spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', session], { env: ENV });
  }
}

const SHELLS = ['bash', 'zsh', 'fish'] as const;
const data = join(FIXTURES, 'terms');

// Concurrent: each case is its own shell in its own tmux session, mostly waiting.
afterAll(() => {
  spawnSync('tmux', ['-L', SOCKET, 'kill-server'], { env: ENV });
});

describe.concurrent.each(SHELLS)('%s completion, in the real shell', (shell) => {
  it.skipIf(!has(shell)).each([
    ['a command', 'genz expl', 'genz explain'],
    ['a category for list --category', 'genz list --category wellb', 'genz list --category wellbeing'],
    ['a rating for -w', 'genz list -w cas', 'genz list -w casual'],
    ["a command's own flag", 'genz define --bri', 'genz define --brief'],
    ['a section for define -s', 'genz define -s fa', 'genz define -s faq'],
    ['a section after a comma', 'genz define -s meaning,or', 'genz define -s meaning,origin'],
    ['a tag for --tag', 'genz list --tag burno', 'genz list --tag burnout'],
    ['a term name', 'genz define quiet-qui', 'genz define quiet-quitting'],
    ['a term name from --data', `genz --data ${data} define cafe-cu`, `genz --data ${data} define cafe-culture`],
    ['a file for validate', 'genz validate notes', 'genz validate notes-file.txt'],
    ['a directory for --data', 'genz --data terms', 'genz --data terms-dir/'],
    ['a shell', 'genz completion fi', 'genz completion fish'],
  ])('completes %s on the first Tab', async (_what, typed, expected) => {
    // zsh ends a comma-separated value with a comma it removes when you type a space.
    const wanted = (line: string) => line === expected || (shell === 'zsh' && line === `${expected},`);
    const { line } = await complete(shell, typed, wanted);
    expect(wanted(line), line).toBe(true);
  });

  it.skipIf(!has(shell))('offers the categories for list --category, and no file names', async () => {
    const { screen } = await complete(shell, 'genz list --category ');
    for (const category of ['workplace-trend', 'wellbeing', 'everyday-slang']) expect(screen).toContain(category);
    expect(screen).not.toContain('notes-file.txt');
  });

  it.skipIf(!has(shell))('offers section names for define -s, not term names', async () => {
    const { screen } = await complete(shell, 'genz define -s ');
    for (const section of ['meaning', 'origin', 'synonyms', 'faq', 'sources']) expect(screen).toContain(section);
    expect(screen).not.toContain('quiet-quitting');
    expect(screen).not.toContain('notes-file.txt');
  });

  it.skipIf(!has(shell))('offers only the flags the command accepts', async () => {
    const { line, screen } = await complete(shell, 'genz define --c');
    expect(line).toBe('genz define --c'); // define takes no --category
    expect(screen).not.toContain('--category');
    const listed = await complete(shell, 'genz list --c', (l) => l.startsWith('genz list --categor'));
    expect(listed.line).toMatch(/^genz list --categor(y|ies)?$/);
  });

  it.skipIf(!has(shell))('offers no file names where genz takes none', async () => {
    const { line, screen } = await complete(shell, 'genz search notes');
    expect(line).toBe('genz search notes');
    expect(screen).not.toContain('notes-file.txt');
  });
});

for (const shell of SHELLS) {
  if (!has(shell)) {
    describe(`${shell} completion`, () => {
      it.skip(`skipped: ${HAS_TMUX ? shell : 'tmux'} is not installed (apt-get install tmux zsh fish; .ci/run does this)`, () => {});
    });
  }
}
