import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalApi, type LocalApi, type LocalApiOptions } from 'sam-local-node';
import { ROOT } from './project';

export interface RunningApi {
  api: LocalApi;
  /** The server's own lines (routes, access log, faults). */
  lines: string[];
  /** The functions' output lines, prefixed with the function id. */
  output: string[];
  stop: () => Promise<void>;
}

/** The local API on template.yaml, on an ephemeral loopback port, building into a private temporary directory. */
export async function startProjectApi(options: LocalApiOptions = {}): Promise<RunningApi> {
  const buildDir = mkdtempSync(join(tmpdir(), 'starter-api-build-'));
  const lines: string[] = [];
  const output: string[] = [];
  const api = await startLocalApi({
    templatePath: join(ROOT, 'template.yaml'),
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
