// Which authorizers the template's routes use, and the authorizer step each event source runs (see
// src/pipeline/authorize.ts). The plan is made from the template before the functions start, so that the
// authorizers' own functions are built and run with the others; the steps are created once they run.
import type { RouteMatch } from '../api-gateway/routes';
import type { LocalFunctions } from '../lambda/local-functions';
import { allowAll, type Authorizer } from '../pipeline/authorize';
import type { LoadedTemplate } from '../template/template';

/** The authorizer step of each event source. */
export interface AuthorizerSet {
  restApi: Authorizer<RouteMatch>;
}

export interface AuthorizerPlan {
  /** Functions the authorizers run (Lambda authorizers' FunctionArn), to be started with the routes' functions. */
  functionIds: string[];
  create: (deps: { functions: LocalFunctions; log: (line: string) => void }) => AuthorizerSet;
}

/** Today: no authorizer is emulated, every request goes on to its integration. */
export function planAuthorizers(_loaded: LoadedTemplate, _parameters: Record<string, string>): AuthorizerPlan {
  return { functionIds: [], create: () => ({ restApi: allowAll() }) };
}
