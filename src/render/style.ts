/**
 * The renderer's only source of escape sequences. Every style is paired with a textual cue
 * (upper-case headings, labels, "Q:"), so nothing is carried by colour alone, and no style
 * relies on grey, which vanishes on some light and dark themes.
 */
import { Chalk, type ChalkInstance } from 'chalk';

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

/**
 * chalk paints; the level comes from context.ts, the one place that reads NO_COLOR,
 * FORCE_COLOR, TERM and --no-color (chalk's own detection is not used).
 */
export function makeStyle(level: ColorLevel): Style {
  const chalk = new Chalk({ level });
  // One argument only: chalk joins extra ones, and styles are passed to map().
  const c = (paint: ChalkInstance) => (level === 0 ? (t: string) => t : (t: string) => paint(t));
  const bold = c(chalk.bold);
  return {
    title: c(chalk.bold.magenta),
    heading: bold,
    strong: bold,
    // Bold with the terminal's own foreground: cyan and blue fade on light and dark themes
    // respectively. The colon after the name is the cue.
    speaker: bold,
    question: bold,
    // The label says the rating in words; the hue only helps a scanning eye.
    rating: (rating, t) => (rating === 'safe' ? c(chalk.green)(t) : rating === 'avoid' ? c(chalk.bold.red)(t) : bold(t)),
    match: c(chalk.bold.underline.magenta),
    possible: c(chalk.underline),
    right: c(chalk.bold.green),
    wrong: c(chalk.bold.red),
  };
}

export const plain: Style = makeStyle(0);
