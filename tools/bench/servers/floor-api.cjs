// The floor for `npm run bench:local`: the same handlers the local tools serve, required once and called directly
// from a plain node:http server, with the smallest REST (payload 1.0) event each needs. No worker, no event
// building beyond that, no logging path but the function's own stdout: what is left is Node's HTTP and the handler.
// Usage: node [--watch] [--import tsx] floor-api.cjs --port N --route /path=file#export [--route …]
// (under `node --watch`, an edit of a handler's source restarts it: the floor of edit → new code served).
'use strict';
const { createServer } = require('node:http');
const { randomUUID } = require('node:crypto');
const { resolve } = require('node:path');
const { parseArgs } = require('node:util');

const { values } = parseArgs({
  options: { port: { type: 'string' }, route: { type: 'string', multiple: true } },
});
const routes = new Map(
  (values.route ?? []).map((spec) => {
    const [path, target] = spec.split('=');
    const [file, exportName] = target.split('#');
    const handler = require(resolve(file))[exportName];
    if (typeof handler !== 'function') throw new Error(`${file} exports no function ${exportName}`);
    return [path, handler];
  }),
);

function queryMaps(searchParams) {
  if (searchParams.size === 0) return { single: null, multi: null };
  const single = {};
  const multi = {};
  for (const [key, value] of searchParams) {
    single[key] = value;
    (multi[key] ??= []).push(value);
  }
  return { single, multi };
}

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://floor');
  const handler = req.method === 'GET' ? routes.get(url.pathname) : undefined;
  if (!handler) {
    res.writeHead(403, { 'Content-Type': 'application/json' });
    res.end('{"message":"Missing Authentication Token"}');
    return;
  }
  const requestId = randomUUID();
  const query = queryMaps(url.searchParams);
  const event = {
    resource: url.pathname,
    path: url.pathname,
    httpMethod: req.method,
    headers: req.headers,
    multiValueHeaders: null,
    queryStringParameters: query.single,
    multiValueQueryStringParameters: query.multi,
    pathParameters: null,
    stageVariables: null,
    requestContext: { requestId, stage: 'dev', resourcePath: url.pathname, httpMethod: req.method },
    body: null,
    isBase64Encoded: false,
  };
  const context = {
    functionName: 'floor',
    functionVersion: '$LATEST',
    awsRequestId: requestId,
    memoryLimitInMB: '256',
    getRemainingTimeInMillis: () => 5000,
  };
  Promise.resolve(handler(event, context)).then(
    (result) => {
      res.writeHead(result.statusCode, result.headers);
      res.end(result.body);
    },
    () => {
      res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end('{"message":"Internal server error"}');
    },
  );
});

server.listen(Number(values.port ?? 0), '127.0.0.1');
