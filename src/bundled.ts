/**
 * Dependencies that most runs never need (yaml: parsing a term file; fuse.js: a fuzzy match)
 * are required on first use, not imported at start-up: from the one CommonJS file the build
 * writes into dist/, else from node_modules (tests run from src/).
 * require() rather than import(): loading an ES module from the CommonJS start-up file
 * would start Node's ESM loader, ~5 ms.
 */
import { existsSync, readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { distDir } from './install.ts';

/**
 * The chunks of dist/ loaded by this process, by path: scripts/code-cache.cjs writes each one's
 * V8 code cache (<chunk>.cache) from them. With it, fuse.js is ready ~2 ms sooner at a typo,
 * and js-yaml at a changed term file sooner too; a cache that does not fit (another Node, other
 * flags, another chunk) is rejected by V8 and the chunk compiled as usual, as bin/genz.js does
 * for the start-up file. V8 does not checksum a cache's body in release builds: like any file of
 * the installed program, one damaged in place is not guarded against (reinstall).
 */
export const bundledScripts = new Map<string, Script>();

export function requireBundled<T>(file: string, packageName: string): T {
  const bundled = join(distDir(), file);
  if (!existsSync(bundled)) return createRequire(import.meta.url)(packageName) as T;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(`${bundled}.cache`);
  } catch {
    cachedData = undefined; // compiled without one
  }
  const script = new Script(Module.wrap(readFileSync(bundled, 'utf8')), { filename: bundled, ...(cachedData ? { cachedData } : {}) });
  bundledScripts.set(bundled, script);
  const module = { exports: {} as unknown };
  script.runInThisContext().call(module.exports, module.exports, createRequire(bundled), module, bundled, dirname(bundled));
  return module.exports as T;
}

/** A text file the build writes into dist/, else the string a module of the sources exports. */
export function readBundled(file: string, sourceModule: string, encoding: 'utf8' | 'latin1' = 'utf8'): string {
  const bundled = join(distDir(), file);
  return existsSync(bundled) ? readFileSync(bundled, encoding) : (createRequire(import.meta.url)(sourceModule) as string);
}
