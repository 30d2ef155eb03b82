/** `--section` values: comma-separated or repeated, canonical names or natural aliases. */
import { UsageError } from '../errors.ts';
import { type Section, SECTION_NAMES, SECTIONS } from '../render/entry.ts';

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
