// What start-api serves from a template, read once: the REST API routes, the HTTP API routes, and how they share
// one port. Where a REST route and an HTTP API route could claim the same request, the rule is (and start-up says
// so): a path under a stage prefix belongs to the API of that stage; a path an HTTP API on its $default stage routes
// belongs to it (it is that API's deployed URL); a REST route is served at its resource path without its stage (as
// `sam local` serves it) only where no HTTP API route matches. A REST stage and an HTTP API stage of the same name
// cannot share the prefix: start-up stops, naming both.
import { routesFromTemplate, type Route } from '../api-gateway/routes';
import { DEFAULT_STAGE } from '../http-api/apis';
import { functionUrlsFromTemplate, type FunctionUrl } from '../function-url/urls';
import { httpRoutesFromTemplate, type HttpRoute } from '../http-api/routes';
import type { LoadedTemplate } from '../template/template';

export interface ServedSources {
  restRoutes: Route[];
  httpRoutes: HttpRoute[];
  /** Function URLs, each served on a port of its own. */
  functionUrls: FunctionUrl[];
  /** Start-up lines: what is shadowed, what the template has that is not served. */
  notes: string[];
}

export function servedSources(loaded: LoadedTemplate, parameters: Record<string, string>): ServedSources {
  const restRoutes = routesFromTemplate(loaded, parameters);
  const httpRoutes = httpRoutesFromTemplate(loaded, parameters);
  const functionUrls = functionUrlsFromTemplate(loaded, parameters);
  const restStages = new Map(restRoutes.map((route) => [route.api.stage, route.api.logicalId]));
  for (const route of httpRoutes) {
    const rest = restStages.get(route.api.stage);
    if (rest !== undefined) {
      throw new Error(
        `REST API ${rest} and HTTP API ${route.api.logicalId} both have a stage named ${route.api.stage}: locally ` +
          `they share one port, so /${route.api.stage}/… cannot tell them apart. Rename one of the stages.`,
      );
    }
  }
  const notes: string[] = [];
  if (restRoutes.length > 0 && httpRoutes.some((route) => route.api.stage === DEFAULT_STAGE)) {
    notes.push(
      'REST and HTTP API routes share this port: paths under a REST stage (/' +
        [...restStages.keys()].join(', /') +
        ') go to the REST API; any other path goes to the HTTP API on its $default stage when one of its routes ' +
        'matches, else to a REST route at its resource path.',
    );
  }
  for (const url of functionUrls) {
    if (url.invokeMode === 'RESPONSE_STREAM') {
      notes.push(
        `${url.functionId}'s function URL has InvokeMode RESPONSE_STREAM: it is served buffered (a streamed ` +
          'response is sent whole once the function has ended)',
      );
    }
  }
  return { restRoutes, httpRoutes, functionUrls, notes };
}
