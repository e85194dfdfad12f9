/**
 * A REST API's authorization as SAM's `Auth` property declares it, read into plain data once: the API's
 * authorizers (`Auth.Authorizers`), its `DefaultAuthorizer` and `ApiKeyRequired`, and each route's own `Auth`
 * (`Authorizer`, including `NONE`, `ApiKeyRequired`, `AuthorizationScopes`). Property names and defaults are SAM's
 * (docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html,
 * sam-property-api-lambdatokenauthorizer.html, sam-property-api-lambdarequestauthorizer.html,
 * sam-property-api-cognitoauthorizer.html, sam-property-function-apifunctionauth.html).
 */
import { withGlobal } from '../template/globals';
import { resolveLocalValue } from '../template/parameters';
import type { Template } from '../template/template';
import type { IdentitySource } from './identity-sources';
import { functionIdOfArn } from './function-arn';
import { templateText } from '../template/template-text';

/** ReauthorizeEvery's default (SAM: "Default: 300"). */
export const DEFAULT_TTL_SECONDS = 300;

export interface LambdaRestAuthorizer {
  type: 'lambda';
  name: string;
  functionId: string;
  payload: 'TOKEN' | 'REQUEST';
  identitySources: IdentitySource[];
  /** TOKEN only: a token that does not match is refused with 401 before the function runs. */
  validationExpression?: string;
  ttlSeconds: number;
}

export interface CognitoRestAuthorizer {
  type: 'cognito';
  name: string;
  /** The pools' ARNs as written; an ARN known only after deployment (`!GetAtt Pool.Arn`) is undefined. */
  userPoolArns: Array<string | undefined>;
  identitySources: IdentitySource[];
  validationExpression?: string;
  /** The authorizer's own AuthorizationScopes: a route's default. */
  scopes: string[];
}

export type RestAuthorizer = LambdaRestAuthorizer | CognitoRestAuthorizer;

export interface RestApiAuth {
  authorizers: Record<string, RestAuthorizer>;
  defaultAuthorizer?: string;
  apiKeyRequired: boolean;
}

/** What protects one route. `iam` is `AWS_IAM`: only whether the request is signed is checked locally. */
export interface RouteAuth {
  authorizer: RestAuthorizer | 'iam' | null;
  apiKeyRequired: boolean;
  /** AuthorizationScopes (Cognito): the access token must carry one of them. */
  scopes: string[];
}

/** No authorizer and no scopes: a route's protection is then only its API key requirement, if any. */
export const NO_AUTHORIZER: Omit<RouteAuth, 'apiKeyRequired'> = { authorizer: null, scopes: [] };

type Props = Record<string, unknown>;

/** The API's `Auth`, with Globals.Api.Auth applied (SAM applies Globals to implicit and explicit APIs alike). */
export function readRestApiAuth(template: Template, apiId: string, parameters: Record<string, string>): RestApiAuth {
  const auth = withGlobal(template.Globals?.Api?.Auth, template.Resources[apiId]?.Properties?.Auth) as
    Props | undefined;
  if (!auth) return { authorizers: {}, apiKeyRequired: false };
  const declared = (auth.Authorizers ?? {}) as Record<string, Props>;
  const authorizers = Object.fromEntries(
    Object.entries(declared).map(([name, props]) => [name, readAuthorizer(template, apiId, name, props, parameters)]),
  );
  const defaultAuthorizer = auth.DefaultAuthorizer === undefined ? undefined : templateText(auth.DefaultAuthorizer);
  if (defaultAuthorizer !== undefined && defaultAuthorizer !== 'AWS_IAM' && !(defaultAuthorizer in authorizers)) {
    throw new Error(
      `API ${apiId}: Unable to set DefaultAuthorizer because '${defaultAuthorizer}' was not defined in 'Authorizers'.`,
    );
  }
  return {
    authorizers,
    ...(defaultAuthorizer === undefined ? {} : { defaultAuthorizer }),
    apiKeyRequired: auth.ApiKeyRequired === true,
  };
}

function readAuthorizer(
  template: Template,
  apiId: string,
  name: string,
  props: Props,
  parameters: Record<string, string>,
): RestAuthorizer {
  const identity = (props.Identity ?? {}) as Props;
  const validation =
    identity.ValidationExpression === undefined
      ? {}
      : { validationExpression: resolveLocalValue(template, identity.ValidationExpression, parameters) ?? '' };
  const header = { kind: 'header' as const, name: templateText(identity.Header ?? 'Authorization') };
  if (props.UserPoolArn !== undefined) {
    const arns = Array.isArray(props.UserPoolArn) ? (props.UserPoolArn as unknown[]) : [props.UserPoolArn];
    return {
      type: 'cognito',
      name,
      userPoolArns: arns.map((arn) => resolveLocalValue(template, arn, parameters)),
      identitySources: [header],
      ...validation,
      scopes: stringList(props.AuthorizationScopes),
    };
  }
  if (props.FunctionArn === undefined) {
    throw new Error(`API ${apiId}: authorizer ${name} has neither FunctionArn nor UserPoolArn`);
  }
  const functionId = functionIdOfArn(template, props.FunctionArn, parameters);
  if (!functionId) {
    throw new Error(
      `API ${apiId}: authorizer ${name}'s FunctionArn does not name a function of this template ` +
        `(write it as !GetAtt <FunctionLogicalId>.Arn); a function deployed elsewhere cannot run locally`,
    );
  }
  const payload = templateText(props.FunctionPayloadType ?? 'TOKEN').toUpperCase();
  if (payload !== 'TOKEN' && payload !== 'REQUEST') {
    throw new Error(`API ${apiId}: authorizer ${name}: FunctionPayloadType must be TOKEN or REQUEST, not ${payload}`);
  }
  const ttl = identity.ReauthorizeEvery === undefined ? DEFAULT_TTL_SECONDS : Number(identity.ReauthorizeEvery);
  if (payload === 'TOKEN') {
    return { type: 'lambda', name, functionId, payload, identitySources: [header], ...validation, ttlSeconds: ttl };
  }
  return { type: 'lambda', name, functionId, payload, identitySources: requestSources(identity), ttlSeconds: ttl };
}

// A REQUEST authorizer's Identity lists its sources by kind (SAM's LambdaRequestAuthorizationIdentity).
function requestSources(identity: Props): IdentitySource[] {
  const list = (key: string): string[] => stringList(identity[key]);
  return [
    ...list('Headers').map((name) => ({ kind: 'header' as const, name })),
    ...list('QueryStrings').map((name) => ({ kind: 'query' as const, name })),
    ...list('StageVariables').map((name) => ({ kind: 'stageVariable' as const, name })),
    ...list('Context').map((name) => ({ kind: 'context' as const, name })),
  ];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? (value as unknown[]).map(templateText) : [];
}

// A template value as text: scalars as written, anything else (an intrinsic SAM would resolve) as its JSON, so an

/**
 * A route's protection: its own `Auth.Authorizer` (`NONE` for none) or else the API's DefaultAuthorizer; its own
 * `ApiKeyRequired` or else the API's. SAM stops on an authorizer name the API does not define, with this message
 * (aws-sam-translator, samtranslator/model/eventsources/push.py).
 */
export function routeAuthOf(
  apiAuth: RestApiAuth,
  eventAuth: unknown,
  where: { eventId: string; method: string; path: string },
): RouteAuth {
  const own = (typeof eventAuth === 'object' && eventAuth !== null ? eventAuth : {}) as Props;
  const name = own.Authorizer === undefined ? apiAuth.defaultAuthorizer : templateText(own.Authorizer);
  const apiKeyRequired = own.ApiKeyRequired === undefined ? apiAuth.apiKeyRequired : own.ApiKeyRequired === true;
  const ownScopes = own.AuthorizationScopes === undefined ? undefined : stringList(own.AuthorizationScopes);
  if (name === undefined || name === 'NONE') return { ...NO_AUTHORIZER, apiKeyRequired };
  if (name === 'AWS_IAM') return { authorizer: 'iam', apiKeyRequired, scopes: [] };
  const authorizer = apiAuth.authorizers[name];
  if (!authorizer) {
    throw new Error(
      `Event ${where.eventId}: Unable to set Authorizer [${name}] on API method [${where.method}] for path ` +
        `[${where.path}] because it wasn't defined in the API's Authorizers.`,
    );
  }
  const scopes = ownScopes ?? (authorizer.type === 'cognito' ? authorizer.scopes : []);
  return { authorizer, apiKeyRequired, scopes };
}

/** How a route is protected, for the start-up route list: ` (authorizer Token, API key)`, or empty. */
export function describeRouteAuth(auth: RouteAuth): string {
  const parts: string[] = [];
  if (auth.authorizer === 'iam') parts.push('AWS_IAM');
  else if (auth.authorizer) parts.push(`authorizer ${auth.authorizer.name}`);
  if (auth.apiKeyRequired) parts.push('API key');
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
}
