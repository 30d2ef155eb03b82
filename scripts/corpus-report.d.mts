// Types for scripts/corpus-report.mjs, which test/corpus.test.ts imports.
interface Share {
  share: number;
  slugs?: string[];
  opening?: string;
}
export const LIMITS: Record<'sameOpening' | 'genZColleague' | 'threeOrFourLines' | 'explainScenes' | 'originFaq' | 'officeSentences', number>;
export const MUST_AVOID: string[];
export const NEVER_SAFE: string[];
export function readEntries(dir: string): Array<Record<string, unknown> & { slug: string }>;
export function measure(entries: Array<Record<string, unknown>>): Record<keyof typeof LIMITS, Share> & {
  entries: number;
  ratingRuleBreaks: string[];
  missingNote: string[];
  missingSources: string[];
};
