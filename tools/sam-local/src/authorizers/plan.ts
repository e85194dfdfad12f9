// Which authorizers the template's routes use, and the authorizer step each event source runs (see
// src/pipeline/authorize.ts). The plan is made from the template before the functions start, so that the
// authorizers' own functions are built and run with the others; the steps are created once they run.
import type { RouteMatch } from '../api-gateway/routes';
import { authTypeCheck, type FunctionUrlMatch } from '../function-url/auth-type';
import type { HttpRouteMatch } from '../http-api/routes';
import type { LocalFunctions } from '../lambda/local-functions';
import { allowAll, type Authorizer } from '../pipeline/authorize';
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

/** Today: no API authorizer is emulated (every API request goes on to its integration); function URLs check AuthType. */
export function planAuthorizers(_loaded: LoadedTemplate, _parameters: Record<string, string>): AuthorizerPlan {
  return {
    functionIds: [],
    create: () => ({ restApi: allowAll(), httpApi: allowAll(), functionUrl: authTypeCheck() }),
  };
}
