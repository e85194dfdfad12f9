import { request } from 'node:http';
export { startTestApi, type TestApi as RunningApi } from '../../src/http/test-api';
export { ROUTES_TEMPLATE } from './paths';

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: string[];
  body: Buffer;
  text: string;
  json: () => unknown;
}

/** One HTTP/1.1 request over loopback with full control of method, path, headers and body. */
export function httpRequest(
  baseUrl: string,
  path: string,
  init: { method?: string; headers?: Array<[string, string]>; body?: Buffer | string } = {},
): Promise<HttpResult> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: init.method ?? 'GET',
        path,
        // A raw header list: duplicates and case kept. Node adds no Host to one, so add it unless given.
        headers: [
          ...(init.headers?.some(([name]) => name.toLowerCase() === 'host') ? [] : [['Host', url.host]]),
          ...(init.headers ?? []),
        ].flat(),
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body,
            text,
            json: () => JSON.parse(text) as unknown,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
