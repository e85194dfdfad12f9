// Clients that are too slow, send too much, or go away mid-request, against the fixture template.
import { connect } from 'node:net';
import { MAX_BODY_BYTES } from '../../src/http/server';
import { CONTENT_LENGTH_EXCEEDED } from '../../src/api-gateway/gateway-responses';
import { linesSince } from '../helpers/hostile';
import { ROUTES_TEMPLATE, startTestApi, type RunningApi } from '../helpers/local-api';
import { rawExchange, rawRequest, sendAndAbort, type RawExchange } from '../helpers/raw-http';

const REQUEST_TIMEOUT_MS = 1000;
// Node checks request timeouts on a timer (30 s by default), so a stalled request is cut off up to that much later.
const CUT_OFF_BOUND_MS = 40_000;
const HOST = 'Host: 127.0.0.1';

let running: RunningApi;
let port: number;
let slowClients: Promise<Array<{ label: string; result: RawExchange; ms: number }>>;

beforeAll(async () => {
  running = await startTestApi({ templatePath: ROUTES_TEMPLATE, requestTimeoutMs: REQUEST_TIMEOUT_MS });
  port = running.api.port;
  await echoInvocations(); // the cold start, out of the way
  // Three stalled clients hold connections for the whole file while the other tests run beside them.
  const stalled = (label: string, chunks: Parameters<typeof rawExchange>[1]) => {
    const started = Date.now();
    return rawExchange(port, chunks, { timeoutMs: CUT_OFF_BOUND_MS }).then((result) => ({
      label,
      result,
      ms: Date.now() - started,
    }));
  };
  slowClients = Promise.all([
    stalled('headers that never end', [`GET /test/echo HTTP/1.1\r\n${HOST}\r\nX-Slow: 1\r\n`]),
    stalled('a body that stops', [`POST /test/echo HTTP/1.1\r\n${HOST}\r\nContent-Length: 100\r\n\r\n`, 'abc']),
    stalled('a body that trickles, a byte every 500 ms', [
      `POST /test/echo HTTP/1.1\r\n${HOST}\r\nContent-Length: 100\r\n\r\n`,
      ...Array.from({ length: 100 }, () => [500, 'x']).flat(),
    ]),
  ]);
});
afterAll(() => running.stop());

async function until(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The echo function's invocation count, read by invoking it (so each call adds one). */
async function echoInvocations(): Promise<number> {
  const exchange = await rawExchange(port, [rawRequest('GET /test/echo HTTP/1.1', [HOST, 'Connection: close'])]);
  const [response] = exchange.responses;
  expect(response?.status).toBe(200);
  return (JSON.parse(response!.text) as { invocations: number }).invocations;
}

async function waitForOutput(mark: number, text: string): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!running.output.slice(mark).some((line) => line.includes(text))) {
    if (Date.now() > deadline) throw new Error(`the function never printed "${text}"`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('bodies over 10 MB', () => {
  it.each([
    ['declared in Content-Length, none of it sent', []],
    ['declared with Expect: 100-continue', ['Expect: 100-continue']],
  ])('%s → 413 at once, the connection closed, the function not invoked', async (_label, extra) => {
    const before = await echoInvocations();
    const mark = running.lines.length;
    const result = await rawExchange(
      port,
      [rawRequest('POST /test/echo HTTP/1.1', [HOST, `Content-Length: ${MAX_BODY_BYTES + 1}`, ...extra])],
      { timeoutMs: 5000 },
    );
    expect(result.closed).toBe(true);
    expect(result.responses.map((r) => [r.status, r.text])).toEqual([[413, CONTENT_LENGTH_EXCEEDED]]);
    expect(linesSince(running, mark)).toMatch(/413 for POST \/test\/echo: request body 10485761 bytes declared/);
    expect(await echoInvocations()).toBe(before + 1);
  });

  it('a body still trickling in after the 413 when the request times out: the 413 stays the one answer', async () => {
    // Bytes every 300 ms keep the drain going past the server's 1 s request timeout. Once wrote a 408 status line
    // after the 413 on the same connection (two answers to one request).
    const trickle = Array.from({ length: 8 }, () => [300, 'x'.repeat(1024)]).flat();
    const result = await rawExchange(
      port,
      [`POST /test/echo HTTP/1.1\r\n${HOST}\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n`, ...trickle],
      { timeoutMs: 8000 },
    );
    expect(result.closed).toBe(true);
    expect(result.responses.map((r) => r.status)).toEqual([413]);
    expect(result.raw.toString('latin1')).not.toMatch(/408 Request Timeout/);
  });
});

describe('clients that go away mid-request', () => {
  it.each([
    ['mid request line, with a reset', ['GET /test/ec'], 'reset'],
    ['mid headers, with a reset', [`GET /test/echo HTTP/1.1\r\n${HOST}\r\nX-Par`], 'reset'],
    ['mid headers, with a close', [`GET /test/echo HTTP/1.1\r\n${HOST}\r\nX-Par`], 'close'],
    ['mid body, with a reset', [`POST /test/echo HTTP/1.1\r\n${HOST}\r\nContent-Length: 100\r\n\r\nabc`], 'reset'],
    ['mid body, with a close', [`POST /test/echo HTTP/1.1\r\n${HOST}\r\nContent-Length: 100\r\n\r\nabc`], 'close'],
  ])(
    '%s: the function is not invoked, the terminal says so, the next request is served',
    async (_label, chunks, how) => {
      const before = await echoInvocations();
      const mark = running.lines.length;
      if (how === 'reset') await sendAndAbort(port, [...chunks, 50]);
      else await rawExchange(port, chunks, { timeoutMs: 200 }); // closes its end after 200 ms without finishing
      const deadline = Date.now() + 2000;
      while (running.lines.length === mark && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(linesSince(running, mark)).toMatch(/^Client error \((ECONNRESET|HPE_INVALID_EOF_STATE)\): /m);
      expect(await echoInvocations()).toBe(before + 1);
    },
  );

  it.each([
    ['a reset', (socket: import('node:net').Socket) => socket.resetAndDestroy()],
    ['a close', (socket: import('node:net').Socket) => socket.destroy()],
  ])(
    'while the function runs, with %s: the invocation completes, its environment and queue carry on, and the terminal says the answer was not delivered',
    async (_label, leave) => {
      const before = await rawExchange(port, [rawRequest('GET /test/faults/ok HTTP/1.1', [HOST, 'Connection: close'])]);
      const { pid } = JSON.parse(before.responses[0]!.text) as { pid: number };
      const mark = running.lines.length;
      const outputMark = running.output.length;
      const socket = connect({ host: '127.0.0.1', port });
      socket.on('error', () => undefined);
      socket.write(rawRequest('GET /test/faults/slow?ms=300 HTTP/1.1', [HOST]));
      await waitForOutput(outputMark, 'slow: started');
      leave(socket);
      // Queued behind the abandoned invocation on the same environment.
      const next = await rawExchange(port, [rawRequest('GET /test/faults/ok HTTP/1.1', [HOST, 'Connection: close'])]);
      expect(next.responses.map((r) => [r.status, JSON.parse(r.text) as unknown])).toEqual([[200, { pid }]]);
      expect(linesSince(running, mark)).toMatch(
        /^GET \/test\/faults\/slow\?ms=300 200 \d+\.\dms \(not delivered: the client left\)$/m,
      );
    },
  );

  it('fifty clients vanishing mid-body at once leave the server serving', async () => {
    const before = await echoInvocations();
    const body = `POST /test/echo HTTP/1.1\r\n${HOST}\r\nContent-Length: 1000\r\n\r\n${'a'.repeat(500)}`;
    await Promise.all(Array.from({ length: 50 }, () => sendAndAbort(port, [body, 20])));
    expect(await echoInvocations()).toBe(before + 1);
  });

  it('names a body cut short as the client going away, not as a Local API fault', async () => {
    const mark = running.lines.length;
    await sendAndAbort(port, [`POST /test/echo HTTP/1.1\r\n${HOST}\r\nContent-Length: 100\r\n\r\nabc`, 50]);
    await until(() => linesSince(running, mark).includes('POST /test/echo'), 'a line naming the request');
    const log = linesSince(running, mark);
    expect(log).not.toMatch(/Local API fault|\n\s+at /);
    expect(log).toMatch(/POST \/test\/echo: the client went away mid-body \(3 bytes received\); nothing invoked/);
  });
});

describe('stalled clients (requestTimeoutMs 1000 ms) held open while the tests above ran', () => {
  it(
    'each stalled connection is closed by the server, with the reason in the terminal, and none reached the function',
    async () => {
      const clients = await slowClients;
      for (const { label, result } of clients) {
        expect({ label, closed: result.closed }).toEqual({ label, closed: true });
        // Whatever the server said before closing, it was an error and not the function's answer.
        expect(result.responses.map((r) => r.status).filter((status) => status !== 400 && status !== 408)).toEqual([]);
      }
      const timeouts = running.lines.filter((line) => /^Client error \(ERR_HTTP_REQUEST_TIMEOUT\): /.test(line));
      expect(timeouts.length).toBeGreaterThanOrEqual(clients.length);
      // No POST in this file ever completes: a POST that reached the function would show as an access line.
      expect(running.lines.filter((line) => /^POST \/test\/echo [0-9]{3} /.test(line) && !/ 413 /.test(line))).toEqual(
        [],
      );
    },
    CUT_OFF_BOUND_MS + 10_000,
  );

  it.each([
    ['headers that never end', [`GET /test/echo HTTP/1.1\r\n${HOST}\r\nX-Slow: 1\r\n`]],
    ['a body that stops', [`POST /test/echo HTTP/1.1\r\n${HOST}\r\nContent-Length: 100\r\n\r\n`, 'abc']],
  ])(
    'cuts a stalled request off within about requestTimeoutMs, answering 408 Request Timeout: %s',
    async (_label, chunks) => {
      const started = Date.now();
      const result = await rawExchange(port, chunks, { timeoutMs: 10_000 });
      expect(result.closed).toBe(true);
      expect(Date.now() - started).toBeLessThan(REQUEST_TIMEOUT_MS + 2000);
      expect(result.responses.map((r) => r.status)).toEqual([408]);
    },
    15_000,
  );
});
