/**
 * Every diagnostic names the line of the field it is about, also after an earlier item of the
 * same list was dropped as invalid (the checks on the items kept once used their index among
 * the kept ones, pointing a line or more too high).
 */
import { describe, expect, it } from 'vitest';
import { parseTermText } from '../src/corpus/parse.ts';

// In every list, the first item is broken and a later one has a finding of its own.
const FILE = `term: deck review
category: team
workplace: safe
definition: Reading slides together.
aliases:
  - ""
  - deck review
tags:
  - ""
  - Bad Tag
synonyms:
  - {term: crit}
  - {term: review, note: Plainer., tone: dry}
related:
  - {slug: standup}
  - {slug: deck-review, note: Itself.}
  - {slug: Not A Slug, note: Not a slug.}
faq:
  - {question: When?}
  - {question: Why?, answer: "  "}
examples:
  - {setting: Room 4}
  - {setting: Room 5, lines: [{text: Ready?}]}
sources:
  - {title: T}
  - {title: T, publisher: P, date: "2024", url: "ftp://e.org/x"}
cues:
  - ""
  - nothing to do with it
`;

const lines = FILE.split('\n');

describe('diagnostic lines after a dropped list item', () => {
  const { diagnostics } = parseTermText(FILE, 'deck-review.yaml');

  it.each([
    ['an alias that is the term', 'duplicate-item', 'is the term itself', '  - deck review'],
    ['a tag that is not a slug', 'tag-format', 'Bad Tag', '  - Bad Tag'],
    ['a synonym with an unknown key', 'unknown-key', 'tone', '  - {term: review, note: Plainer., tone: dry}'],
    ['a self link', 'self-link', 'related to itself', '  - {slug: deck-review, note: Itself.}'],
    ['a related slug that is not a slug', 'slug-format', 'Not A Slug', '  - {slug: Not A Slug, note: Not a slug.}'],
    ['an empty FAQ answer', 'empty', 'FAQ pair answer', '  - {question: Why?, answer: "  "}'],
    ['a dialogue line without a speaker', 'type', 'speaker', '  - {setting: Room 5, lines: [{text: Ready?}]}'],
    ['a source url that is not the web', 'url-format', 'ftp:', '  - {title: T, publisher: P, date: "2024", url: "ftp://e.org/x"}'],
    ['a cue without the term', 'cue-term', 'nothing to do with it', '  - nothing to do with it'],
  ])('%s is reported on its own line', (_name, rule, fragment, lineText) => {
    const expected = lines.indexOf(lineText) + 1;
    expect(expected).toBeGreaterThan(0);
    const found = diagnostics.filter((d) => d.rule === rule && d.message.includes(fragment));
    expect(found.map((d) => d.line)).toEqual([expected]);
  });
});
