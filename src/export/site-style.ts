/**
 * The static site's stylesheet, written as assets/style.css (the Content-Security-Policy
 * allows no inline style). Readable on a phone (long words wrap, nothing scrolls sideways at
 * 375 px), follows the system's light or dark scheme, and prints without the search.
 */

export const STYLE_CSS = `:root { color-scheme: light dark; --bg: #fff; --fg: #1b1b1f; --muted: #55585f; --line: #d5d7dc; --link: #0b57d0; --accent: #f2f4f8;
  --safe: #146c2e; --casual: #7a5200; --avoid: #b3261e; }
@media (prefers-color-scheme: dark) { :root { --bg: #121316; --fg: #e6e6ea; --muted: #a8abb3; --line: #3a3d44; --link: #a8c7fa; --accent: #1d1f24;
  --safe: #6dd58c; --casual: #f2c14e; --avoid: #ffb4ab; } }
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1rem/1.6 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; overflow-wrap: anywhere; }
a { color: var(--link); }
a:focus-visible, input:focus-visible { outline: 3px solid var(--link); outline-offset: 2px; }
.skip { position: absolute; left: -999px; }
.skip:focus { left: 1rem; top: 1rem; background: var(--bg); padding: .5rem; }
header, main, footer { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; }
header p { margin: 0; font-weight: 600; }
footer { color: var(--muted); font-size: .875rem; padding-bottom: 2rem; border-top: 1px solid var(--line); margin-top: 2rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1rem 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1rem; margin: 1.25rem 0 .25rem; }
.facts, .aliases { color: var(--muted); margin: 0 0 .5rem; }
.gist { font-size: 1.125rem; }
.rating { font-weight: 600; white-space: nowrap; }
.rating-safe { color: var(--safe); } .rating-casual { color: var(--casual); } .rating-avoid { color: var(--avoid); }
.search { margin: 1rem 0; }
.search label { display: block; font-weight: 600; margin-bottom: .25rem; }
.search input { width: 100%; font: inherit; padding: .5rem .75rem; border: 1px solid var(--muted); border-radius: .375rem; background: var(--bg); color: var(--fg); }
#search-status { color: var(--muted); min-height: 1.6em; margin: .25rem 0 0; }
.categories { display: flex; flex-wrap: wrap; gap: .25rem 1rem; padding: 0; list-style: none; }
ul.terms { list-style: none; padding: 0; margin: 0; }
ul.terms li { padding: .5rem 0; border-bottom: 1px solid var(--line); }
ul.terms li p { margin: 0; color: var(--muted); }
ul.terms a { font-weight: 600; }
.dialogue { background: var(--accent); border-radius: .5rem; padding: .75rem 1rem; margin: .75rem 0; }
.dialogue .setting { font-style: italic; color: var(--muted); margin: 0 0 .5rem; }
.dialogue p { margin: .25rem 0; }
.speaker { font-weight: 600; }
dl.faq dt { font-weight: 600; margin-top: 1rem; }
dl.faq dd { margin: .25rem 0 0; }
ul.links li, ol.sources li { margin: .375rem 0; }
[hidden] { display: none !important; }
@media print {
  :root { --bg: #fff; --fg: #000; --muted: #333; --link: #000; --accent: #fff; --safe: #000; --casual: #000; --avoid: #000; }
  .skip, .search, nav, footer .nav { display: none !important; }
  body { font-size: 11pt; }
  a { text-decoration: none; }
  ol.sources a[href]::after { content: " <" attr(href) ">"; font-size: .875em; }
  .dialogue { border: 1px solid #999; break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
`;
