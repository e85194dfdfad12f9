// Functions that misbehave while other requests are in flight: every fault gets API Gateway's 502, a clear
// terminal line, and nothing else is disturbed.
import { linesSince } from '../helpers/hostile';
import { ROUTES_TEMPLATE, startTestApi, type RunningApi } from '../helpers/local-api';
import { rawExchange, rawRequest, type RawResponse } from '../helpers/raw-http';

const HOST = 'Host: 127.0.0.1';
const INTERNAL = { message: 'Internal server error' };

let running: RunningApi;
let port: number;
beforeAll(async () => {
  running = await startTestApi({ templatePath: ROUTES_TEMPLATE });
  port = running.api.port;
});
afterAll(() => running.stop());

/** What each fault kind must produce: its terminal line, and whether Lambda would discard the environment. */
const FAULTS: Record<string, { reason: RegExp; replacesEnvironment: boolean }> = {
  throw: { reason: /^502: FaultsFunction failed: Error: thrown on purpose$/, replacesEnvironment: false },
  reject: { reason: /^502: FaultsFunction failed: TypeError: rejected on purpose$/, replacesEnvironment: false },
  'garbage-status': { reason: /malformed Lambda proxy response: statusCode must be/, replacesEnvironment: false },
  'garbage-body': { reason: /malformed Lambda proxy response: body must be a string/, replacesEnvironment: false },
  'garbage-header': { reason: /malformed Lambda proxy response: header X-Bad must be/, replacesEnvironment: false },
  null: {
    reason: /malformed Lambda proxy response: the result must be an object, got null/,
    replacesEnvironment: false,
  },
  exit: { reason: /^502: FaultsFunction: Runtime exited with error: exit status 3;/, replacesEnvironment: true },
  timeout: { reason: /^502: FaultsFunction timed out after 1\.00 seconds/, replacesEnvironment: true },
  unhandled: { reason: /Runtime\.UnhandledPromiseRejection: nobody awaits this/, replacesEnvironment: true },
  oom: { reason: /out of memory \(MemorySize 128 MB\)|timed out after 1\.00 seconds/, replacesEnvironment: true },
};

function get(path: string, keepAlive = false): Buffer {
  return rawRequest(`GET ${path} HTTP/1.1`, keepAlive ? [HOST] : [HOST, 'Connection: close']);
}

async function getOne(path: string): Promise<RawResponse> {
  const { responses } = await rawExchange(port, [get(path)], { timeoutMs: 20_000 });
  expect(responses).toHaveLength(1);
  return responses[0]!;
}

/** Keeps requests going to the echo function on `connections` keep-alive connections until `until` settles. */
async function echoTraffic(until: Promise<unknown>, connections: number): Promise<number[]> {
  let done = false;
  void until.finally(() => (done = true));
  const counts: number[] = [];
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (!done) {
        const response = await getOne('/test/echo');
        expect(response.status).toBe(200);
        counts.push((JSON.parse(response.text) as { invocations: number }).invocations);
      }
    }),
  );
  return counts;
}

describe('the slow fixture function', () => {
  it('answers 200 after the time asked for, and says when it starts', async () => {
    const mark = running.output.length;
    const started = Date.now();
    const response = await getOne('/test/faults/slow?ms=400');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect([response.status, JSON.parse(response.text)]).toEqual([200, { slept: 400, pid: expect.any(Number) }]);
    expect(running.output.slice(mark)).toContain('[FaultsFunction] slow: started, answering in 400 ms');
  });

  it('queues requests to its own environment, while another function answers at once', async () => {
    const finished: string[] = [];
    const slow = getOne('/test/faults/slow?ms=800').then((r) => finished.push(`slow ${r.status}`));
    const queued = getOne('/test/faults/ok').then((r) => finished.push(`ok ${r.status}`));
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (let i = 0; i < 5; i++) finished.push(`echo ${(await getOne('/test/echo')).status}`);
    await Promise.all([slow, queued]);
    expect(finished).toEqual(['echo 200', 'echo 200', 'echo 200', 'echo 200', 'echo 200', 'slow 200', 'ok 200']);
  });
});

describe('every fault, pipelined on one connection, each followed by a good request, with echo traffic beside', () => {
  it('answers each in order: 502 for the fault, 200 from the right environment after it', async () => {
    const kinds = Object.keys(FAULTS);
    const mark = running.lines.length;
    const first = JSON.parse((await getOne('/test/faults/ok')).text) as { pid: number };
    const pipeline = rawExchange(
      port,
      [
        kinds
          .flatMap((kind) => [get(`/test/faults/${kind}`, true), get('/test/faults/ok', true)])
          .map(String)
          .join(''),
      ],
      { responses: kinds.length * 2, timeoutMs: 60_000 },
    );
    const echoCounts = await echoTraffic(pipeline, 4);
    const { responses } = await pipeline;

    expect(responses.map((r) => r.status)).toEqual(kinds.flatMap(() => [502, 200]));
    let pid = first.pid;
    kinds.forEach((kind, index) => {
      const fault = responses[index * 2]!;
      expect({ kind, body: JSON.parse(fault.text) as unknown }).toEqual({ kind, body: INTERNAL });
      expect(fault.headers['x-amzn-errortype']).toBe('InternalServerErrorException');
      const after = JSON.parse(responses[index * 2 + 1]!.text) as { pid: number };
      // Lambda keeps the environment after a handled error or a bad result, and replaces it after a crash.
      expect({ kind, replaced: after.pid !== pid }).toEqual({ kind, replaced: FAULTS[kind]!.replacesEnvironment });
      pid = after.pid;
    });

    // One terminal line per fault, naming it, in the order the faults were sent.
    const faultLines = running.lines.slice(mark).filter((line) => line.startsWith('502:'));
    expect(faultLines).toHaveLength(kinds.length);
    kinds.forEach((kind, index) =>
      expect({ kind, line: faultLines[index] }).toEqual({ kind, line: expect.stringMatching(FAULTS[kind]!.reason) }),
    );

    // The echo function's environment was never disturbed: its invocation count only ever went up by one.
    expect(echoCounts.length).toBeGreaterThan(0);
    const sorted = [...echoCounts].sort((a, b) => a - b);
    expect(sorted).toEqual(sorted.map((_, i) => sorted[0]! + i));
  }, 60_000);
});

describe('a burst of faults and good requests on many connections at once', () => {
  it('gives each request the answer its kind calls for, with one terminal line per fault', async () => {
    const burst = [
      ...Array.from({ length: 12 }, () => 'ok'),
      ...Array.from({ length: 4 }, () => 'throw'),
      ...Array.from({ length: 3 }, () => 'exit'),
      ...Array.from({ length: 3 }, () => 'null'),
      ...Array.from({ length: 2 }, () => 'unhandled'),
      ...Array.from({ length: 2 }, () => 'garbage-body'),
      'timeout',
    ];
    // Interleave the kinds so crashes land between good requests queued on the same environment.
    const order = burst.map((kind, i) => ({ kind, key: (i * 7919) % burst.length })).sort((a, b) => a.key - b.key);
    const mark = running.lines.length;
    const responses = await Promise.all(
      order.map(({ kind }) =>
        getOne(`/test/faults/${kind}`).then((r) => ({ kind, status: r.status, body: JSON.parse(r.text) as unknown })),
      ),
    );
    for (const { kind, status, body } of responses) {
      if (kind === 'ok')
        expect({ kind, status, body }).toEqual({ kind, status: 200, body: { pid: expect.any(Number) } });
      else expect({ kind, status, body }).toEqual({ kind, status: 502, body: INTERNAL });
    }
    const log = linesSince(running, mark);
    for (const kind of new Set(burst.filter((k) => k !== 'ok'))) {
      const expected = burst.filter((k) => k === kind).length;
      const found = log.split('\n').filter((line) => FAULTS[kind]!.reason.test(line)).length;
      expect({ kind, lines: found }).toEqual({ kind, lines: expected });
    }
    expect(log.split('\n').filter((line) => /^GET \/test\/faults\/\S+ \d{3} /.test(line))).toHaveLength(burst.length);
    expect((await getOne('/test/faults/ok')).status).toBe(200);
  }, 30_000);
});
