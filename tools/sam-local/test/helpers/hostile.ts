import { rawExchange, rawRequest, type RawResponse } from './raw-http';
import type { RunningApi } from './local-api';

export { HELLO_TEMPLATE } from './paths';

/** The server's lines logged since `mark` (an index into running.lines), as one text. */
export function linesSince(running: RunningApi, mark: number): string {
  return running.lines.slice(mark).join('\n');
}

/** GET path over a fresh raw connection that asks to be closed after the response. */
export async function rawGet(port: number, path: string, headers: string[] = []): Promise<RawResponse> {
  const exchange = await rawExchange(port, [
    rawRequest(`GET ${path} HTTP/1.1`, ['Host: 127.0.0.1', 'Connection: close', ...headers]),
  ]);
  const [response] = exchange.responses;
  if (!response) throw new Error(`no response to GET ${path}: got ${JSON.stringify(exchange.raw.toString('latin1'))}`);
  return response;
}

/** The project's GET /dev/hello?name=Ada answers as events/hello-name.json says it must. */
export async function expectHelloServed(port: number): Promise<void> {
  const response = await rawGet(port, '/dev/hello?name=Ada');
  expect([response.status, JSON.parse(response.text)]).toEqual([200, { message: 'Hello, Ada!' }]);
}
