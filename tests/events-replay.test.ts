// Every events/ scenario sent over HTTP to the local API on template.yaml: the same answer as the handler gives.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { startProjectApi, type RunningApi } from './helpers/local-api';
import { eventFiles, loadEvent } from './helpers/project';
import { expectationFor } from './expectations';

let running: RunningApi;
beforeAll(async () => {
  running = await startProjectApi();
});
afterAll(() => running.stop());

// The URL a client would have called for this event, on the deployed stage.
function urlOf(event: APIGatewayProxyEvent): string {
  const query = new URLSearchParams();
  for (const [key, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) {
    for (const value of values ?? []) query.append(key, value);
  }
  const search = query.size > 0 ? `?${query.toString()}` : '';
  return `${running.api.url}${event.requestContext.path}${search}`;
}

describe('the local API replays every events/ file', () => {
  it.each(eventFiles())('%s: the status and body the handler gives', async (file) => {
    const event = loadEvent(file);
    const expected = expectationFor(file);
    const response = await fetch(urlOf(event), { method: event.httpMethod });
    expect(response.status).toBe(expected.statusCode);
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual(expected.body);
  });

  it('has an events/ file for every route the template defines', () => {
    const covered = new Set(eventFiles().map((file) => `${loadEvent(file).httpMethod} ${loadEvent(file).resource}`));
    const routes = running.api.routes.map((route) => `${route.method} ${route.resourcePath}`);
    expect(routes.filter((route) => !covered.has(route))).toEqual([]);
  });
});
