/**
 * `genz validate [path...]`: per-file checks (syntax, schema, minimums with --strict) and
 * checks across the files (duplicate slugs and aliases, related links that go nowhere).
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Entry } from '../corpus/entry.ts';
import { listTermFiles, readTermFile } from '../corpus/read.ts';
import { compareDiagnostics, type Diagnostic, formatDiagnostic, type ParseResult } from '../corpus/parse.ts';
import type { Path, Profile } from '../corpus/validate.ts';
import { drive, finish, type Steps } from '../text/steps.ts';
import type { Context } from '../context.ts';
import { EXIT, UsageError } from '../errors.ts';
import { validateJson } from '../render/json-files.ts';
import { sanitizeInline } from '../render/sanitize.ts';
import { compact, normalize } from '../text/normalize.ts';
import { quote } from '../text/quote.ts';
import { examples, type Register } from './registry.ts';

export interface ValidateOptions {
  json?: boolean;
  strict?: boolean;
}

interface Checked {
  file: string;
  result: ParseResult;
}

function filesOf(ctx: Context, paths: string[]): string[] {
  if (paths.length === 0) {
    const dirs = ctx.searchPath().map((entry) => entry.dir);
    const builtin = ctx.global.builtin ? ctx.glossary().directories.filter((d) => d.builtin).map((d) => d.dir) : [];
    return [...dirs, ...builtin].flatMap((dir) => listTermFiles(dir));
  }
  return paths.flatMap((given) => {
    const path = ctx.absolute(given);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`${given}: no such file or directory`);
    }
    return isDir ? listTermFiles(path) : [path];
  });
}

function at(checked: Checked, path: Path, severity: Diagnostic['severity'], message: string, rule: string): Diagnostic {
  const pos = checked.result.locate?.(path) ?? { line: 1, col: 1 };
  return { file: checked.file, line: pos.line, col: pos.col, severity, message, rule };
}

/** Checks that need every file: the first file with a slug wins, as when loading. */
function crossChecks(checkedFiles: Checked[], others: Map<string, Entry>): Diagnostic[] {
  const out: Diagnostic[] = [];
  const winners = new Map<string, Checked>();
  for (const checked of checkedFiles) {
    const entry = checked.result.entry;
    if (!entry) continue;
    const first = winners.get(entry.slug);
    if (first) {
      out.push(at(checked, [], 'warning', `slug ${quote(entry.slug)} is also defined by ${first.file}, which wins`, 'duplicate-slug'));
    } else winners.set(entry.slug, checked);
  }

  const claims = new Map<string, { checked: Checked; path: Path; text: string }>();
  for (const checked of winners.values()) {
    const entry = checked.result.entry!;
    const forms: Array<[string, Path]> = [[entry.term, ['term']], ...entry.aliases.map((a, i): [string, Path] => [a, ['aliases', i]])];
    const ownKeys = new Set<string>();
    for (const [text, path] of forms) {
      // A form is one finding however many of its keys (spaced, joined) collide.
      let reported = false;
      for (const key of new Set([normalize(text), compact(normalize(text))])) {
        if (key === '' || ownKeys.has(key)) continue;
        ownKeys.add(key);
        const claim = claims.get(key);
        if (claim && claim.checked !== checked) {
          if (!reported) {
            out.push(at(checked, path, 'error', `${quote(text)} is also claimed by ${claim.checked.result.entry!.slug} (${claim.checked.file})`, 'duplicate-alias'));
          }
          reported = true;
        } else claims.set(key, { checked, path, text });
      }
    }
  }
  // Against entries outside the checked files (the built-in glossary, other directories).
  const otherKeys = new Map<string, string>();
  for (const entry of others.values()) {
    if (winners.has(entry.slug)) continue;
    for (const form of [entry.term, ...entry.aliases]) otherKeys.set(compact(normalize(form)), entry.slug);
  }
  for (const [key, claim] of claims) {
    const owner = otherKeys.get(key);
    if (owner && key === compact(normalize(claim.text))) {
      out.push(at(claim.checked, claim.path, 'warning', `${quote(claim.text)} is also a term or alias of ${owner}`, 'duplicate-alias'));
    }
  }

  for (const checked of winners.values()) {
    checked.result.entry!.related.forEach((link, i) => {
      if (!winners.has(link.slug) && !others.has(link.slug)) {
        out.push(at(checked, ['related', i, 'slug'], 'error', `related link ${quote(link.slug)} resolves nowhere`, 'broken-link'));
      }
    });
  }
  return out;
}

/** Each file read and checked, a step per file (text/steps.ts), so Ctrl-C works in a big directory. */
function* checkSteps(files: string[], profile: Profile): Steps<Checked[]> {
  const checked: Checked[] = [];
  for (const file of files) {
    checked.push({ file, result: readTermFile(file, { profile, dir: dirname(file), positions: true }) });
    yield;
  }
  return checked;
}

export async function validate(ctx: Context, paths: string[], options: ValidateOptions): Promise<number> {
  const profile = options.strict ? 'strict' : 'basic';
  await ctx.prepare('entries');
  const files = [...new Set(filesOf(ctx, paths))];
  const steps = checkSteps(files, profile);
  const checkedFiles = ctx.io.pause ? await drive(steps, ctx.io.pause, ctx.io.clock ?? Date.now) : finish(steps);
  // Links may point anywhere in the glossary in use, not only at the files being checked.
  const glossary = ctx.glossary();
  const diagnostics = [...checkedFiles.flatMap((c) => c.result.diagnostics), ...crossChecks(checkedFiles, glossary.bySlug)].sort(
    compareDiagnostics,
  );
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const summary = `${files.length} file${files.length === 1 ? '' : 's'} checked (${profile}): ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
  if (options.json) {
    ctx.json(validateJson({ profile, files: files.length, errors, warnings, diagnostics }));
  } else {
    for (const d of diagnostics) ctx.out(sanitizeInline(formatDiagnostic(d)));
    ctx.out(summary);
  }
  return errors > 0 ? EXIT.notFound : EXIT.ok;
}

export const registerValidate: Register = (program, context, setExit) => {
  program
    .command('validate')
    .description('check term files: syntax, fields, duplicates and links')
    .argument('[path...]', 'files or directories (default: every directory in the search path)')
    .option('--strict', "hold entries to the built-in glossary's bar (minimum lengths and counts)")
    .option('--json', 'print the findings as JSON')
    .addHelpText('after', examples('genz validate', 'genz validate ./terms --strict', 'genz validate --json | jq .errors'))
    .action(async (paths: string[], options: ValidateOptions) => setExit(await validate(context(), paths, options)));
};
