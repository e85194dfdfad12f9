// Mutation testing of the API Gateway translation (request event, proxy result, routes, API model, Globals) and of
// the authorizers' decisions (src/authorizers) and the template resolver (intrinsic functions, sam local's symbols,
// the one-pass resolution):
// `npm run test:mutation` in this workspace. Too slow for every push, so .github/workflows/mutation.yml runs it
// weekly and on demand; the HTML report goes to reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'jest',
  mutate: [
    'src/api-gateway/request-event.ts',
    'src/api-gateway/proxy-result.ts',
    'src/api-gateway/routes.ts',
    'src/api-gateway/apis.ts',
    'src/template/globals.ts',
    'src/template/intrinsics.ts',
    'src/template/symbols.ts',
    'src/template/resolve-template.ts',
    // The authorizers' decisions; plan.ts only wires them to the event sources (checked end to end).
    'src/authorizers/*.ts',
    '!src/authorizers/plan.ts',
  ],
  // Each mutant runs only the tests that executed its code.
  coverageAnalysis: 'perTest',
  jest: {
    configFile: 'jest.config.js',
    // Each run takes the suites below whole: jest's --findRelatedTests, which Stryker would otherwise use, follows
    // imports only through files under jest's roots (test/).
    enableFindRelatedTests: false,
    config: {
      // Only the suites that call the translation directly, in the jest process, where Stryker switches mutants on.
      // They kill every mutant of these files on their own (a run of minutes). Left out, though they pin the same
      // behaviour end to end:
      // - the suites that start the local API in process (conformance, local-api, robustness, …) read the template
      //   in a beforeAll, outside any test: Stryker then counts every mutant of the API model and of the route
      //   table as static and reruns all of those suites for each (an hour and more on 2 cores, for no kill the
      //   unit suites miss);
      // - the suites that spawn the CLI (invoke-cli, hostile/signals, lambda-api, debugger) run the code in another
      //   process, which Stryker can neither see nor switch.
      // A behaviour of these files that only an end-to-end suite checks shows here as a survivor: give it a unit test.
      testMatch: [
        '**/test/api-gateway/**/*.test.ts',
        '**/test/template/**/*.test.ts',
        '**/test/authorizers/**/*.test.ts',
      ],
    },
  },
  // No TypeScript checker on purpose: the translation takes whatever a client or a function sends, so a mutant
  // that only breaks the types can still be a real bug.
  checkers: [],
  // A mutant whose tests outlast its time limit counts as detected. The default (5 s over the tests' own time)
  // is outlasted by killed and surviving mutants alike on a loaded 2-core machine; this keeps a time-out meaning a hang.
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/toolkit.html' },
  jsonReporter: { fileName: 'reports/mutation/toolkit.json' },
  // The translation's score must stay at 90 % or above: below it the run fails.
  thresholds: { high: 90, low: 80, break: 90 },
};

export default config;
