import { createHash } from 'node:crypto';
import { ROUTES_TEMPLATE, httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';
import { BODY_SIZE_TEMPLATE } from '../helpers/paths';
import { MAX_BODY_BYTES } from '../../src/http/server';
import { CONTENT_LENGTH_EXCEEDED } from '../../src/api-gateway/gateway-responses';

let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({ templatePath: ROUTES_TEMPLATE });
});
afterAll(() => running.stop());

const INTERNAL = { message: 'Internal server error' };
// Where these answers come from: tools/sam-local/docs/conformance.md.

async function expectHealthy(): Promise<void> {
  const res = await httpRequest(running.api.url, '/test/faults/ok');
  expect(res.status).toBe(200);
  expect(res.json()).toEqual({ pid: expect.any(Number) });
}

function linesSince(mark: number): string {
  return running.lines.slice(mark).join('\n');
}

describe('routes the template does not define', () => {
  it.each([
    ['an unknown path', 'GET', '/nowhere'],
    ['an unknown path under the stage', 'GET', '/test/nowhere'],
    ['a method the route does not define', 'POST', '/test/items/1'],
    ['a missing path parameter', 'GET', '/test/items'],
    ['a traversal that is not normalized', 'GET', '/test/items/1/../2'],
    ['malformed percent-encoding', 'GET', '/test/items/%E0%A4%A'],
  ])('%s → 403 Missing Authentication Token', async (_label, method, path) => {
    const res = await httpRequest(running.api.url, path, { method });
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json()).toEqual({ message: 'Missing Authentication Token' });
    await expectHealthy();
  });
});

describe('functions that fail', () => {
  it.each([
    ['throws', 'throw', /EchoFunction|FaultsFunction failed: Error: thrown on purpose/],
    ['rejects', 'reject', /FaultsFunction failed: TypeError: rejected on purpose/],
    [
      'returns a statusCode that is not a number',
      'garbage-status',
      /malformed Lambda proxy response: statusCode must be an integer/,
    ],
    ['returns an object body', 'garbage-body', /malformed Lambda proxy response: body must be a string/],
    [
      'returns an object header value',
      'garbage-header',
      /malformed Lambda proxy response: header X-Bad must be a string/,
    ],
    ['returns null', 'null', /malformed Lambda proxy response: the result must be an object, got null/],
    ['runs past its Timeout', 'timeout', /FaultsFunction timed out after 1\.00 seconds/],
    ['calls process.exit()', 'exit', /FaultsFunction: Runtime exited with error: exit status 3/],
    ['leaves a promise rejection unhandled', 'unhandled', /Runtime\.UnhandledPromiseRejection: nobody awaits this/],
  ])(
    'a function that %s → 502, a clear terminal line, and the next request still served',
    async (_label, kind, reason) => {
      const mark = running.lines.length;
      const res = await httpRequest(running.api.url, `/test/faults/${kind}`);
      expect(res.status).toBe(502);
      expect(res.json()).toEqual(INTERNAL);
      expect(res.text).not.toMatch(/thrown on purpose|rejected|stack|at /);
      expect(linesSince(mark)).toMatch(reason);
      await expectHealthy();
    },
  );

  it('a function that exhausts its memory → 502 naming the cause, then a fresh environment', async () => {
    const mark = running.lines.length;
    const res = await httpRequest(running.api.url, '/test/faults/oom');
    expect(res.status).toBe(502);
    expect(linesSince(mark)).toMatch(/out of memory \(MemorySize 128 MB\)|timed out/);
    await expectHealthy();
  }, 20_000);

  it('a crash replaces the environment: the next request runs in a new process', async () => {
    const before = (await httpRequest(running.api.url, '/test/faults/ok').then((r) => r.json())) as { pid: number };
    await httpRequest(running.api.url, '/test/faults/exit');
    const after = (await httpRequest(running.api.url, '/test/faults/ok').then((r) => r.json())) as { pid: number };
    expect(after.pid).not.toBe(before.pid);
    const again = (await httpRequest(running.api.url, '/test/faults/ok').then((r) => r.json())) as { pid: number };
    expect(again.pid).toBe(after.pid);
  });
});

describe('payload limit', () => {
  it.each([
    [
      'declared in Content-Length',
      [['Content-Length', String(MAX_BODY_BYTES + 1)]],
      /request body 10485761 bytes declared/,
    ],
    ['sent chunked', [['Transfer-Encoding', 'chunked']], /request body over 10485760 bytes received/],
  ] as Array<[string, Array<[string, string]>, RegExp]>)(
    'answers 413 to a body over 10 MB %s, without invoking the function',
    async (_label, headers, reason) => {
      const invocationsBefore = running.lines.filter((line) => line.startsWith('POST /test/echo 200')).length;
      const mark = running.lines.length;
      const res = await httpRequest(running.api.url, '/test/echo', {
        method: 'POST',
        headers,
        body: Buffer.alloc(MAX_BODY_BYTES + 1, 0x61),
      });
      expect([res.status, res.text]).toEqual([413, CONTENT_LENGTH_EXCEEDED]);
      expect(linesSince(mark)).toMatch(reason);
      expect(linesSince(mark)).toMatch(/^POST \/test\/echo 413 /m);
      expect(running.lines.filter((line) => line.startsWith('POST /test/echo 200')).length).toBe(invocationsBefore);
      await expectHealthy();
    },
  );

  // To a function with a 30 s Timeout that answers with what arrived: moving megabytes to a cold environment on a
  // loaded machine can outlast the 1 s Timeout of the functions above. 4 MB: API Gateway takes up to 10 MB, but the
  // event must also fit Lambda's 6 MB request limit (the conformance suite checks both limits).
  it('delivers a 4 MB body whole', async () => {
    const body = Buffer.alloc(4 * 1024 * 1024, 0x62);
    const bodySize = await startTestApi({ templatePath: BODY_SIZE_TEMPLATE });
    try {
      const res = await httpRequest(bodySize.api.url, '/test/body-size', { method: 'POST', body });
      expect(res.status).toBe(200);
      expect(res.json()).toEqual({ bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') });
      // Loading the module is Lambda's init phase, timed apart from the invocation's Timeout.
      const slow = await httpRequest(bodySize.api.url, '/test/slow-init');
      expect(slow.status).toBe(200);
      expect((slow.json() as { initMs: number }).initMs).toBeGreaterThanOrEqual(1500);
    } finally {
      await bodySize.stop();
    }
  });
});
