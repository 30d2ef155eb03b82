/**
 * What each entry contributes to the indexes, computed once when its file is parsed and
 * stored by kind, so that rebuilding one index after a change reads only that kind's parts
 * (a few MB at 10,000 entries) and never re-derives them from the entries.
 */
import { explainParts, type ExplainParts } from '../search/explain.ts';
import { searchParts, type SearchParts } from '../search/fulltext.ts';
import { fuzzyFormsOf, keyParts, type KeyParts } from '../search/lookup.ts';
import type { Entry } from './entry.ts';
import { RecordFile, recordFileBytes } from './store.ts';
import { renameSync, writeFileSync } from 'node:fs';

/** Term, category and gist: enough for result rows without loading the entry. */
export interface EntryBrief {
  slug: string;
  term: string;
  category: string;
  workplace: string;
  gist: string;
}

export interface EntryParts {
  brief: EntryBrief;
  keys: KeyParts;
  forms: Array<[string, string]>;
  explain: ExplainParts;
  search: SearchParts;
}

export type PartKind = keyof EntryParts;
export const PART_KINDS: PartKind[] = ['brief', 'keys', 'forms', 'explain', 'search'];

export function entryParts(entry: Entry): EntryParts {
  return {
    brief: { slug: entry.slug, term: entry.term, category: entry.category, workplace: entry.workplace, gist: entry.gist },
    keys: keyParts(entry),
    forms: fuzzyFormsOf(entry),
    explain: explainParts(entry),
    search: searchParts(entry),
  };
}

/** An entry's parts as JSON texts, one per kind: compact to hold for 10,000 entries. */
export type PartTexts = Record<PartKind, string | Buffer>;

export function partTexts(parts: EntryParts): PartTexts {
  return { brief: JSON.stringify(parts.brief), keys: JSON.stringify(parts.keys), forms: JSON.stringify(parts.forms), explain: JSON.stringify(parts.explain), search: JSON.stringify(parts.search) };
}

/** Writes entries (as JSON texts) and their parts, one record file per kind, at `prefix`.*. */
export function writeRecords(prefix: string, entryTexts: Array<string | Buffer>, parts: PartTexts[]): void {
  const write = (name: string, records: Array<string | Buffer>) => {
    const file = recordFileBytes(records);
    // Segments have unique names and are referenced only once complete; writing under a
    // temporary name as well keeps every file genz writes whole or absent.
    for (const [path, bytes] of [[`${prefix}.${name}.data`, file.data], [`${prefix}.${name}.idx`, file.index]] as const) {
      writeFileSync(`${path}.tmp`, bytes);
      renameSync(`${path}.tmp`, path);
    }
  };
  write('entries', entryTexts);
  for (const kind of PART_KINDS) write(kind, parts.map((p) => p[kind]));
}

/** Reads what writeRecords wrote. */
export class Records {
  private readonly files = new Map<string, RecordFile>();
  private readonly parsed = new Map<PartKind, unknown[]>();
  private readonly raw = new Map<PartKind, Buffer[]>();

  constructor(readonly prefix: string) {}

  private file(name: string): RecordFile {
    let file = this.files.get(name);
    if (!file) {
      file = new RecordFile(`${this.prefix}.${name}.data`, `${this.prefix}.${name}.idx`);
      this.files.set(name, file);
    }
    return file;
  }

  entryText(index: number): string {
    return this.file('entries').get(index);
  }

  entryTexts(): Buffer[] {
    return this.file('entries').all();
  }

  /** Every record of one kind, parsed (once). */
  parts<K extends PartKind>(kind: K): Array<EntryParts[K]> {
    let list = this.parsed.get(kind);
    if (!list) {
      list = this.file(kind)
        .all()
        .map((bytes) => JSON.parse(bytes.toString('utf8')));
      this.parsed.set(kind, list);
    }
    return list as Array<EntryParts[K]>;
  }

  /** Raw texts of one kind, for copying into a compacted segment. */
  rawParts(kind: PartKind): Buffer[] {
    let list = this.raw.get(kind);
    if (!list) {
      list = this.file(kind).all();
      this.raw.set(kind, list);
    }
    return list;
  }
}
