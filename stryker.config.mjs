// Mutation testing of the pure core (server/ranking, server/allocation): does a small
// mistake in a line (a flipped boundary, a swapped operator) make a test fail?
//   npm run test:mutation                                   every file (tens of minutes)
//   npm run test:mutation -- --mutate server/ranking/factors/network.ts   one file
// Not part of `npm test`. Figures and the surviving mutants judged harmless:
// docs/mutation-testing.md.
import os from 'node:os';
import path from 'node:path';

// MUTATION_TESTS=network,factors  runs only tests/unit/{ranking,allocation}/<name>.test.ts:
// quicker while writing tests for one file, and a lower bound of the real score (fewer
// tests can only kill fewer mutants). Record figures from full runs.
const only = process.env.MUTATION_TESTS?.split(',').map((name) => `**/tests/unit/*/${name.trim()}.test.ts`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  mutate: ['server/ranking/**/*.ts', 'server/allocation/**/*.ts', '!server/**/index.ts', '!server/**/types.ts'],
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // The database-free unit config, widened to the allocation tests. `server/` must be a
    // root too, or jest does not map the mutated sources to the tests that import them and
    // every mutant looks untested.
    configFile: 'tests/unit/ranking/jest.config.js',
    config: {
      roots: ['<rootDir>/server', '<rootDir>/tests/unit/ranking', '<rootDir>/tests/unit/allocation'],
      testTimeout: 60000,
      testMatch: only ?? ['**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/unit/ranking/mutation-setup.js'],
    },
    enableFindRelatedTests: true,
  },
  coverageAnalysis: 'perTest',
  // TypeScript 7 has no compiler API Stryker's tsconfig step understands: point it at
  // nothing so it leaves the sources alone, and use no type-checker plugin (a mutant that
  // does not type-check simply fails or survives the tests like any other).
  tsconfigFile: 'stryker-no-tsconfig.json',
  checkers: [],
  // Two cores shared with other work.
  concurrency: 1,
  timeoutMS: 60000,
  // Outside the worktree (nothing to ignore in git); reports under coverage/ (ignored).
  tempDirName: path.join(os.tmpdir(), `stryker-tmp-${path.basename(process.cwd())}`),
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'coverage/mutation/index.html' },
  jsonReporter: { fileName: 'coverage/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
};
