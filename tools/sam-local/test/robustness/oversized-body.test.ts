// A body over API Gateway's 10 MB limit gets its 413 while the client is still sending it: the client must be able
// to read that answer (before the fix the server closed at once and Node's fetch failed with EPIPE).
import { MAX_BODY_BYTES } from '../../src/http/server';
import { CONTENT_LENGTH_EXCEEDED } from '../../src/api-gateway/gateway-responses';
import { ROUTES_TEMPLATE, httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';

let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({ templatePath: ROUTES_TEMPLATE });
});
afterAll(() => running.stop());

describe('a body over 10 MB, sent whole by the client', () => {
  it.each([
    ['just over the limit', MAX_BODY_BYTES + 1],
    ['twice the limit', 2 * MAX_BODY_BYTES],
  ])('%s: fetch reads the 413, and the function is not invoked', async (_label, size) => {
    const mark = running.lines.length;
    const response = await fetch(`${running.api.url}/test/echo`, { method: 'POST', body: Buffer.alloc(size, 0x61) });
    expect([response.status, await response.text()]).toEqual([413, CONTENT_LENGTH_EXCEEDED]);
    expect(running.lines.slice(mark).join('\n')).toMatch(/413 for POST \/test\/echo: request body \d+ bytes declared/);
    expect(running.lines.slice(mark).some((line) => line.startsWith('POST /test/echo 200'))).toBe(false);
    const next = await httpRequest(running.api.url, '/test/faults/ok');
    expect(next.status).toBe(200);
  });

  // Chunked, the server only learns the size while reading: the client is surely still sending when the 413 goes.
  it.each([2, 4])('sent chunked, %i times the limit: fetch reads the 413 too', async (times) => {
    const chunk = Buffer.alloc(1024 * 1024, 0x62);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= times * MAX_BODY_BYTES) controller.close();
        else {
          sent += chunk.length;
          controller.enqueue(chunk);
        }
      },
    });
    const init = { method: 'POST', body, duplex: 'half' } as RequestInit;
    const response = await fetch(`${running.api.url}/test/echo`, init);
    expect([response.status, await response.text()]).toEqual([413, CONTENT_LENGTH_EXCEEDED]);
  });
});
