import { resolve } from 'node:path';
import { withGlobals } from './globals';
import { resolveLocalValue } from './parameters';
import type { LoadedTemplate } from './template';

/** One AWS::Serverless::Function with Globals applied, as SAM would build and run it. */
export interface FunctionSpec {
  logicalId: string;
  /** Absolute path of CodeUri: SAM (with build_in_source) runs esbuild here. */
  codeDir: string;
  handler: string;
  runtime: string;
  timeoutSeconds: number;
  memorySize: number;
  buildMethod: string | undefined;
  buildProperties: Record<string, unknown>;
  environment: Record<string, unknown>;
  properties: Record<string, unknown>;
}

const SAM_DEFAULT_TIMEOUT_SECONDS = 3;
const SAM_DEFAULT_MEMORY_MB = 128;

/** `parameters` override parameter defaults, as `--parameter-overrides` does for sam local. */
export function listFunctions(
  { template, dir }: LoadedTemplate,
  parameters: Record<string, string> = {},
): FunctionSpec[] {
  const globals = template.Globals?.Function ?? {};
  return Object.entries(template.Resources)
    .filter(([, resource]) => resource.Type === 'AWS::Serverless::Function')
    .map(([logicalId, resource]) => {
      // Globals.Function merged in by SAM's rule: Environment.Variables from Globals and the function add up.
      const properties = withGlobals(globals, resource.Properties ?? {});
      const metadata = resource.Metadata ?? {};
      const codeUri = properties.CodeUri;
      if (typeof codeUri !== 'string') throw new Error(`${logicalId}: CodeUri must be a local path`);
      if (typeof properties.Handler !== 'string') throw new Error(`${logicalId}: Handler is missing`);
      return {
        logicalId,
        codeDir: resolve(dir, codeUri),
        handler: properties.Handler,
        runtime: String(properties.Runtime),
        timeoutSeconds: Number(
          resolveLocalValue(template, properties.Timeout, parameters) ?? SAM_DEFAULT_TIMEOUT_SECONDS,
        ),
        memorySize: Number(resolveLocalValue(template, properties.MemorySize, parameters) ?? SAM_DEFAULT_MEMORY_MB),
        buildMethod: typeof metadata.BuildMethod === 'string' ? metadata.BuildMethod : undefined,
        buildProperties: (metadata.BuildProperties as Record<string, unknown> | undefined) ?? {},
        environment: (properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
        properties,
      };
    });
}

export function findFunction(
  loaded: LoadedTemplate,
  logicalId?: string,
  parameters: Record<string, string> = {},
): FunctionSpec {
  const functions = listFunctions(loaded, parameters);
  if (logicalId === undefined) {
    if (functions.length === 1 && functions[0]) return functions[0];
    throw new Error(
      `The template has ${functions.length} functions; name one: ${functions.map((f) => f.logicalId).join(', ')}`,
    );
  }
  const found = functions.find((f) => f.logicalId === logicalId);
  if (!found) {
    throw new Error(
      `No function ${logicalId} in ${loaded.path}; it has: ${functions.map((f) => f.logicalId).join(', ')}`,
    );
  }
  return found;
}

/** `app.lambdaHandler` → module `app`, export `lambdaHandler` (the module part may contain slashes). */
export function splitHandler(handler: string): { module: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) throw new Error(`Handler "${handler}" is not of the form file.export`);
  return { module: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}
