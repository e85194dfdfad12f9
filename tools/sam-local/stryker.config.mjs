// Mutation testing of the API Gateway translation (request event, proxy result, routes, API model):
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
  ],
  // Each mutant runs only the tests that executed its code.
  coverageAnalysis: 'perTest',
  jest: {
    configFile: 'jest.config.js',
    // Each run takes the suites below whole: jest's --findRelatedTests, which Stryker would otherwise use,
    // follows imports only through files under jest's roots (test/), so it missed every suite that reaches the
    // translation through the server (src/http) and ran routes.test.ts alone.
    enableFindRelatedTests: false,
    config: {
      // The suites that start the local API inside the jest process (startTestApi) or call the translation
      // directly run the mutated code where Stryker switches mutants on. Left out:
      // - invoke-cli and signals spawn the CLI as a child process, whose code Stryker can neither see nor switch;
      // - load proves throughput with 10,000 requests of kinds raw-http.test.ts checks one by one: it would add
      //   its ~10 s to every mutant on the normal path and judge nothing the other suites do not;
      // - slow-and-broken-clients is about the HTTP layer (src/http, not mutated here), and the request its
      //   beforeAll sends runs the whole normal path outside any test: Stryker would count ~260 more mutants as
      //   "static" and rerun every suite for each of them (hours on 2 cores).
      testPathIgnorePatterns: [
        '/test/invoke-cli\\.test\\.ts$',
        '/test/hostile/signals\\.test\\.ts$',
        '/test/hostile/load\\.test\\.ts$',
        '/test/hostile/slow-and-broken-clients\\.test\\.ts$',
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
  // No break threshold yet: the tests that raise these files to 90 % come with the API Gateway fidelity work.
  thresholds: { high: 90, low: 80, break: null },
};

export default config;
