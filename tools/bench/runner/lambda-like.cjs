// What the benchmark's child processes share: loading a built bundle the way Lambda's Node runtime does, and a
// Lambda-like invocation context. Plain CommonJS on purpose: nothing here may add TypeScript or tsx to a
// process whose start-up is being measured.
'use strict';
const { pathToFileURL } = require('node:url');

/**
 * Lambda's Node runtime is itself an ES module, so its ESM loader is running before the handler loads;
 * importing a built-in here does the same for this process, outside the measured span.
 */
async function prepareLoader() {
  await import('node:os');
}

/** `.mjs` through import(), anything else through require(), as Lambda's runtime does. */
async function loadHandler(bundle, exportName) {
  const module = bundle.endsWith('.mjs') ? await import(pathToFileURL(bundle).href) : require(bundle);
  const handler = module[exportName];
  if (typeof handler !== 'function') throw new Error(`${bundle} does not export a function ${exportName}`);
  return handler;
}

function lambdaContext(awsRequestId) {
  const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
  const deadline = Date.now() + 5000;
  return {
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}`,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: '2026/11/21/[$LATEST]bench',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
}

function fail(script, error) {
  process.stderr.write(`${script}: ${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
}

module.exports = { prepareLoader, loadHandler, lambdaContext, fail };
