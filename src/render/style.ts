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

// SGR codes: [open, close]. Every style here is one of the 16 basic ones, the same at every
// colour level, so a few lines do what chalk did (and chalk's start-up cost, ~4 ms for its
// terminal detection, is gone: context.ts decides the level).
const SGR = {
  bold: [1, 22],
  underline: [4, 24],
  magenta: [35, 39],
  cyan: [36, 39],
  green: [32, 39],
  red: [31, 39],
  blue: [34, 39],
} as const;
type SgrName = keyof typeof SGR;

/** Applies styles as chalk 5 does: inner closes re-open, and styles stop at line breaks. */
function paint(names: readonly SgrName[], text: string): string {
  if (text === '') return '';
  const code = (n: number) => `\u001b[${n}m`;
  const openAll = names.map((name) => code(SGR[name][0])).join('');
  const closeAll = [...names].reverse().map((name) => code(SGR[name][1])).join('');
  let out = text;
  if (out.includes('\u001b')) {
    for (const name of [...names].reverse()) out = out.split(code(SGR[name][1])).join(code(SGR[name][1]) + code(SGR[name][0]));
  }
  out = out.replace(/\r?\n/g, (lineBreak) => closeAll + lineBreak + openAll);
  return openAll + out + closeAll;
}

export function makeStyle(level: ColorLevel): Style {
  const c = (...names: SgrName[]) => (level === 0 ? (t: string) => t : (t: string) => paint(names, t));
  const bold = c('bold');
  return {
    title: c('bold', 'magenta'),
    heading: bold,
    strong: bold,
    // Bold with the terminal's own foreground: cyan and blue fade on light and dark themes
    // respectively. The colon after the name is the cue.
    speaker: bold,
    question: bold,
    // The label says the rating in words; the hue only helps a scanning eye.
    rating: (rating, t) => (rating === 'safe' ? c('green')(t) : rating === 'avoid' ? c('bold', 'red')(t) : bold(t)),
    match: c('bold', 'underline', 'magenta'),
    possible: c('underline'),
    right: c('bold', 'green'),
    wrong: c('bold', 'red'),
  };
}

export const plain: Style = makeStyle(0);
