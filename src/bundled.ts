/**
 * Dependencies that most runs never need (yaml: parsing a term file; fuse.js: a fuzzy match)
 * are required on first use, not imported at start-up: from the one CommonJS file the build
 * writes beside the code (dist/<file>), else from node_modules (tests run from src/).
 * require() rather than import(): loading an ES module from the CommonJS start-up file
 * would start Node's ESM loader, ~5 ms.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

export function requireBundled<T>(file: string, packageName: string): T {
  // dist/ itself, or dist/ above a chunk.
  const bundled = [join(HERE, file), join(HERE, '..', file)].find((path) => existsSync(path));
  return createRequire(import.meta.url)(bundled ?? packageName) as T;
}
