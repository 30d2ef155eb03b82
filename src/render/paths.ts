/** `paths`' text: where terms come from, what each directory gave, the cache and what is wrong. */
import { formatDiagnostic } from '../corpus/parse.ts';
import type { PathsReport } from './json-files.ts';
import { sanitizeInline } from './sanitize.ts';
import type { Style } from './style.ts';

/** The report as headed sections; `missingPersonalDir` is said when given (it does not exist). */
export function pathsLines(report: PathsReport, missingPersonalDir: string | undefined, style: Style): string[] {
  const { directories, shadowed, problems, cache } = report;
  const lines = [style.heading('SEARCH PATH (first wins)')];
  if (directories.length === 0) lines.push('  (none: --no-builtin and no user directories)');
  for (const [i, d] of directories.entries()) {
    lines.push(`  ${i + 1}. ${sanitizeInline(d.dir)}  [${d.from}]  ${d.terms} term${d.terms === 1 ? '' : 's'}`);
  }
  if (missingPersonalDir !== undefined) lines.push(`  (personal directory ${sanitizeInline(missingPersonalDir)} does not exist; genz new creates it)`);
  if (shadowed.length > 0) {
    lines.push('', style.heading('OVERRIDDEN ENTRIES'));
    for (const o of shadowed) lines.push(`  ${sanitizeInline(o.slug)}: ${sanitizeInline(o.by)} hides ${sanitizeInline(o.hidden)}`);
  }
  lines.push('', style.heading('CACHE'));
  if (cache.usable) lines.push(`  ${sanitizeInline(cache.dir!)}  [usable]`);
  else lines.push(`  ${cache.dir ? `${sanitizeInline(cache.dir)}  ` : ''}[not usable: ${sanitizeInline(cache.problem!)}]`, '  (your directories are compiled in memory on every run instead; answers are the same)');
  lines.push('', style.heading('PROBLEMS'));
  if (problems.length === 0) lines.push('  none');
  for (const d of problems) lines.push(`  ${sanitizeInline(formatDiagnostic(d))}`);
  return lines;
}
