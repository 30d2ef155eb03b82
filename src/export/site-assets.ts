/**
 * The static site's own files: the stylesheet and the search script. Both are plain text
 * written into assets/, since the Content-Security-Policy allows no inline style or script.
 * The search indexes the fields the terminal's `search` ranks (term, aliases, synonyms,
 * tags, gist, definition, weighted the same way) with the same stopwords, stemming and
 * paraphrases, any word matching (prefixes and small typos too), so what the terminal
 * finds is found here.
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

const STOPWORDS =
  'a an and are as at be but by do for from has have i if in into is it its me my no not of on or our so than that the their them then there they this to too up us was we what when who why with you your';

// Everyday paraphrases of what people search for, stem → stems: the table the terminal's
// search uses (src/search/fulltext.ts), copied rather than imported so the site does not
// depend on how the terminal's search is built.
const PARAPHRASES: Record<string, string[]> = {
  pretend: ['fake', 'seem', 'seen', 'look', 'appear', 'perform', 'show', 'mask'],
  fake: ['pretend', 'perform', 'mask', 'seem'],
  work: ['job', 'office', 'busy', 'workplace', 'task'],
  job: ['work', 'role', 'career', 'employ'],
  quit: ['leav', 'resign', 'exit'],
  leav: ['quit', 'resign'],
  money: ['pay', 'salary', 'spend', 'sav', 'cash', 'budget', 'financ'],
  tired: ['exhaust', 'burnout', 'drain', 'rest'],
  lie: ['cap', 'untrue', 'exaggerat'],
  boss: ['manag', 'employer', 'leader'],
  gossip: ['tea', 'drama', 'rumour', 'rumor'],
  good: ['great', 'excellent', 'prais', 'impress'],
  bad: ['awful', 'cring', 'terribl'],
  lazy: ['minimum', 'effort', 'slack'],
  show: ['flex', 'boast', 'brag'],
  brag: ['flex', 'boast', 'show'],
  flirt: ['rizz', 'charm', 'dat'],
  angry: ['mad', 'salty', 'rage', 'upset'],
  funny: ['joke', 'laugh', 'hilarious'],
  holiday: ['vacation', 'leave', 'pto', 'time'],
  vacation: ['holiday', 'leave', 'pto'],
};

export const SEARCH_JS = `/* genz export: filters the list of terms as you type (MiniSearch, assets/minisearch.js). */
(function () {
  'use strict';
  var STOPWORDS = new Set('${STOPWORDS}'.split(' '));
  var PARAPHRASES = ${JSON.stringify(PARAPHRASES)};
  var SUFFIXES = ['ness', 'ing', 'ed', 'ers', 'er', 'es', 'ly', 's'];
  function stem(token) {
    var t = token;
    if (t.length > 4 && t.slice(-3) === 'ies') return t.slice(0, -3) + 'y';
    for (var i = 0; i < SUFFIXES.length; i++) {
      var s = SUFFIXES[i];
      if (t.length - s.length >= 3 && t.slice(-s.length) === s && !(s === 's' && t.slice(-2) === 'ss')) { t = t.slice(0, -s.length); break; }
    }
    if (t.length > 3 && t[t.length - 1] === t[t.length - 2] && !/[aeiouls]$/.test(t)) t = t.slice(0, -1);
    return t;
  }
  // Words, and emoji (an alias may be one: "🧢" for "cap").
  function tokenize(text) { return text.split(/[^\\p{L}\\p{N}\\p{Extended_Pictographic}\\u200d\\ufe0f'\\u2019]+/u); }
  function processTerm(term) {
    var t = term.normalize('NFKC').toLowerCase().replace(/['\\u2019]/g, '');
    return t === '' || STOPWORDS.has(t) ? null : stem(t);
  }
  var index = new MiniSearch({
    idField: 'id',
    fields: ['term', 'aliases', 'synonyms', 'tags', 'gist', 'definition'],
    tokenize: tokenize,
    processTerm: processTerm,
    searchOptions: {
      boost: { term: 8, aliases: 5, synonyms: 3, tags: 2.5, gist: 2, definition: 1 },
      prefix: function (term) { return term.length > 2; },
      fuzzy: function (term) { return term.length > 4 ? 0.2 : false; }
    }
  });
  index.addAll(window.GENZ_TERMS || []);
  // A term or alias as typed so far: before the ranked matches, and found even when it is
  // made of stopwords ("it's the ___ for me").
  function normalize(text) {
    return text.normalize('NFKC').toLowerCase().replace(/['\\u2019]/g, '').replace(/[^\\p{L}\\p{N}\\p{Extended_Pictographic}]+/gu, ' ').trim();
  }
  var names = (window.GENZ_TERMS || []).map(function (t) {
    return { id: t.id, forms: [t.term].concat(t.aliases ? t.aliases.split(' · ') : []).map(normalize) };
  });
  /** The slugs matching a query, best first: terms and aliases starting with it, then any word (or a paraphrase) as the terminal's search ranks. */
  window.genzSearch = function (query) {
    var typed = normalize(query);
    var found = typed === '' ? [] : names.filter(function (n) {
      return n.forms.some(function (f) { return f.indexOf(typed) === 0; });
    }).map(function (n) { return n.id; });
    var words = tokenize(query).map(processTerm).filter(function (w, i, all) { return w && all.indexOf(w) === i; });
    if (words.length === 0) return found;
    var queries = words.map(function (w) { return { combineWith: 'OR', queries: [w].concat(Object.prototype.hasOwnProperty.call(PARAPHRASES, w) ? PARAPHRASES[w] : []) }; });
    var seen = new Set(found);
    index.search({ combineWith: 'OR', queries: queries }).forEach(function (r) { if (!seen.has(r.id)) found.push(r.id); });
    return found;
  };

  var input = document.getElementById('search');
  var box = document.getElementById('search-box');
  var status = document.getElementById('search-status');
  if (!input || !box || !status || !document.getElementById('search-results')) return;
  box.hidden = false;
  var results = document.getElementById('search-results');
  var bySlug = {};
  Array.prototype.forEach.call(document.querySelectorAll('section li[data-slug]'), function (li) { bySlug[li.getAttribute('data-slug')] = li; });
  var sections = Array.prototype.slice.call(document.querySelectorAll('section[data-category]'));
  function update() {
    var query = input.value.trim();
    var ranked = query === '' ? [] : window.genzSearch(query);
    // While searching, the matches are one list, best first; the grouped list comes back when the box is empty.
    results.textContent = '';
    ranked.forEach(function (slug) { if (bySlug[slug]) results.appendChild(bySlug[slug].cloneNode(true)); });
    results.hidden = query === '';
    sections.forEach(function (section) { section.hidden = query !== ''; });
    status.textContent = query === '' ? '' : ranked.length === 0 ? 'No term matches.' : ranked.length === 1 ? '1 term matches.' : ranked.length + ' terms match, best first.';
  }
  input.addEventListener('input', update);
  if (input.value) update();
})();
`;
