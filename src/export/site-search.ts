/**
 * The static site's search script, written as assets/search.js (the Content-Security-Policy
 * allows no inline script). It indexes the fields the terminal's `search` ranks (term,
 * aliases, synonyms, tags, gist, definition, weighted the same way) with the same stopwords,
 * stemming and paraphrases, any word matching (prefixes and small typos too), so what the
 * terminal finds is found here. Terms and aliases as typed come first.
 */
import { PARAPHRASE_TABLE } from '../search/fulltext.ts';

const STOPWORDS =
  'a an and are as at be but by do for from has have i if in into is it its me my no not of on or our so than that the their them then there they this to too up us was we what when who why with you your';

// Everyday paraphrases of what people search for, stem → stems: the terminal's own table.
const PARAPHRASES = PARAPHRASE_TABLE;

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
