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
  notes.push(...sharedRestRouteNotes(restRoutes));
  notes.push(...unknownJwtSettings(httpRoutes));
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

/**
 * Routes of different REST APIs with the same method and resource path: on AWS each API has a host of its own; here
 * they share one port, the same stage name (SAM's default, Prod, is common to all) and one path, and the first in
 * the template answers, as in sam local, whose route table also keeps them all and serves the first (SAM CLI
 * samcli/lib/providers/api_collector.py). One line names each such path.
 */
function sharedRestRouteNotes(routes: Route[]): string[] {
  const byKey = new Map<string, Route[]>();
  for (const route of routes) {
    const key = `${route.method} /${route.api.stage}${route.resourcePath}`;
    byKey.set(key, [...(byKey.get(key) ?? []), route]);
  }
  return [...byKey.values()]
    .filter((same) => new Set(same.map((route) => route.api.logicalId)).size > 1)
    .map((same) => {
      const [first] = same;
      const apis = [...new Set(same.map((route) => route.api.logicalId))];
      return (
        `${first!.method} ${first!.resourcePath} is a route of ${apis.join(' and ')} (stage ${first!.api.stage}); ` +
        `locally they share one port: ${first!.api.logicalId}'s (${first!.functionId}) answers`
      );
    });
}

// A JWT authorizer's issuer or audience that only the deployed stack knows: said once per authorizer, with what is
// checked instead (http-authorize.ts).
function unknownJwtSettings(routes: HttpRoute[]): string[] {
  const notes = new Map<string, string>();
  for (const route of routes) {
    const { authorizer } = route.auth;
    if (authorizer === null || authorizer === 'iam' || authorizer.type !== 'jwt' || !authorizer.unresolved?.length)
      continue;
    const instead = [
      ...(authorizer.issuer === undefined ? ['any issuer is accepted unless --jwt-issuer gives it'] : []),
      ...(authorizer.audiences === undefined ? ['the audience is not checked unless --jwt-audience gives it'] : []),
    ];
    notes.set(
      `${route.api.logicalId} ${authorizer.name}`,
      `HTTP API ${route.api.logicalId}: JWT authorizer ${authorizer.name}: its ${authorizer.unresolved.join(' and ')} ` +
        `cannot be known locally (only the deployed stack knows it): ${instead.join('; ')}. The token's form, ` +
        'exp/nbf/iat and scopes are checked, and its signature with --jwks.',
    );
  }
  return [...notes.values()];
}
