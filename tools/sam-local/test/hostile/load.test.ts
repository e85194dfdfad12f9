// 10,000 requests to GET /hello on 50 keep-alive connections: every one answered, and answered right.
import { Agent, request } from 'node:http';
import type { Socket } from 'node:net';
import { HELLO_MESSAGES } from '../fixtures/hello-api/messages';
import { expectHelloServed, HELLO_TEMPLATE } from '../helpers/hostile';
import { startTestApi, type RunningApi } from '../helpers/local-api';

const REQUESTS = 10_000;
const CONNECTIONS = 50;
// No time limit on the whole (speed is the benchmark's business, and a loaded machine would trip one): a stall
// shows as a request unanswered for 10 s; jest's timeout below only ends a run that hangs outright.
const HANG_MS = 300_000;

// A mix with and without a name, at both paths, including names the function must reject.
const MIX: Array<{ path: string; status: number; body: { message: string } }> = [
  { path: '/dev/hello', status: 200, body: { message: 'Hello, World!' } },
  { path: '/dev/hello?name=Ada', status: 200, body: { message: 'Hello, Ada!' } },
  { path: '/hello?name=J%C3%BCrgen', status: 200, body: { message: 'Hello, Jürgen!' } },
  { path: '/hello', status: 200, body: { message: 'Hello, World!' } },
  { path: '/dev/hello?name=%3Cscript%3E', status: 400, body: { message: HELLO_MESSAGES.characters } },
  { path: `/dev/hello?name=${'x'.repeat(65)}`, status: 400, body: { message: HELLO_MESSAGES.length } },
  { path: '/dev/hello?name=Ada&name=Bob', status: 400, body: { message: HELLO_MESSAGES.repeated } },
];

let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({ templatePath: HELLO_TEMPLATE });
});
afterAll(() => running.stop());

function get(agent: Agent, path: string): Promise<{ status: number; text: string; socket: Socket }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: running.api.port, path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), socket: req.socket! }),
      );
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to GET ${path} within 10 s`)));
    req.on('error', reject);
    req.end();
  });
}

describe(`${REQUESTS} requests at ${CONNECTIONS} concurrent connections`, () => {
  it(
    'all answered with the status and body their request calls for, 0 errors, none waiting 10 s',
    async () => {
      await expectHelloServed(running.api.port); // the cold start, out of the way
      const mark = running.lines.length;
      const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
      const sockets = new Set<Socket>();
      const errors: string[] = [];
      const unexpected: string[] = [];
      const statusCounts: Record<number, number> = {};
      let next = 0;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (next < REQUESTS) {
            const expected = MIX[next++ % MIX.length]!;
            try {
              const { status, text, socket } = await get(agent, expected.path);
              sockets.add(socket);
              statusCounts[status] = (statusCounts[status] ?? 0) + 1;
              if (status !== expected.status || text !== JSON.stringify(expected.body)) {
                unexpected.push(`${expected.path} → ${status} ${text}`);
              }
            } catch (error) {
              errors.push(`${expected.path}: ${(error as Error).message}`);
            }
          }
        }),
      );
      agent.destroy();

      expect(errors.slice(0, 5)).toEqual([]);
      expect(unexpected.slice(0, 5)).toEqual([]);
      const rejected = Array.from({ length: REQUESTS }, (_, i) => MIX[i % MIX.length]!).filter(
        (r) => r.status === 400,
      ).length;
      expect(statusCounts).toEqual({ 200: REQUESTS - rejected, 400: rejected });
      expect(sockets.size).toBeLessThanOrEqual(CONNECTIONS);
      // One access line per request, each with the status the client saw.
      const accessLine = /^GET \/(dev\/)?hello\S* (\d{3}) [\d.]+ms$/;
      const lines = running.lines.slice(mark);
      expect(lines.filter((line) => !accessLine.test(line))).toEqual([]);
      expect(lines).toHaveLength(REQUESTS);
      expect(lines.filter((line) => accessLine.exec(line)?.[2] === '400')).toHaveLength(rejected);
      await expectHelloServed(running.api.port);
    },
    HANG_MS,
  );
});
