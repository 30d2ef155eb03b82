/** The term format, version 1 (docs/term-format.md). Field names are a contract: keep them stable. */

export const CATEGORIES = [
  'workplace-trend',
  'career-money',
  'wellbeing',
  'internet-social',
  'everyday-slang',
  'team',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const WORKPLACE_RATINGS = ['safe', 'casual', 'avoid'] as const;
export type WorkplaceRating = (typeof WORKPLACE_RATINGS)[number];

/** A page that backs the entry's facts; `note` says which claim it supports. */
export interface Citation {
  title: string;
  publisher: string;
  /** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or `undated` for a page that shows no date. */
  date: string;
  url: string;
  note?: string;
}

/** One glossary entry as loaded and validated. Optional file fields get empty defaults. */
export interface Entry {
  slug: string;
  term: string;
  aliases: string[];
  category: Category;
  tags: string[];
  workplace: WorkplaceRating;
  /** Why the rating is what it is, by the rubric in docs/ratings.md; empty when the file has none. */
  workplaceNote: string;
  since: string | null;
  gist: string;
  definition: string;
  origin: string;
  synonyms: Array<{ term: string; note: string }>;
  examples: Array<{ setting: string; lines: Array<{ speaker: string; text: string }> }>;
  related: Array<{ slug: string; note: string }>;
  faq: Array<{ question: string; answer: string }>;
  sources: Citation[];
  ambiguous: boolean;
  cues: string[];
  /** Where the entry was loaded from. */
  source: { path: string; builtin: boolean };
}

/** Every key a term file may have, in the order the template and docs list them. */
export const TERM_KEYS = [
  'term',
  'aliases',
  'category',
  'tags',
  'workplace',
  'workplace_note',
  'since',
  'gist',
  'definition',
  'origin',
  'synonyms',
  'examples',
  'related',
  'faq',
  'sources',
  'ambiguous',
  'cues',
] as const;

/** The bar every built-in entry meets (`genz validate --strict`). */
export const STRICT_MINIMUMS = {
  definitionWords: 40,
  originWords: 25,
  synonyms: 2,
  examples: 2,
  linesPerExample: 2,
  maxLinesPerExample: 8,
  speakersPerExample: 2,
  related: 3,
  faq: 4,
  sources: 1,
  gistChars: 120,
} as const;

/** The first sentence of a definition, for entries without a gist. */
export function deriveGist(definition: string): string {
  const flat = definition.replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(?:\s|$)/.exec(flat)?.[1] ?? flat;
  return sentence.length <= STRICT_MINIMUMS.gistChars
    ? sentence
    : `${sentence.slice(0, STRICT_MINIMUMS.gistChars - 1).trimEnd()}…`;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}
