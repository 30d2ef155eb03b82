/** `--section` values: comma-separated or repeated, canonical names or natural aliases. */
import { UsageError } from '../errors.ts';
import { type Section, SECTIONS } from '../render/entry.ts';

/** Names `--section` accepts, normalised to lower case with hyphens: each canonical name and a few natural aliases. */
export const SECTION_NAMES: Record<string, Section> = {
  meaning: 'meaning',
  definition: 'meaning',
  def: 'meaning',
  origin: 'origin',
  origins: 'origin',
  history: 'origin',
  etymology: 'origin',
  synonyms: 'synonyms',
  synonym: 'synonyms',
  'other-ways': 'synonyms',
  'other-ways-to-say-it': 'synonyms',
  alternatives: 'synonyms',
  examples: 'examples',
  example: 'examples',
  dialogues: 'examples',
  dialogue: 'examples',
  'at-work': 'examples',
  related: 'related',
  'see-also': 'related',
  faq: 'faq',
  faqs: 'faq',
  questions: 'faq',
  sources: 'sources',
  source: 'sources',
  references: 'sources',
  citations: 'sources',
};

/** Commander's collector for a repeatable, comma-separated option. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',')];
}

/** The sections asked for, in the order given, without repeats; unknown names are a usage error. */
export function parseSections(values: string[]): Section[] {
  const sections: Section[] = [];
  for (const raw of values) {
    const key = raw.trim().toLowerCase().replace(/[\s_]+/g, '-');
    if (key === '') continue;
    const section = SECTION_NAMES[key];
    if (!section) throw new UsageError(`unknown section "${raw.trim()}"; valid sections: ${SECTIONS.join(', ')}`);
    if (!sections.includes(section)) sections.push(section);
  }
  if (sections.length === 0) throw new UsageError(`--section needs a name; valid sections: ${SECTIONS.join(', ')}`);
  return sections;
}
