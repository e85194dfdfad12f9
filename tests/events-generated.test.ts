// Every events/ file is what `npm run event` generates for the same request (the local API's own request → event
// code), apart from ids and times; and an event generated that way passes the same checks as the file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { eventJson, generateEvent, loadTemplate } from 'sam-local-node';
import { captureOutput } from './helpers/capture-output';
import { freshHandler, HELLO, helloContext } from './helpers/handler';
import { eventFiles, eventFilesFor, loadEvent, ROOT, TEMPLATE_PATH } from './helpers/project';
import { expectationFor } from './expectations';

const loaded = loadTemplate(TEMPLATE_PATH);

// Headers API Gateway adds in front of the function; everything else in an event is what the client sent.
const ADDED_BY_API_GATEWAY = new Set(['x-forwarded-for', 'x-forwarded-port', 'x-forwarded-proto', 'x-amzn-trace-id']);

/** The request that produced an event: method, the deployed path with its query, the client's headers and address. */
function requestOf(event: APIGatewayProxyEvent): Parameters<typeof generateEvent>[0] {
  const query = Object.entries(event.multiValueQueryStringParameters ?? {})
    .flatMap(([key, values]) =>
      (values ?? []).map((value) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
    )
    .join('&');
  const headers = Object.entries(event.multiValueHeaders)
    .filter(([name]) => !ADDED_BY_API_GATEWAY.has(name.toLowerCase()))
    .flatMap(([name, values]) => (values ?? []).map((value): [string, string] => [name, value]));
  return {
    loaded,
    method: event.httpMethod,
    target: `${event.requestContext.path}${query ? `?${query}` : ''}`,
    headers,
    sourceIp: event.requestContext.identity.sourceIp,
    ...(event.body !== null ? { body: Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8') } : {}),
  };
}

/**
 * The event without what differs between two requests or two deployments: request and trace ids, times, and the
 * ids of the deployed API, its resource and its deployment (the local API's deploymentId is its own).
 */
function withoutIdsAndTimes(
  event: Pick<APIGatewayProxyEvent, 'headers' | 'multiValueHeaders'> & { requestContext: object },
): unknown {
  const context: Record<string, unknown> = { ...event.requestContext };
  for (const key of ['requestId', 'extendedRequestId', 'requestTime', 'requestTimeEpoch', 'apiId', 'resourceId']) {
    delete context[key];
  }
  delete context.deploymentId;
  const dropTrace = <T>(map: Record<string, T>): Record<string, T> =>
    Object.fromEntries(Object.entries(map).filter(([name]) => name.toLowerCase() !== 'x-amzn-trace-id'));
  return {
    ...event,
    headers: dropTrace(event.headers),
    multiValueHeaders: dropTrace(event.multiValueHeaders),
    requestContext: context,
  };
}

describe('events/ and the event generator', () => {
  it.each(eventFiles())('%s: the generator rebuilds it from the same request', (file) => {
    const recorded = loadEvent(file);
    const generated = generateEvent(requestOf(recorded));
    expect(withoutIdsAndTimes(generated)).toEqual(withoutIdsAndTimes(recorded));
  });

  it.each(eventFilesFor(HELLO.functionName))(
    '%s: the event generated for it gets the answer the file gets',
    async (file) => {
      // @types/aws-lambda requires keys AWS leaves out of the event (requestContext.authorizer, identity.apiKey, …).
      const generated = generateEvent(requestOf(loadEvent(file))) as unknown as APIGatewayProxyEvent;
      const { result } = await captureOutput(() => freshHandler()(generated, helloContext()));
      const expected = expectationFor(file);
      expect([result.statusCode, JSON.parse(result.body)]).toEqual([expected.statusCode, expected.body]);
    },
  );

  it('writes generated events as Prettier formats them (they can be saved into events/ as they are)', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'generated-events-'));
    try {
      for (const file of eventFiles()) {
        writeFileSync(join(scratch, file), eventJson(generateEvent(requestOf(loadEvent(file)))));
      }
      // Prettier's API loads itself with a dynamic import, which Jest's CommonJS runtime refuses: run its CLI.
      const prettier = join(ROOT, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
      const check = spawnSync(
        process.execPath,
        [prettier, '--config', join(ROOT, '.prettierrc.json'), '--check', scratch],
        {
          encoding: 'utf8',
        },
      );
      expect(check.stderr).toBe('');
      expect(check.status).toBe(0);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
