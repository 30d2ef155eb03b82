/** `genz paths` (also `doctor`): where terms come from, what each directory gave, what is wrong. */
import type { Context } from '../context.ts';
import { type PathsReport, pathsJson } from '../render/json-files.ts';
import { pathsLines } from '../render/paths.ts';
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
  const personal = ctx.personalDir();
  ctx.out(...pathsLines(report, from.has(personal) ? undefined : personal, ctx.style));
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
