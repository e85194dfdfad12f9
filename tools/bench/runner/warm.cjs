// Warm latency in one process: after the cold first invocation, <count> invocations timed one by one with
// process.hrtime; the durations (nanoseconds, float64, in call order) are written to <result.bin>.
// Usage: node warm.cjs <bundle> <export> <event.json> <count> <result.bin>
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { prepareLoader, loadHandler, lambdaContext, fail } = require('./lambda-like.cjs');

async function main() {
  const [bundle, exportName, eventFile, countText, resultFile] = process.argv.slice(2);
  const count = Number(countText);
  if (!Number.isInteger(count) || count < 1) throw new Error(`count must be a positive integer, got ${countText}`);
  const event = JSON.parse(readFileSync(eventFile, 'utf8'));
  await prepareLoader();
  const handler = await loadHandler(bundle, exportName);
  await handler(event, lambdaContext('warm-0'));

  const durations = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const context = lambdaContext(`warm-${i + 1}`);
    const start = process.hrtime.bigint();
    const result = await handler(event, context);
    durations[i] = Number(process.hrtime.bigint() - start);
    if (result.statusCode !== 200) throw new Error(`invocation ${i + 1} answered ${result.statusCode}`);
  }
  writeFileSync(resultFile, durations);
}

main().catch((error) => fail('warm', error));
