// Mutation testing of the API Gateway translation (REST: request event, proxy result, routes, API model, Globals;
// HTTP APIs and function URLs: the payload 2.0 and 1.0 events, the 2.0 result, routes, CORS), of the authorizers'
// decisions (src/authorizers) and of the template resolver (intrinsic functions, sam local's symbols, the one-pass
// resolution). `npm run test:mutation` in this workspace runs every area below; `MUTATION_AREA=<area> npm run
// test:mutation` one of them, against its own suites only. Too slow for every push: .github/workflows/mutation.yml
// runs each area as a job of its own, weekly and on demand; the HTML and JSON reports go to reports/mutation/.

// Each area: the files it mutates and the suites (folders of test/) that call them directly. An area's suites kill
// its mutants on their own; run apart, a static mutant (code run at module load, which Stryker reruns against every
// selected suite) costs only its own area's suites.
/** @type {Record<string, { mutate: string[], suites: string[] }>} */
const AREAS = {
  'rest-api': {
    mutate: [
      'src/api-gateway/request-event.ts',
      'src/api-gateway/proxy-result.ts',
      'src/api-gateway/routes.ts',
      'src/api-gateway/apis.ts',
      'src/template/globals.ts',
    ],
    suites: ['api-gateway', 'template'],
  },
  'http-api': {
    mutate: [
      'src/http-api/event-v2.ts',
      'src/http-api/event-v1.ts',
      'src/http-api/request-parts.ts',
      'src/http-api/result-v2.ts',
      'src/http-api/routes.ts',
      'src/http-api/cors.ts',
    ],
    suites: ['http-api'],
  },
  // The authorizers' decisions; plan.ts only wires them to the event sources (checked end to end).
  authorizers: { mutate: ['src/authorizers/*.ts', '!src/authorizers/plan.ts'], suites: ['authorizers'] },
  resolver: {
    mutate: ['src/template/intrinsics.ts', 'src/template/symbols.ts', 'src/template/resolve-template.ts'],
    suites: ['template'],
  },
};

const area = process.env.MUTATION_AREA || undefined;
const names = Object.keys(AREAS);
if (area !== undefined && !names.includes(area)) {
  throw new Error(`MUTATION_AREA=${area} is not one of: ${names.join(', ')}`);
}
/** @type {Array<{ mutate: string[], suites: string[] }>} */
const selected = (area === undefined ? names : [area]).map((name) => AREAS[name]);
const report = area ?? 'toolkit';
/** @type {string[]} */
const mutate = [];
/** @type {string[]} */
const testMatch = [];
for (const { mutate: files, suites } of selected) {
  mutate.push(...files);
  for (const suite of suites) {
    const glob = `**/test/${suite}/**/*.test.ts`;
    if (!testMatch.includes(glob)) testMatch.push(glob);
  }
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
const config = {
  testRunner: 'jest',
  mutate,

  // Each mutant runs only the tests that executed its code.
  coverageAnalysis: 'perTest',
  jest: {
    configFile: 'jest.config.js',
    // Each run takes the suites below whole: jest's --findRelatedTests, which Stryker would otherwise use, follows
    // imports only through files under jest's roots (test/).
    enableFindRelatedTests: false,
    config: {
      // Only the suites that call the code directly (the areas' suites), in the jest process, where Stryker switches
      // mutants on. They kill every mutant of these files on their own. Left out, though they pin the same
      // behaviour end to end:
      // - the suites that start the local API in process (conformance, local-api, robustness, …) read the template
      //   in a beforeAll, outside any test: Stryker then counts every mutant of the API model and of the route
      //   table as static and reruns all of those suites for each (an hour and more on 2 cores, for no kill the
      //   unit suites miss);
      // - the suites that spawn the CLI (invoke-cli, hostile/signals, lambda-api, debugger) run the code in another
      //   process, which Stryker can neither see nor switch.
      // A behaviour of these files that only an end-to-end suite checks shows here as a survivor: give it a unit test.
      testMatch,
    },
  },
  // No TypeScript checker on purpose: the translation takes whatever a client or a function sends, so a mutant
  // that only breaks the types can still be a real bug.
  checkers: [],
  // A mutant whose tests outlast its time limit counts as detected. The default (5 s over the tests' own time)
  // is outlasted by killed and surviving mutants alike on a loaded 2-core machine; this keeps a time-out meaning a hang.
  timeoutMS: 20_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: `reports/mutation/${report}.html` },
  jsonReporter: { fileName: `reports/mutation/${report}.json` },
  // The translation's score must stay at 90 % or above: below it the run fails.
  thresholds: { high: 90, low: 80, break: 90 },
};

export default config;
