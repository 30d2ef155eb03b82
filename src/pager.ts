/**
 * Paging long output, as git and man do. The decisions (which program, whether to page)
 * are pure functions of the environment; `spawnPager` is the one process-side piece, wired
 * in by src/main.ts as `Io.page`.
 */

type Env = Record<string, string | undefined>;

export const DEFAULT_PAGER = 'less -FRX';

/**
 * The pager's argv: $GENZ_PAGER, else $PAGER, else less -FRX. An empty value or `cat`
 * means "don't page" (as with git), and gives null.
 */
export function pagerCommand(env: Env): string[] | null {
  const chosen = env['GENZ_PAGER'] ?? env['PAGER'] ?? DEFAULT_PAGER;
  const argv = splitCommand(chosen);
  if (argv.length === 0 || argv[0] === 'cat') return null;
  return argv;
}

/** Splits a command line into words: whitespace separates, quotes group, backslash escapes. */
export function splitCommand(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) word += line[++i];
      else word += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      word += line[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** The pager's environment: less and lv pass colours through unless the user set them up. */
export function pagerEnv(env: Env): Env {
  return { ...env, LESS: env['LESS'] ?? 'FRX', LV: env['LV'] ?? '-c' };
}

/** Page only on a terminal, and only what would not fit on one screen with the prompt below it. */
export function shouldPage(text: string, stdout: { isTTY?: boolean; rows?: number }): boolean {
  if (!stdout.isTTY || !stdout.rows) return false;
  return text.split('\n').length >= stdout.rows;
}

/**
 * Runs the pager with `text` on its standard input and the terminal as its output. Resolves
 * true when it ran (whatever its exit status: quitting early is normal), false when it could
 * not be started, so the caller prints the text itself.
 */
export function spawnPager(text: string, command: string[], env: Env): Promise<boolean> {
  const [program, ...args] = command;
  if (!program) return Promise.resolve(false);
  return new Promise((resolve) => {
    let started = false;
    // Loaded here, not at start-up: most runs never page.
    const { spawn } = process.getBuiltinModule('node:child_process');
    const child = spawn(program, args, { stdio: ['pipe', 'inherit', 'inherit'], env: env as NodeJS.ProcessEnv });
    const exited = new Promise<void>((done) => child.on('close', () => done()));
    running = { child, exited };
    child.on('spawn', () => {
      started = true;
    });
    child.on('error', () => {
      if (!started) resolve(false);
    });
    child.on('close', () => {
      running = undefined;
      if (started) resolve(true);
    });
    // The reader may quit before reading everything (q in less): not an error.
    child.stdin.on('error', () => {});
    child.stdin.end(text);
  });
}

/** The pager now running, if any: it must not outlive genz (it would fight the shell for the terminal). */
let running: { child: import('node:child_process').ChildProcess; exited: Promise<void> } | undefined;

/**
 * Ends the running pager with `signal` and waits (at most `waitMs`) for it to exit, so that
 * it has put the terminal back (less leaves its alternate screen and raw mode) before genz
 * exits and the shell prints its prompt. Resolves at once when no pager runs.
 */
export async function stopPager(signal: NodeJS.Signals, waitMs = 1000): Promise<void> {
  const pager = running;
  if (!pager) return;
  pager.child.kill(signal === 'SIGQUIT' || signal === 'SIGHUP' ? 'SIGTERM' : signal);
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([pager.exited, new Promise<void>((done) => (timer = setTimeout(done, waitMs)))]);
  clearTimeout(timer);
  if (running === pager) pager.child.kill('SIGKILL');
}
