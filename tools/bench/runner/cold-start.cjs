// One cold start in this fresh process: load the bundle, complete the first invocation, report the in-process
// split (process.hrtime) and peak RSS as one JSON object written to <result.json>.
// Usage: node cold-start.cjs <bundle> <export> <event.json> <result.json>
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { prepareLoader, loadHandler, lambdaContext, fail } = require('./lambda-like.cjs');

async function main() {
  const [bundle, exportName, eventFile, resultFile] = process.argv.slice(2);
  const event = JSON.parse(readFileSync(eventFile, 'utf8'));
  const context = lambdaContext(`cold-${process.pid}`);
  await prepareLoader();

  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const handler = await loadHandler(bundle, exportName);
  const loaded = process.hrtime.bigint();
  const cpuLoaded = process.cpuUsage();
  const result = await handler(event, context);
  const invoked = process.hrtime.bigint();
  const cpuInvoked = process.cpuUsage();
  const cpuMs = (from, to) => (to.user + to.system - from.user - from.system) / 1000;

  writeFileSync(
    resultFile,
    JSON.stringify({
      loadMs: Number(loaded - start) / 1e6,
      firstInvocationMs: Number(invoked - loaded) / 1e6,
      // CPU time (user + system) of the same spans: less disturbed by other processes on a busy machine.
      loadCpuMs: cpuMs(cpuStart, cpuLoaded),
      firstInvocationCpuMs: cpuMs(cpuLoaded, cpuInvoked),
      // Linux reports ru_maxrss in kilobytes: the peak resident set so far, i.e. after the first invocation.
      peakRssKb: process.resourceUsage().maxRSS,
      statusCode: result.statusCode,
    }),
  );
}

main().catch((error) => fail('cold-start', error));
