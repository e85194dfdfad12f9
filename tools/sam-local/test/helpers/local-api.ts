import { request } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalApi, type LocalApi, type LocalApiOptions } from '../../src/http/server';

export { ROUTES_TEMPLATE } from './paths';

export interface RunningApi {
  api: LocalApi;
  /** The server's own lines (routes, access log, faults). */
  lines: string[];
  /** The functions' output lines, prefixed with the function id. */
  output: string[];
  stop: () => Promise<void>;
}

/** Starts the local API on an ephemeral loopback port, building into a private temporary directory. */
export async function startTestApi(options: LocalApiOptions = {}): Promise<RunningApi> {
  const buildDir = mkdtempSync(join(tmpdir(), 'local-api-build-'));
  const lines: string[] = [];
  const output: string[] = [];
  const api = await startLocalApi({
    port: 0,
    buildDir,
    log: (line) => lines.push(line),
    functionOutput: (functionId, line) => output.push(`[${functionId}] ${line}`),
    ...options,
  });
  return {
    api,
    lines,
    output,
    stop: async () => {
      await api.close();
      rmSync(buildDir, { recursive: true, force: true });
    },
  };
}

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
