// `start-api`: the template's event sources served over one Lambda runtime. The REST APIs (src/api-gateway/) share
// one port; each source runs the same pipeline (route → authorize → integrate → respond, src/pipeline/) behind the
// same HTTP front (src/http/front.ts).
import { readEnvVarsFile, type EnvVarsFile } from '../lambda/env-vars-file';
import type { InspectorOptions } from '../lambda/inspector';
import { startLocalFunctions, type LocalFunctions } from '../lambda/local-functions';
import { loadTemplate, type LoadedTemplate } from '../template/template';
import { templateLines } from '../template/template-lines';
import { resolveRegion } from '../lambda/region';
import { restApiSource, MAX_BODY_BYTES } from '../api-gateway/rest-source';
import type { Route } from '../api-gateway/routes';
import { planAuthorizers } from '../authorizers/plan';
import { functionUrlSource } from '../function-url/source';
import type { AuthType, FunctionUrl } from '../function-url/urls';
import { httpApiSource } from '../http-api/source';
import { DEFAULT_STAGE } from '../http-api/apis';
import type { HttpRoute } from '../http-api/routes';
import type { EventSource } from '../pipeline/event-source';
import { startFront, type Front, type FrontHandler } from './front';
import type { JSONWebKeySet } from 'jose';
import { lineWriter } from './line-writer';
import { printableLog } from './printable';
import { startReloading } from './reload';
import { servedSources, type ServedSources } from './served-sources';
import { sourcesHandler } from './sources-handler';
import { nothingToServe, unservedParts } from './template-survey';

export { MAX_BODY_BYTES };

export interface LocalApiOptions {
  /** Default: template.yaml in the current directory. */
  templatePath?: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 3000; 0 picks a free port. */
  port?: number;
  /**
   * The first function URL's port; each further one gets the next port, in the order of their functions' logical
   * ids. Default 3010, or 0 (free ports) when `port` is 0.
   */
  functionUrlPort?: number;
  /**
   * Rebuild on source changes and serve the new code on the next request; reload the template and the env-vars file
   * when they change (new routes, removed routes, new variables), without a restart.
   */
  watch?: boolean;
  envVars?: EnvVarsFile;
  /** The --env-vars file envVars came from: with watch, an edit of it restarts the functions with its new values. */
  envVarsPath?: string;
  /** Template parameter values instead of their defaults (sam local's --parameter-overrides). */
  parameterOverrides?: Record<string, string>;
  /** The functions' region (AWS_REGION, AWS::Region); default: as resolveRegion() finds it (shell, AWS profile). */
  region?: string;
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
  /** The issuer and audiences of JWT authorizers whose own cannot be known locally (--jwt-issuer, --jwt-audience). */
  jwtIssuer?: string;
  jwtAudiences?: string[];
}

export interface LocalApi {
  url: string;
  host: string;
  port: number;
  // The members below describe what is served now: with watch, they change when the template is edited.
  /** The REST API routes. */
  readonly routes: Route[];
  /** The HTTP API routes. */
  readonly httpRoutes: HttpRoute[];
  /** One line per route, with its URL, for the terminal. */
  readonly routeLines: string[];
  /** Each function URL and where it is served. */
  readonly functionUrls: Array<{ functionId: string; authType: AuthType; url: string }>;
  /** Start-up notes: how REST and HTTP APIs share the port, what the template has that is not served. */
  readonly notes: string[];
  /** Where to attach a debugger, one line per function (empty without an inspector). */
  readonly attachLines: string[];
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
  const parameters = options.parameterOverrides ?? {};
  // Read at start, and again after each edit of the template or the env-vars file (reload.ts).
  let readings = 0;
  const assemble = async (): Promise<Served> => {
    const loaded = loadTemplateFor(options);
    const envVars = readings > 0 && options.envVarsPath ? readEnvVarsFile(options.envVarsPath) : options.envVars;
    readings += 1;
    const served = servedSources(loaded, parameters);
    const routes = served.restRoutes;
    const { httpRoutes, functionUrls } = served;
    if (routes.length === 0 && httpRoutes.length === 0 && functionUrls.length === 0) {
      throw new Error(nothingToServe(loaded));
    }
    const authorizerPlan = planAuthorizers(loaded, parameters, {
      ...(options.jwks ? { jwks: options.jwks } : {}),
      ...(options.apiKeys ? { apiKeys: options.apiKeys } : {}),
      ...(options.jwtIssuer ? { jwtIssuer: options.jwtIssuer } : {}),
      ...(options.jwtAudiences ? { jwtAudiences: options.jwtAudiences } : {}),
    });
    const functions =
      options.functions ??
      (await startFunctionsFor(
        { ...options, ...(envVars ? { envVars } : {}) },
        {
          loaded,
          functionIds: [
            ...new Set([
              ...routes.map((route) => route.functionId),
              ...httpRoutes.map((route) => route.functionId),
              ...functionUrls.map((url) => url.functionId),
              ...authorizerPlan.functionIds,
            ]),
          ],
          parameters,
          log,
          functionOutput,
        },
      ));
    const authorizers = authorizerPlan.create({ functions, log });
    const rest = routes.length > 0 ? [restApiSource({ routes, functions, authorizer: authorizers.restApi, log })] : [];
    const http =
      httpRoutes.length > 0
        ? [httpApiSource({ routes: httpRoutes, functions, authorizer: authorizers.httpApi, log })]
        : [];
    // The first source answers what no source routes: the HTTP API when it serves the $default stage (its deployed
    // URL has no prefix) or when there is no REST API.
    const httpFirst = httpRoutes.some((route) => route.api.stage === DEFAULT_STAGE) || routes.length === 0;
    const sources: EventSource[] = httpFirst ? [...http, ...rest] : [...rest, ...http];
    const urlSources = functionUrls.map((url) =>
      functionUrlSource({ url, functions, authorizer: authorizers.functionUrl, log }),
    );
    return {
      loaded,
      served,
      functions,
      apiSources: [...rest, ...http],
      apiHandler: sources.length > 0 ? sourcesHandler(sources, log) : undefined,
      urlSources,
      urlHandlers: urlSources.map((source) => sourcesHandler([source], log)),
    };
  };
  // Functions shared with the Invoke API (--lambda-port) are not rebuilt here: edits then need a restart.
  if (options.watch && options.functions)
    log('With --lambda-port, edits to the template or env-vars file need a restart');
  const table = await startReloading<Served>({
    assemble,
    needsRestart: (current, next) =>
      Boolean(current.apiHandler) !== Boolean(next.apiHandler) ||
      portsOf(current.served.functionUrls) !== portsOf(next.served.functionUrls)
        ? 'the ports it needs changed (an API or a function URL added or removed): restart start-api'
        : undefined,
    describe: ({ served }) =>
      `routes: ${[
        ...served.restRoutes.map(
          (route) => `${route.method} /${route.api.stage}${route.resourcePath} → ${route.functionId}`,
        ),
        ...served.httpRoutes.map((route) => `${route.routeKey} → ${route.functionId}`),
        ...served.functionUrls.map((url) => `function URL → ${url.functionId}`),
      ].join(', ')}`,
    files:
      options.watch && !options.functions
        ? [options.templatePath ?? 'template.yaml', ...(options.envVarsPath ? [options.envVarsPath] : [])]
        : [],
    ownsFunctions: !options.functions,
    log,
  });
  const first = table.current();

  const host = options.host;
  const fronts: Front[] = [];
  try {
    // The APIs' port (REST and HTTP APIs together), when the template has an API.
    if (first.apiHandler) {
      fronts.push(
        await startFront({
          name: 'Local API',
          ...(host ? { host } : {}),
          port: options.port ?? 3000,
          ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
          log,
          ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
          handler: table.handlerOf((served) => served.apiHandler!),
        }),
      );
    }
    // Each function URL on a port of its own, as each has its own host name on AWS.
    const firstUrlPort = options.functionUrlPort ?? (options.port === 0 ? 0 : 3010);
    for (const [index, url] of first.served.functionUrls.entries()) {
      fronts.push(
        await startFront({
          name: `Function URL of ${url.functionId}`,
          ...(host ? { host } : {}),
          port: firstUrlPort === 0 ? 0 : firstUrlPort + index,
          ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
          log,
          ...(options.allowedHosts ? { allowedHosts: options.allowedHosts } : {}),
          handler: table.handlerOf((served) => served.urlHandlers[index]!),
        }),
      );
    }
  } catch (error) {
    // Not listening (e.g. EADDRINUSE): stop what was started here, so the caller is left with nothing running.
    await Promise.all(fronts.map((started) => started.close()));
    await table.close();
    throw error;
  }
  const apiFront = first.apiHandler ? fronts[0] : undefined;
  const urlFronts = apiFront ? fronts.slice(1) : fronts;
  const front = apiFront ?? fronts[0]!;

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await Promise.all(fronts.map((started) => started.close()));
      await table.close();
      flushWriters();
    })());

  // What is served now: these change when the template is edited (with watch).
  const now = table.current;
  return {
    url: front.url,
    host: front.host,
    port: front.port,
    get routes() {
      return now().served.restRoutes;
    },
    get httpRoutes() {
      return now().served.httpRoutes;
    },
    get routeLines() {
      return [
        ...(apiFront ? now().apiSources.flatMap((source) => source.describeRoutes(apiFront.url)) : []),
        ...now().urlSources.flatMap((source, index) => source.describeRoutes(urlFronts[index]!.url)),
      ];
    },
    get functionUrls() {
      return now().served.functionUrls.map((url, index) => ({
        functionId: url.functionId,
        authType: url.authType,
        url: urlFronts[index]!.url,
      }));
    },
    get notes() {
      return [...now().served.notes, ...unservedParts(now().loaded), ...templateLines(now().loaded)];
    },
    get attachLines() {
      return now().functions.attachLines;
    },
    close,
  };
}

/** One reading of the template: what the fronts serve, through the reloading table. */
interface Served {
  loaded: LoadedTemplate;
  served: ServedSources;
  functions: LocalFunctions;
  apiSources: EventSource[];
  apiHandler: FrontHandler | undefined;
  urlSources: EventSource[];
  urlHandlers: FrontHandler[];
}

function portsOf(urls: FunctionUrl[]): string {
  return urls.map((url) => url.functionId).join(',');
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

/** The template of these options, resolved once with their parameter overrides and region. */
export function loadTemplateFor(options: LocalApiOptions): LoadedTemplate {
  return loadTemplate(options.templatePath ?? 'template.yaml', {
    ...(options.parameterOverrides ? { parameterOverrides: options.parameterOverrides } : {}),
    region: options.region ?? resolveRegion(undefined).region,
  });
}
