import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalFunctions } from '../../src/lambda/local-functions';
import { startInvokeEndpoint, type InvokeEndpoint } from '../../src/lambda-api/invoke-endpoint';
import { listFunctions } from '../../src/template/functions';
import { loadTemplate } from '../../src/template/template';

export interface TestInvokeEndpoint {
  endpoint: InvokeEndpoint;
  /** The endpoint's own lines (one per invocation or refusal). */
  lines: string[];
  /** The functions' output, `[FunctionId] line`. */
  output: string[];
  stop: () => Promise<void>;
}

/** Lambda's Invoke API in this process, on an ephemeral loopback port, over every function of the template. */
export async function startTestInvokeEndpoint(
  templatePath: string,
  options: { allowedHosts?: string[] } = {},
): Promise<TestInvokeEndpoint> {
  const buildDir = mkdtempSync(join(tmpdir(), 'sam-local-invoke-'));
  const lines: string[] = [];
  const output: string[] = [];
  const loaded = loadTemplate(templatePath);
  const functions = await startLocalFunctions({
    loaded,
    functionIds: listFunctions(loaded, {}).map((fn) => fn.logicalId),
    buildDir,
    log: (line) => lines.push(line),
    functionOutput: (functionId, line) => output.push(`[${functionId}] ${line}`),
  });
  const endpoint = await startInvokeEndpoint({
    loaded,
    functions,
    port: 0,
    log: (line) => lines.push(line),
    ...options,
  });
  return {
    endpoint,
    lines,
    output,
    stop: async () => {
      await endpoint.close();
      await functions.close();
      rmSync(buildDir, { recursive: true, force: true });
    },
  };
}
