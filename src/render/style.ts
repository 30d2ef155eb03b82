import { Chalk } from 'chalk';

/**
 * The renderer's only source of escape sequences. Every style is paired with a textual cue
 * (upper-case headings, labels, "Q:"), so nothing is carried by colour alone, and no style
 * relies on grey, which vanishes on some light and dark themes.
 */
export interface Style {
  title(text: string): string;
  heading(text: string): string;
  strong(text: string): string;
  speaker(text: string): string;
  question(text: string): string;
  rating(rating: string, text: string): string;
  match(text: string): string;
  possible(text: string): string;
}

export type ColorLevel = 0 | 1 | 2 | 3;

export function makeStyle(level: ColorLevel): Style {
  const c = new Chalk({ level });
  return {
    title: (t) => c.bold.magenta(t),
    heading: (t) => c.bold(t),
    strong: (t) => c.bold(t),
    speaker: (t) => c.bold.cyan(t),
    question: (t) => c.bold(t),
    rating: (rating, t) => (rating === 'safe' ? c.green(t) : rating === 'avoid' ? c.red(t) : c.blue(t)),
    match: (t) => c.bold.underline.magenta(t),
    possible: (t) => c.underline(t),
  };
}

export const plain: Style = makeStyle(0);
