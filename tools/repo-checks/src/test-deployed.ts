// npm run test:deployed: checks a deployed (or any running) hello API over real HTTP(S).
//
// Where: API_URL (the full GET /hello URL) if set; otherwise the HelloApiUrl output of the stack named by
// AWS_SAM_STACK_NAME or samconfig.toml, read with the SAM CLI or the AWS CLI (credentials and region as those CLIs find them).
//
// Before the checks it reports latency: a first GET, then LATENCY_REQUESTS more (default 20; 0: none), one at a
// time, printing the first, p50 and p99, so a quiet stack shows its cold start against its warm requests.
//
// Exit codes: 0 every check passed; 1 a check failed; 2 misconfigured (API_URL not an http(s) URL, or the
// stack has no usable HelloApiUrl output, or LATENCY_REQUESTS is not a count); 77 skipped (no API_URL, and no
// stack could be described), the Automake convention for "skipped": not a pass, so a pipeline that expects a
// deployed API fails.
import { join } from 'node:path';
import { helloChecks, runChecks } from './deployed/checks';
import { discoverEndpoint, HOW_TO_CONFIGURE } from './deployed/endpoint';
import { formatLatency, latencyRequests, measureLatency } from './deployed/latency';
import { describeStackOutputs } from './deployed/stack-outputs';
import { ROOT } from './root';

const EXIT_FAILED = 1;
const EXIT_MISCONFIGURED = 2;
const EXIT_SKIPPED = 77;

async function main(): Promise<number> {
  const endpoint = await discoverEndpoint(process.env, join(ROOT, 'samconfig.toml'), describeStackOutputs);
  if (endpoint.kind === 'skip') {
    console.log(`SKIPPED: ${endpoint.reason}\n${HOW_TO_CONFIGURE}`);
    return EXIT_SKIPPED;
  }
  if (endpoint.kind === 'error') {
    console.error(`test:deployed: ${endpoint.reason}`);
    return EXIT_MISCONFIGURED;
  }

  const latencyCount = latencyRequests(process.env);
  if (typeof latencyCount !== 'number') {
    console.error(`test:deployed: ${latencyCount.error}`);
    return EXIT_MISCONFIGURED;
  }

  console.log(`Checking ${endpoint.url.href} (from ${endpoint.source})`);
  if (latencyCount > 0) {
    for (const line of formatLatency(await measureLatency(endpoint.url, latencyCount))) console.log(line);
  }
  const results = await runChecks(helloChecks(endpoint.url));
  for (const result of results) console.log(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name}: ${result.detail}`);
  const failed = results.filter((result) => !result.ok).length;
  console.log(`${results.length - failed} passed, ${failed} failed`);
  return failed === 0 ? 0 : EXIT_FAILED;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`test:deployed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = EXIT_FAILED;
  },
);
