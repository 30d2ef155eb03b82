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
  /** The quiz's verdicts; the text itself says right or wrong. */
  right(text: string): string;
  wrong(text: string): string;
}

export type ColorLevel = 0 | 1 | 2 | 3;

export function makeStyle(level: ColorLevel): Style {
  const c = new Chalk({ level });
  return {
    title: (t) => c.bold.magenta(t),
    heading: (t) => c.bold(t),
    strong: (t) => c.bold(t),
    // Bold with the terminal's own foreground: cyan and blue, used before, fade on light and
    // dark themes respectively. The colon after the name is the cue.
    speaker: (t) => c.bold(t),
    question: (t) => c.bold(t),
    // The label says the rating in words; the hue only helps a scanning eye.
    rating: (rating, t) => (rating === 'safe' ? c.green(t) : rating === 'avoid' ? c.bold.red(t) : c.bold(t)),
    match: (t) => c.bold.underline.magenta(t),
    possible: (t) => c.underline(t),
    right: (t) => c.bold.green(t),
    wrong: (t) => c.bold.red(t),
  };
}

export const plain: Style = makeStyle(0);
