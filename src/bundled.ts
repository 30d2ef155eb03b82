/**
 * Dependencies that most runs never need (yaml: parsing a term file; fuse.js: a fuzzy match)
 * are required on first use, not imported at start-up: from the one CommonJS file the build
 * writes into dist/, else from node_modules (tests run from src/).
 * require() rather than import(): loading an ES module from the CommonJS start-up file
 * would start Node's ESM loader, ~5 ms.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { distDir } from './install.ts';

export function requireBundled<T>(file: string, packageName: string): T {
  const bundled = join(distDir(), file);
  return createRequire(import.meta.url)(existsSync(bundled) ? bundled : packageName) as T;
}

/** A text file the build writes into dist/, else the string a module of the sources exports. */
export function readBundled(file: string, sourceModule: string, encoding: 'utf8' | 'latin1' = 'utf8'): string {
  const bundled = join(distDir(), file);
  return existsSync(bundled) ? readFileSync(bundled, encoding) : (createRequire(import.meta.url)(sourceModule) as string);
}
