// Mutation testing of the function (hello-world/): `npm run test:mutation`. Too slow for every push, so
// .github/workflows/mutation.yml runs it weekly and on demand; the HTML report goes to reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'jest',
  mutate: ['hello-world/**/*.ts'],
  // Each mutant runs only the tests that executed its code.
  coverageAnalysis: 'perTest',
  jest: {
    configFile: 'jest.config.js',
    // Each run takes the suites named below whole: jest's --findRelatedTests, which Stryker would otherwise use,
    // follows imports only through files under jest's roots (tests/) and misses a suite that reaches the code
    // through a module outside them.
    enableFindRelatedTests: false,
    config: {
      // Only the suites that import hello-world/ into the jest process: Stryker switches mutants on inside
      // that process, so it can neither see nor switch the code the other suites run elsewhere (the esbuild
      // bundle in a worker process, the local API's function workers, the deployed API).
      testMatch: ['**/tests/greeting.test.ts', '**/tests/handler*.test.ts', '**/tests/observability.test.ts'],
    },
  },
  // No TypeScript checker on purpose: the function must cope with events its types do not describe (a number
  // as requestId, an array as the event), so a mutant that only breaks the types can still be a real bug.
  checkers: [],
  // A mutant whose tests outlast its time limit counts as detected. The default (5 s over the tests' own time)
  // is outlasted by killed and surviving mutants alike on a loaded 2-core machine; this keeps a time-out meaning a hang.
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/starter.html' },
  jsonReporter: { fileName: 'reports/mutation/starter.json' },
  // The function's score must stay at 90 % or above: below it the run fails.
  thresholds: { high: 90, low: 80, break: 90 },
};

export default config;
