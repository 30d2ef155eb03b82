/**
 * This copy of genz: where its files are and which build it is. The one place that knows
 * the package layout: src/ (tests run the sources) or dist/ (the bundle) below the package
 * root, which holds package.json and data/.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

declare const __GENZ_BUILD_ID__: string | undefined;
/** A hash of the sources, set by scripts/build.mjs; "source" when run from src/ (tests). */
export const BUILD_ID = typeof __GENZ_BUILD_ID__ === 'string' ? __GENZ_BUILD_ID__ : 'source';

const HERE = dirname(fileURLToPath(import.meta.url));

let root: string | undefined;
export function packageRoot(): string {
  if (root === undefined) {
    root = join(HERE, '..');
    for (let dir = HERE; dirname(dir) !== dir; dir = dirname(dir)) {
      if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'data'))) {
        root = dir;
        break;
      }
    }
  }
  return root;
}

/** The bundle's own folder (dist/, or the folder a build is being made in), else dist/. */
export const distDir = (): string => (basename(HERE) === 'src' ? join(packageRoot(), 'dist') : basename(HERE) === 'build' ? dirname(HERE) : HERE);
/** The built-in glossary, compiled by `npm run build` into the snapshot format (store/). */
export const builtinSnapshotPath = (): string => join(distDir(), 'glossary.snap');
export const builtinTermsDir = (): string => join(packageRoot(), 'data', 'terms');
export const schemaPath = (): string => join(packageRoot(), 'schema', 'term.schema.json');
