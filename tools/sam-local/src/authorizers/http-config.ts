/**
 * An HTTP API's authorization as SAM's `AWS::Serverless::HttpApi` `Auth` declares it, read into plain data once:
 * Lambda authorizers (`FunctionArn`, `AuthorizerPayloadFormatVersion`, `EnableSimpleResponses`, `Identity`), JWT
 * authorizers (`JwtConfiguration` issuer and audience, `IdentitySource`), `DefaultAuthorizer`, and each route's
 * `Auth` (`Authorizer`, `NONE`, `AuthorizationScopes`). Names and defaults are SAM's
 * (docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-httpapi-httpapiauth.html,
 * sam-property-httpapi-lambdaauthorizer.html, sam-property-httpapi-oauth2authorizer.html; aws-sam-translator
 * 1.110.0 model/apigatewayv2.py and model/api/http_api_generator.py).
 */
import { withGlobal } from '../template/globals';
import { resolveLocalValue } from '../template/parameters';
import type { Template } from '../template/template';
import { functionIdOfArn } from './function-arn';
import type { IdentitySource } from './identity-sources';
import { readJwtAuthorizer, type JwtHttpAuthorizer } from './http-jwt-config';
import { templateText } from '../template/template-text';

export type { JwtHttpAuthorizer };

export interface LambdaHttpAuthorizer {
  type: 'lambda';
  name: string;
  functionId: string;
  payloadVersion: '1.0' | '2.0';
  /** EnableSimpleResponses (2.0 only): `{isAuthorized, context}` instead of an IAM policy. */
  simpleResponses: boolean;
  identitySources: IdentitySource[];
  /** ReauthorizeEvery; 0 (caching off) when not set: SAM then writes no authorizerResultTtlInSeconds. */
  ttlSeconds: number;
}

export type HttpAuthorizer = LambdaHttpAuthorizer | JwtHttpAuthorizer;

export interface HttpApiAuth {
  authorizers: Record<string, HttpAuthorizer>;
  defaultAuthorizer?: string;
}

export interface HttpRouteAuth {
  authorizer: HttpAuthorizer | 'iam' | null;
  /** AuthorizationScopes (JWT): the token must grant one of them. */
  scopes: string[];
}

type Props = Record<string, unknown>;

/** The HTTP API's `Auth`, with Globals.HttpApi.Auth applied. */
export function readHttpApiAuth(template: Template, apiId: string, parameters: Record<string, string>): HttpApiAuth {
  const resource = template.Resources[apiId];
  const globals = (template.Globals?.HttpApi as Props | undefined)?.Auth;
  const auth = withGlobal(globals, resource?.Properties?.Auth) as Props | undefined;
  if (!auth) return { authorizers: {} };
  const declared = (auth.Authorizers ?? {}) as Record<string, Props>;
  const authorizers = Object.fromEntries(
    Object.entries(declared).map(([name, props]) => [name, readAuthorizer(template, apiId, name, props, parameters)]),
  );
  const defaultAuthorizer = auth.DefaultAuthorizer === undefined ? undefined : templateText(auth.DefaultAuthorizer);
  if (defaultAuthorizer !== undefined && defaultAuthorizer !== 'AWS_IAM' && !(defaultAuthorizer in authorizers)) {
    throw new Error(
      `HTTP API ${apiId}: Unable to set DefaultAuthorizer because '${defaultAuthorizer}' was not defined in 'Authorizers'.`,
    );
  }
  return { authorizers, ...(defaultAuthorizer === undefined ? {} : { defaultAuthorizer }) };
}

function readAuthorizer(
  template: Template,
  apiId: string,
  name: string,
  props: Props,
  parameters: Record<string, string>,
): HttpAuthorizer {
  const resolve = (value: unknown): string | undefined => resolveLocalValue(template, value, parameters);
  if (props.JwtConfiguration !== undefined) {
    const jwt = props.JwtConfiguration as Props;
    // SAM accepts the keys in either case (http_api_generator lower-cases them).
    const lower = Object.fromEntries(Object.entries(jwt).map(([key, value]) => [key.toLowerCase(), value]));
    const scopes = Array.isArray(props.AuthorizationScopes)
      ? (props.AuthorizationScopes as unknown[]).map(templateText)
      : [];
    return readJwtAuthorizer(
      template,
      `HTTP API ${apiId}: JWT authorizer ${name}`,
      name,
      { issuer: lower.issuer, audience: lower.audience, identitySource: props.IdentitySource, scopes },
      parameters,
    );
  }
  if (props.FunctionArn === undefined) {
    throw new Error(`HTTP API ${apiId}: authorizer ${name} has neither FunctionArn nor JwtConfiguration`);
  }
  const functionId = functionIdOfArn(template, props.FunctionArn, parameters);
  if (!functionId) {
    throw new Error(
      `HTTP API ${apiId}: authorizer ${name}'s FunctionArn does not name a function of this template ` +
        `(write it as !GetAtt <FunctionLogicalId>.Arn); a function deployed elsewhere cannot run locally`,
    );
  }
  // YAML reads an unquoted 1.0 as the number 1.
  const rawVersion = props.AuthorizerPayloadFormatVersion;
  const version = typeof rawVersion === 'number' ? rawVersion.toFixed(1) : resolve(rawVersion);
  if (version !== '1.0' && version !== '2.0') {
    // SAM: "<name> Lambda Authorizer must define 'AuthorizerPayloadFormatVersion'." (model/apigatewayv2.py).
    throw new Error(
      `HTTP API ${apiId}: ${name} Lambda Authorizer must define 'AuthorizerPayloadFormatVersion' (1.0 or 2.0).`,
    );
  }
  const identity = (props.Identity ?? {}) as Props;
  const list = (key: string): string[] =>
    (Array.isArray(identity[key]) ? (identity[key] as unknown[]) : []).map((value) => resolve(value) ?? '');
  return {
    type: 'lambda',
    name,
    functionId,
    payloadVersion: version,
    simpleResponses: props.EnableSimpleResponses === true,
    identitySources: [
      ...list('Headers').map((headerName) => ({ kind: 'header' as const, name: headerName })),
      ...list('QueryStrings').map((query) => ({ kind: 'query' as const, name: query })),
      ...list('StageVariables').map((variable) => ({ kind: 'stageVariable' as const, name: variable })),
      ...list('Context').map((context) => ({ kind: 'context' as const, name: context })),
    ],
    ttlSeconds: identity.ReauthorizeEvery === undefined ? 0 : Number(identity.ReauthorizeEvery),
  };
}

/** A route's protection: its own `Auth.Authorizer` (`NONE` for none) or else the API's DefaultAuthorizer. */
export function httpRouteAuthOf(apiAuth: HttpApiAuth, eventAuth: unknown, where: string): HttpRouteAuth {
  const own = (typeof eventAuth === 'object' && eventAuth !== null ? eventAuth : {}) as Props;
  const name = own.Authorizer === undefined ? apiAuth.defaultAuthorizer : templateText(own.Authorizer);
  const scopes = Array.isArray(own.AuthorizationScopes) ? (own.AuthorizationScopes as unknown[]).map(templateText) : [];
  if (name === undefined || name === 'NONE') return { authorizer: null, scopes: [] };
  if (name === 'AWS_IAM') return { authorizer: 'iam', scopes: [] };
  const authorizer = apiAuth.authorizers[name];
  if (!authorizer) {
    throw new Error(
      `${where}: Unable to set Authorizer [${name}] on the route because it wasn't defined in the API's Authorizers.`,
    );
  }
  // A route without AuthorizationScopes of its own takes its JWT authorizer's (aws-sam-translator 1.110.0,
  // samtranslator/open_api/open_api.py, _set_method_authorizer and _get_authorization_scopes).
  const inherited = scopes.length === 0 && authorizer.type === 'jwt' ? (authorizer.scopes ?? []) : scopes;
  return { authorizer, scopes: inherited };
}

/** The start-up line's words for what protects an HTTP API route: ` authorizer Jwt, scopes orders/read`, or ''. */
export function describeHttpRouteAuth(auth: HttpRouteAuth): string {
  if (auth.authorizer === null) return '';
  if (auth.authorizer === 'iam') return ', AWS_IAM';
  const scopes = auth.scopes.length > 0 ? `, scopes ${auth.scopes.join(' ')}` : '';
  return `, authorizer ${auth.authorizer.name}${scopes}`;
}
