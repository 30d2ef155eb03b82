// English morphology for the forms genz generates when it compiles a glossary
// (src/search/forms.ts): en-inflectors, and its table of verbs' forms. The build bundles this
// file into dist/inflect.cjs; tests require it from here.
const { Inflectors } = require('en-inflectors');
const { lookup } = require('en-inflectors/dist/verb/solve_lookup');

module.exports = {
  /** [base, past, past participle, 3rd person, gerund] of a verb the table knows, or []. */
  verbForms: (word) => lookup(word),
  /** The base form of an inflected verb ("doomscrolling" → "doomscroll"). */
  verbBase: (word) => new Inflectors(word).toPresent(),
  /** The same five forms by en-inflectors' rules, for a verb the table does not know. */
  regularForms: (base) => {
    const verb = new Inflectors(base);
    return [base, verb.toPast(), verb.toPastParticiple(), verb.toPresentS(), verb.toGerund()];
  },
  plural: (noun) => new Inflectors(noun).toPlural(),
};
