// `sam-local start-api --lambda-port N`: the local API and Lambda's Invoke API in one process, running every
// invocation on the same functions (one pool of execution environments per function, one watcher, one build).
import { lineWriter } from '../http/line-writer';
import { loadTemplateFor, startFunctionsFor, startLocalApi, type LocalApi, type LocalApiOptions } from '../http/server';
import { startInvokeEndpoint } from '../lambda-api/invoke-endpoint';
import { allFunctionIds } from '../template/functions';

export async function startWithInvokeEndpoint(
  options: LocalApiOptions,
  lambdaPort: number,
): Promise<{ api: LocalApi; endpointUrl: string; endpointPort: number; close: () => Promise<void> }> {
  const stdout = lineWriter(process.stdout);
  const stderr = lineWriter(process.stderr);
  const log = options.log ?? stdout.write;
  const functionOutput =
    options.functionOutput ?? ((functionId: string, line: string) => stderr.write(`[${functionId}] ${line}`));
  const loaded = loadTemplateFor(options);
  const parameters = options.parameterOverrides ?? {};
  // Every function of the template: the Invoke API also reaches functions that no route names.
  const functions = await startFunctionsFor(options, {
    loaded,
    functionIds: allFunctionIds(loaded),
    parameters,
    log,
    functionOutput,
  });
  let api: LocalApi | undefined;
  try {
    api = await startLocalApi({ ...options, functions, log, functionOutput });
    const endpoint = await startInvokeEndpoint({
      loaded,
      functions,
      parameters,
      ...(options.host ? { host: options.host } : {}),
      port: lambdaPort,
      ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
      log,
    });
    const started = api;
    return {
      api: started,
      endpointUrl: endpoint.url,
      endpointPort: endpoint.port,
      close: async () => {
        await Promise.all([started.close(), endpoint.close()]);
        await functions.close();
        stdout.flush();
        stderr.flush();
      },
    };
  } catch (error) {
    await api?.close();
    await functions.close();
    throw error;
  }
}
