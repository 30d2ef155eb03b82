/**
 * `genz export --format html|md|csv|json --out <dir>`: the glossary in use, published as a
 * static site, Markdown pages, a spreadsheet or one JSON document. The exporters
 * (src/export/) build the files in memory; export-write.ts puts them on disk, all or nothing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Context } from '../context.ts';
import { DataError } from '../errors.ts';
import { EXPORTERS, FORMATS, type ExportOptions, type Format } from '../export/index.ts';
import { httpUrl } from '../export/text.ts';
import { exportSummaryJson } from '../render/json-files.ts';
import { sanitizeInline } from '../render/sanitize.ts';
import { MARKER, writeExport } from './export-write.ts';
import { examples, type Register } from './registry.ts';
import { InvalidArgumentError } from './shared.ts';

export interface ExportCommandOptions {
  format: Format;
  out: string;
  title?: string;
  baseUrl?: string;
  stamp?: boolean;
  force?: boolean;
  json?: boolean;
}

export const DEFAULT_TITLE = 'Gen Z workplace slang';

const HERE = dirname(fileURLToPath(import.meta.url));
// The build copies MiniSearch's browser file beside the bundle (dist/); from the sources, it is in dist/ two folders up.
const MINISEARCH_CANDIDATES = [join(HERE, 'minisearch.js'), join(HERE, '..', '..', 'dist', 'minisearch.js')];

function searchLibrary(): string {
  const found = MINISEARCH_CANDIDATES.find((path) => existsSync(path));
  if (!found) throw new DataError('this copy of genz has no MiniSearch for the site search', 'run "npm run build" in the genz folder');
  return readFileSync(found, 'utf8');
}

function parseFormat(value: string): Format {
  if ((FORMATS as readonly string[]).includes(value)) return value as Format;
  throw new InvalidArgumentError(`unknown format "${value.slice(0, 20)}"; one of: ${FORMATS.join(', ')}`);
}

function parseBaseUrl(value: string): string {
  const url = httpUrl(value);
  if (!url) throw new InvalidArgumentError('--base-url must be an absolute http(s) URL, such as https://acme.example/glossary/');
  return url.endsWith('/') ? url : `${url}/`;
}

/** A progress line on a terminal (stderr), redrawn in place; nothing when stderr is a pipe. */
function progressLine(ctx: Context, format: Format): { update: (done: number, total: number) => void; clear: () => void } {
  if (!ctx.io.stderr.isTTY) return { update: () => {}, clear: () => {} };
  let shown = -1;
  return {
    update: (done, total) => {
      const percent = Math.floor((100 * done) / total);
      if (percent === shown) return;
      shown = percent;
      ctx.io.stderr.write(`\rgenz: exporting ${format}: ${done}/${total} files`);
    },
    clear: () => {
      if (shown >= 0) ctx.io.stderr.write('\r\u001b[K');
    },
  };
}

export function exportGlossary(ctx: Context, options: ExportCommandOptions): number {
  const out = isAbsolute(options.out) ? options.out : resolve(ctx.io.cwd, options.out);
  const entries = ctx.glossary().entries;
  if (entries.length === 0) return ctx.nothingFound('the glossary in use is empty: nothing to export', 'drop --no-builtin, or add --data <dir>');
  const glossary = ctx.glossary();
  const exportOptions: ExportOptions = {
    title: options.title ?? DEFAULT_TITLE,
    termOf: (slug) => glossary.get(slug)?.term,
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    ...(options.stamp ? { stamp: ctx.io.now().toISOString() } : {}),
    ...(options.format === 'html' ? { searchLibrary: searchLibrary() } : {}),
  };
  const files = EXPORTERS[options.format](entries, exportOptions);
  const progress = progressLine(ctx, options.format);
  let warning: string | undefined;
  try {
    warning = writeExport(out, options.out, files, { force: options.force ?? false, format: options.format, cwd: ctx.io.cwd, progress: progress.update });
  } finally {
    progress.clear();
  }
  if (warning) ctx.warn(warning);
  if (options.json) ctx.json(exportSummaryJson(options.format, out, files.size));
  else ctx.out(`exported ${entries.length} ${entries.length === 1 ? 'term' : 'terms'} as ${options.format} to ${sanitizeInline(options.out)} (${files.size} ${files.size === 1 ? 'file' : 'files'})`);
  return ctx.loadStatus;
}

export const registerExport: Register = (program, context, setExit) => {
  program
    .command('export')
    .description('publish the glossary in use as a static site, Markdown pages, CSV or JSON')
    .requiredOption('-f, --format <format>', `what to write: ${FORMATS.join(', ')}`, parseFormat)
    .requiredOption('-o, --out <dir>', 'the directory to write (created; must be new or empty, or an earlier export with --force)')
    .option('--title <text>', `the site's name (default "${DEFAULT_TITLE}")`)
    .option('--base-url <url>', 'where the site will be served from, for canonical links (html)', parseBaseUrl)
    .option('--stamp', 'print the export time in the output (otherwise the same glossary gives the same bytes)')
    .option('--force', `write into a non-empty directory: replaces an earlier export (files listed in its ${MARKER}), keeps other files`)
    .option('--json', 'print a summary as JSON: format, out, files')
    .addHelpText(
      'after',
      examples(
        'genz export --format html --out public --title "Acme glossary"',
        'genz export --format md --out wiki --no-builtin --data terms',
        'genz export --format csv --out sheet',
      ),
    )
    .action((options: ExportCommandOptions) => setExit(exportGlossary(context(), options)));
};
