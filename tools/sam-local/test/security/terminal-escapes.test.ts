// Issue 21, finding 3: request data written into the terminal as it came. A percent-encoded function name or
// qualifier (`%1b%5b2J`, reachable by the same drive-by POST) was logged as raw ESC/BEL bytes: clear screen, window
// title, or a fake log line. The toolkit's own lines now show control characters escaped (`\x1b`).
import { HELLO_TEMPLATE, ROUTES_TEMPLATE } from '../helpers/paths';
import { httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';
import { startTestInvokeEndpoint, type TestInvokeEndpoint } from '../helpers/invoke-endpoint';
import { rawExchange } from '../helpers/raw-http';
import { copyFixture } from '../helpers/fixture-copy';

// Any C0 or C1 control character other than a line break (the lines are split on those).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe('the Invoke API', () => {
  let running: TestInvokeEndpoint;
  beforeAll(async () => {
    running = await startTestInvokeEndpoint(HELLO_TEMPLATE);
  }, 60_000);
  afterAll(() => running.stop());

  const post = (path: string): ReturnType<typeof httpRequest> =>
    httpRequest(running.endpoint.url, path, { method: 'POST', body: '{}' });

  it('a function name with ESC [2J and BEL: the line shows \\x1b[2J\\x07, no control byte', async () => {
    const res = await post('/2015-03-31/functions/%1b%5b2J%07/invocations');
    expect(res.status).toBe(400);
    const line = running.lines.at(-1)!;
    expect(line).toContain(String.raw`Value '\x1b[2J\x07'`);
    expect(line).not.toMatch(RAW_CONTROL);
  });

  it('a qualifier setting the window title (OSC 0): escaped in the 404 line', async () => {
    const res = await post('/2015-03-31/functions/GreetingFunction/invocations?Qualifier=%1b%5d0%3bpwned%07');
    expect(res.status).toBe(404);
    const line = running.lines.at(-1)!;
    expect(line).toContain(String.raw`\x1b]0;pwned\x07`);
    expect(line).not.toMatch(RAW_CONTROL);
  });

  it('a line feed in a name cannot start a fake log line', async () => {
    const before = running.lines.length;
    await post('/2015-03-31/functions/Fn%0aInvoke%20GreetingFunction%20succeeded/invocations');
    const added = running.lines.slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).not.toContain('\n');
    expect(added[0]).toContain(String.raw`Fn\x0aInvoke`);
  });
});

describe('the local API', () => {
  let running: RunningApi;
  beforeAll(async () => {
    running = await startTestApi({ templatePath: ROUTES_TEMPLATE });
  }, 60_000);
  afterAll(() => running.stop());

  it('a Host with a one-byte CSI (0x9b, which Node takes in a header value) is logged escaped', async () => {
    const exchange = await rawExchange(
      running.api.port,
      [
        Buffer.concat([
          Buffer.from('GET /test/echo HTTP/1.1\r\nHost: evil'),
          Buffer.from([0x9b]),
          Buffer.from('2J\r\n\r\n'),
        ]),
      ],
      { responses: 1 },
    );
    expect(exchange.responses[0]?.status).toBe(403);
    const line = running.lines.find((entry) => entry.includes('is not allowed'))!;
    expect(line).toContain(String.raw`the Host "evil\x9b2J"`);
    expect(line).not.toMatch(RAW_CONTROL);
  });

  it("the function's own output is passed as it is, escape sequences included", async () => {
    const fixture = copyFixture('misbehaving-api');
    const own = await startTestApi({ templatePath: fixture.template, watch: false, typeCheck: false });
    try {
      expect((await httpRequest(own.api.url, '/Prod/misbehave/color')).status).toBe(200);
    } finally {
      await own.stop();
      fixture.remove();
    }
    expect(own.output).toContain('[MisbehavingFunction] \x1b[32mgreen\x1b[0m');
  });
});
