// `start-api`: the template's event sources served over one Lambda runtime. The REST APIs (src/api-gateway/) share
// one port; each source runs the same pipeline (route → authorize → integrate → respond, src/pipeline/) behind the
// same HTTP front (src/http/front.ts).
import type { EnvVarsFile } from '../lambda/env-vars-file';
import type { InspectorOptions } from '../lambda/inspector';
import { startLocalFunctions, type LocalFunctions } from '../lambda/local-functions';
import { loadTemplate } from '../template/template';
import { restApiSource, MAX_BODY_BYTES } from '../api-gateway/rest-source';
import { routesFromTemplate, type Route } from '../api-gateway/routes';
import { planAuthorizers } from '../authorizers/plan';
import type { JSONWebKeySet } from 'jose';
import { startFront } from './front';
import { lineWriter } from './line-writer';
import { printableLog } from './printable';
import { sourcesHandler } from './sources-handler';

export { MAX_BODY_BYTES };

export interface LocalApiOptions {
  /** Default: template.yaml in the current directory. */
  templatePath?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /** Rebuild on source changes and serve the new code on the next request. */
  watch?: boolean;
  envVars?: EnvVarsFile;
  /** Template parameter values instead of their defaults (sam local's --parameter-overrides). */
  parameterOverrides?: Record<string, string>;
  /** Powertools' POWERTOOLS_DEV pretty printing for the function's logs. */
  prettyLogs?: boolean;
  /** Where built code goes. Default: .aws-sam/local-build beside the template. */
  buildDir?: string;
  /**
   * Execution environments per function (default 1: one warm environment serves requests in order). Above 1,
   * concurrent requests scale out as on Lambda, each new environment with its own cold start.
   */
  maxEnvironments?: number;
  /** A request (headers and body) slower than this is cut off. */
  requestTimeoutMs?: number;
  /** Type-check the functions' TypeScript in the background (tsc --watch) and report errors in the log. */
  typeCheck?: boolean;
  /** The server's own lines: routes, access log, faults. Default: stdout. */
  log?: (line: string) => void;
  /** The functions' stdout/stderr lines. Default: stderr, prefixed with the function id. */
  functionOutput?: (functionId: string, line: string, stream: 'stdout' | 'stderr') => void;
  /** Source maps for local builds and --enable-source-maps in the workers (default true). */
  sourceMaps?: boolean;
  /** Start each function's worker with the Node inspector. */
  inspector?: InspectorOptions;
  /** Host names answered besides localhost, loopback addresses and the listen address (see host-check.ts). */
  allowedHosts?: string[];
  /**
   * Functions already built and running (shared with the Lambda invoke endpoint); they must include every
   * function the routes name. The build, watch and environment options above then do not apply, and close()
   * leaves them running for their owner to stop.
   */
  functions?: LocalFunctions;
  /** Keys to verify JWT signatures with (--jwks): without them Cognito and JWT authorizers check claims only. */
  jwks?: JSONWebKeySet;
  /** The API keys a route with ApiKeyRequired accepts (--api-key, SAM_LOCAL_API_KEYS); none: any key. */
  apiKeys?: string[];
}

export interface LocalApi {
  url: string;
  host: string;
  port: number;
  routes: Route[];
  /** Where to attach a debugger, one line per function (empty without an inspector). */
  attachLines: string[];
  /** Stops accepting, lets in-flight requests finish, then stops the functions and watchers. */
  close: () => Promise<void>;
}

export async function startLocalApi(options: LocalApiOptions = {}): Promise<LocalApi> {
  const stdoutWriter = lineWriter(process.stdout);
  const stderrWriter = lineWriter(process.stderr);
  const flushWriters = (): void => {
    stdoutWriter.flush();
    stderrWriter.flush();
  };
  // Request data (paths) appear in these lines: control characters are escaped (printable.ts).
  const log = printableLog(options.log ?? stdoutWriter.write);
  const writeStderr = stderrWriter.write;
  const functionOutput =
    options.functionOutput ?? ((functionId: string, line: string) => writeStderr(`[${functionId}] ${line}`));
  const loaded = loadTemplate(options.templatePath ?? 'template.yaml');
  const parameters = options.parameterOverrides ?? {};
  const routes = routesFromTemplate(loaded, parameters);
  if (routes.length === 0) throw new Error(`${loaded.path} defines no Api events: there is nothing to serve`);
  const authorizerPlan = planAuthorizers(loaded, parameters, {
    ...(options.jwks ? { jwks: options.jwks } : {}),
    ...(options.apiKeys ? { apiKeys: options.apiKeys } : {}),
  });
  const functions =
    options.functions ??
    (await startFunctionsFor(options, {
      loaded,
      functionIds: [...new Set([...routes.map((route) => route.functionId), ...authorizerPlan.functionIds])],
      parameters,
      log,
      functionOutput,
    }));
  const authorizers = authorizerPlan.create({ functions, log });
  const sources = [restApiSource({ routes, functions, authorizer: authorizers.restApi, log })];

  const front = await startFront({
    name: 'Local API',
    ...(options.host ? { host: options.host } : {}),
    port: options.port ?? 3000,
    ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
    log,
    ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
    handler: sourcesHandler(sources, log),
  }).catch(async (error: unknown) => {
    // Not listening (e.g. EADDRINUSE): stop what was started here, so the caller is left with nothing running.
    if (!options.functions) await functions.close();
    throw error;
  });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await front.close();
      if (!options.functions) await functions.close();
      flushWriters();
    })());

  return { url: front.url, host: front.host, port: front.port, routes, attachLines: functions.attachLines, close };
}

/** Builds and starts the given functions of the template with the local API's options (one place for the defaults). */
export function startFunctionsFor(
  options: LocalApiOptions,
  where: Pick<
    Parameters<typeof startLocalFunctions>[0],
    'loaded' | 'functionIds' | 'parameters' | 'log' | 'functionOutput'
  >,
): ReturnType<typeof startLocalFunctions> {
  return startLocalFunctions({
    ...where,
    ...(options.envVars ? { envVars: options.envVars } : {}),
    ...(options.prettyLogs ? { prettyLogs: true } : {}),
    ...(options.buildDir ? { buildDir: options.buildDir } : {}),
    maxEnvironments: options.maxEnvironments ?? 1,
    watch: options.watch ?? false,
    typeCheck: options.typeCheck ?? false,
    sourceMaps: options.sourceMaps ?? true,
    ...(options.inspector ? { inspector: options.inspector } : {}),
  });
}
