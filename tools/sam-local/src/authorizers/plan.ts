// Which authorizers the template's routes use, and the authorizer step each event source runs (see
// src/pipeline/authorize.ts). The plan is made from the template before the functions start, so that the
// authorizers' own functions are built and run with the others; the steps are created once they run.
import type { JSONWebKeySet } from 'jose';
import { authorizerFunctionOf, restAuthorizer } from '../api-gateway/rest-authorization';
import { routesFromTemplate, type RouteMatch } from '../api-gateway/routes';
import { authTypeCheck, type FunctionUrlMatch } from '../function-url/auth-type';
import type { HttpRouteMatch } from '../http-api/routes';
import type { LocalFunctions } from '../lambda/local-functions';
import { httpApiAuthorizer, httpAuthorizerFunctionOf } from '../http-api/authorization';
import { httpRoutesFromTemplate } from '../http-api/routes';
import type { Authorizer } from '../pipeline/authorize';
import { DEFAULT_REGION } from '../template/symbols';
import type { LoadedTemplate } from '../template/template';

/** The authorizer step of each event source. */
export interface AuthorizerSet {
  restApi: Authorizer<RouteMatch>;
  httpApi: Authorizer<HttpRouteMatch>;
  /** A function URL's AuthType (AWS_IAM: a SigV4 signature must be present). */
  functionUrl: Authorizer<FunctionUrlMatch>;
}

export interface AuthorizerPlan {
  /** Functions the authorizers run (Lambda authorizers' FunctionArn), to be started with the routes' functions. */
  functionIds: string[];
  create: (deps: { functions: LocalFunctions; log: (line: string) => void }) => AuthorizerSet;
}

export interface AuthorizerSettings {
  /** Keys to verify JWT signatures with (--jwks); without them Cognito and JWT authorizers check claims only. */
  jwks?: JSONWebKeySet;
  /** The API keys routes with ApiKeyRequired accept (--api-key, SAM_LOCAL_API_KEYS); none: any non-empty key. */
  apiKeys?: string[];
  /** The issuer and audiences of JWT authorizers whose own cannot be known locally (--jwt-issuer, --jwt-audience). */
  jwtIssuer?: string;
  jwtAudiences?: string[];
}

/** REST APIs: Lambda, Cognito, AWS_IAM, API keys; HTTP APIs: Lambda, JWT, AWS_IAM; function URLs: AuthType. */
export function planAuthorizers(
  loaded: LoadedTemplate,
  parameters: Record<string, string>,
  settings: AuthorizerSettings = {},
): AuthorizerPlan {
  const restRoutes = routesFromTemplate(loaded, parameters);
  const httpRoutes = httpRoutesFromTemplate(loaded, parameters);
  return {
    functionIds: [
      ...new Set([...restRoutes.flatMap(authorizerFunctionOf), ...httpRoutes.flatMap(httpAuthorizerFunctionOf)]),
    ],
    create: ({ functions }) => ({
      restApi: restAuthorizer({ functions, region: loaded.region ?? DEFAULT_REGION, ...settings }),
      httpApi: httpApiAuthorizer({
        functions,
        region: loaded.region ?? DEFAULT_REGION,
        ...(settings.jwks ? { jwks: settings.jwks } : {}),
        ...(settings.jwtIssuer ? { jwtIssuer: settings.jwtIssuer } : {}),
        ...(settings.jwtAudiences ? { jwtAudiences: settings.jwtAudiences } : {}),
      }),
      functionUrl: authTypeCheck(),
    }),
  };
}
