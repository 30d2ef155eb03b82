/** `genz paths` (also `doctor`): where terms come from, what each directory gave, what is wrong. */
import type { Context } from '../context.ts';
import { formatDiagnostic } from '../corpus/parse.ts';
import { type PathsReport, pathsJson } from '../render/json-files.ts';
import { sanitizeInline } from '../render/sanitize.ts';
import { examples, type Register } from './registry.ts';

export interface PathsOptions {
  json?: boolean;
}

/** Where the cache lives ($XDG_CACHE_HOME/genz), and whether genz can use it (Context.cache). */
function cacheReport(ctx: Context): PathsReport['cache'] {
  const cache = ctx.cache();
  const dir = ctx.cacheRoot ?? null;
  return 'problem' in cache ? { dir, usable: false, problem: cache.problem } : { dir, usable: true, problem: null };
}

export function paths(ctx: Context, options: PathsOptions): number {
  const glossary = ctx.glossary();
  const from = new Map(ctx.searchPath().map((entry) => [entry.dir, entry.from]));
  const report: PathsReport = {
    directories: glossary.directories.map((d) => ({ dir: d.dir, from: d.builtin ? 'built-in' : (from.get(d.dir) ?? '--data'), terms: d.count })),
    shadowed: glossary.shadowed.map((hidden) => ({ slug: hidden.slug, hidden: hidden.source.path, by: glossary.get(hidden.slug)!.source.path })),
    problems: glossary.errors,
    cache: cacheReport(ctx),
  };
  if (options.json) {
    ctx.json(pathsJson(report));
    return ctx.loadStatus;
  }
  const { directories, shadowed, problems, cache } = report;
  const s = ctx.style;
  ctx.out(s.heading('SEARCH PATH (first wins)'));
  if (directories.length === 0) ctx.out('  (none: --no-builtin and no user directories)');
  for (const [i, d] of directories.entries()) {
    ctx.out(`  ${i + 1}. ${sanitizeInline(d.dir)}  [${d.from}]  ${d.terms} term${d.terms === 1 ? '' : 's'}`);
  }
  if (!from.has(ctx.personalDir())) ctx.out(`  (personal directory ${sanitizeInline(ctx.personalDir())} does not exist; genz new creates it)`);
  if (shadowed.length > 0) {
    ctx.out('', s.heading('OVERRIDDEN ENTRIES'));
    for (const o of shadowed) ctx.out(`  ${sanitizeInline(o.slug)}: ${sanitizeInline(o.by)} hides ${sanitizeInline(o.hidden)}`);
  }
  ctx.out('', s.heading('CACHE'));
  if (cache.usable) ctx.out(`  ${sanitizeInline(cache.dir!)}  [usable]`);
  else ctx.out(`  ${cache.dir ? `${sanitizeInline(cache.dir)}  ` : ''}[not usable: ${sanitizeInline(cache.problem!)}]`, '  (your directories are compiled in memory on every run instead; answers are the same)');
  ctx.out('', s.heading('PROBLEMS'));
  if (problems.length === 0) ctx.out('  none');
  for (const d of problems) ctx.out(`  ${sanitizeInline(formatDiagnostic(d))}`);
  return ctx.loadStatus;
}

export const registerPaths: Register = (program, context, setExit) => {
  program
    .command('paths')
    .alias('doctor')
    .description('show where terms come from, where the cache is, and any problems')
    .option('--json', 'print the report as JSON')
    .addHelpText('after', examples('genz paths', 'genz paths --data ./team-terms', 'genz paths --json | jq .directories'))
    .action((options: PathsOptions) => setExit(paths(context(), options)));
};
