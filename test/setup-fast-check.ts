/**
 * Property tests (fast-check) explore new random inputs on every local run, which is how
 * they find bugs; in CI (CI=1) they replay a fixed seed, so a run that lands is a run that
 * can be repeated. FC_SEED=<n> replays any seed, such as one a failure printed.
 */
import fc from 'fast-check';

const seed = process.env['FC_SEED'] ? Number(process.env['FC_SEED']) : process.env['CI'] ? 20261125 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
