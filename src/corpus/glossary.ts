/** A glossary: entries by slug, the first of a slug winning (search-path precedence). */
import type { Entry } from './entry.ts';
import type { Diagnostic } from './parse.ts';

export interface DirectoryReport {
  dir: string;
  builtin: boolean;
  /** Entries this directory gave (before precedence). */
  count: number;
}

export class Glossary {
  readonly bySlug = new Map<string, Entry>();
  /** Entries hidden by a higher-precedence entry with the same slug. */
  readonly shadowed: Entry[] = [];

  constructor(
    entriesByPrecedence: Entry[],
    readonly diagnostics: Diagnostic[] = [],
    readonly directories: DirectoryReport[] = [],
  ) {
    for (const entry of entriesByPrecedence) {
      if (this.bySlug.has(entry.slug)) this.shadowed.push(entry);
      else this.bySlug.set(entry.slug, entry);
    }
  }

  get entries(): Entry[] {
    return [...this.bySlug.values()].sort((a, b) => a.slug.localeCompare(b.slug));
  }

  get(slug: string): Entry | undefined {
    return this.bySlug.get(slug);
  }

  /** Load errors (files that could not be read or parsed). */
  get errors(): Diagnostic[] {
    return this.diagnostics.filter((d) => d.severity === 'error');
  }
}
