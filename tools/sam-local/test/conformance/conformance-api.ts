import { join } from 'node:path';
import { TOOLKIT_DIR } from '../helpers/paths';
import { httpRequest, startTestApi, type HttpResult, type RunningApi } from '../helpers/local-api';

export const CONFORMANCE_TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'conformance-api', 'template.yaml');

export type Request = Parameters<typeof httpRequest>[2];

/** The conformance fixture served over loopback, with helpers to make its function answer anything. */
export interface ConformanceApi {
  running: RunningApi;
  request: (path: string, init?: Request) => Promise<HttpResult>;
  /** Makes the function return `result` (JSON) for one request to `path` (default /dev/test). */
  respondWith: (result: unknown, init?: Request, path?: string) => Promise<HttpResult>;
  /** The Lambda proxy event the function received for one request. */
  eventFor: (
    path: string,
    init?: Request,
  ) => Promise<Record<string, unknown> & { requestContext: Record<string, unknown> }>;
}

export async function startConformanceApi(): Promise<ConformanceApi> {
  const running = await startTestApi({ templatePath: CONFORMANCE_TEMPLATE });
  const request = (path: string, init: Request = {}): Promise<HttpResult> => httpRequest(running.api.url, path, init);
  return {
    running,
    request,
    respondWith: (result, init = {}, path = '/dev/test') =>
      request(path, {
        method: 'POST',
        ...init,
        headers: [['X-Respond-With', 'body'], ['Content-Type', 'application/json'], ...(init.headers ?? [])],
        body: JSON.stringify(result),
      }),
    eventFor: async (path, init = {}) => {
      const response = await request(path, init);
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
      return response.json() as Record<string, unknown> & { requestContext: Record<string, unknown> };
    },
  };
}

/** A header as the raw response spelled it (name and values), for checks of casing. */
export function rawHeader(response: HttpResult, name: string): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
    if (response.rawHeaders[i]!.toLowerCase() === name.toLowerCase())
      found.push([response.rawHeaders[i]!, response.rawHeaders[i + 1]!]);
  }
  return found;
}
