import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalApi, type LocalApi, type LocalApiOptions } from './server';

/** A local API started for a test, with what it printed kept in memory. */
export interface TestApi {
  api: LocalApi;
  /** The server's own lines (routes, access log, faults). */
  lines: string[];
  /** The functions' output lines, prefixed with the function id: `[HelloWorldFunction] …`. */
  output: string[];
  /** Closes the server (draining the functions' output) and removes the private build directory. */
  stop: () => Promise<void>;
}

/**
 * The local API for integration tests: an ephemeral loopback port, and a private temporary build directory so that
 * test files running in parallel never share build output.
 */
export async function startTestApi(options: LocalApiOptions = {}): Promise<TestApi> {
  const buildDir = mkdtempSync(join(tmpdir(), 'sam-local-test-'));
  const lines: string[] = [];
  const output: string[] = [];
  try {
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
  } catch (error) {
    rmSync(buildDir, { recursive: true, force: true });
    throw error;
  }
}
