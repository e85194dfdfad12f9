import type { APIGatewayProxyEvent } from 'aws-lambda';
import { httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';
import { eventFiles, loadEvent, ROOT } from '../helpers/project';
import { expectationFor } from '../expectations';
import { join } from 'node:path';

let running: RunningApi;
beforeAll(async () => {
  running = await startTestApi({ templatePath: join(ROOT, 'template.yaml') });
});
afterAll(() => running.stop());

// The request a client would have sent for this event.
function requestPath(event: APIGatewayProxyEvent, withStage: boolean): string {
  const query = Object.entries(event.multiValueQueryStringParameters ?? {})
    .flatMap(([key, values]) =>
      (values ?? []).map((value) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
    )
    .join('&');
  const path = withStage ? `/${event.requestContext.stage}${event.path}` : event.path;
  return query ? `${path}?${query}` : path;
}

describe('the local API replays every events/ scenario over HTTP', () => {
  it.each(
    eventFiles().flatMap((file) => [
      [file, '/hello'],
      [file, '/dev/hello'],
    ]),
  )('%s at %s gives the same status and body as the handler', async (file, form) => {
    const event = loadEvent(file);
    const expected = expectationFor(file);
    const headers = Object.entries(event.headers ?? {}).filter(([name]) => name.toLowerCase() !== 'host') as Array<
      [string, string]
    >;
    const res = await httpRequest(running.api.url, requestPath(event, form === '/dev/hello'), { headers });
    expect(res.status).toBe(expected.statusCode);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json()).toEqual(expected.body);
    expect(res.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports the routes it serves, from template.yaml', () => {
    expect(running.api.routes.map((r) => [r.method, r.resourcePath, r.stage, r.functionId])).toEqual([
      ['GET', '/hello', 'dev', 'HelloWorldFunction'],
    ]);
  });

  it('keeps the function warm: one cold start across requests', () => {
    const logLines = running.output.filter((line) => line.includes('"cold_start"'));
    expect(logLines.length).toBeGreaterThan(1);
    expect(logLines.filter((line) => line.includes('"cold_start":true'))).toHaveLength(1);
  });

  it('writes one access line per request', () => {
    expect(running.lines.filter((line) => /^GET \/(dev\/)?hello\S* \d{3} \d+\.\dms$/.test(line))).toHaveLength(
      eventFiles().length * 2,
    );
  });
});
