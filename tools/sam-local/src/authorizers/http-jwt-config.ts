/**
 * A JWT authorizer of an HTTP API read into plain data, from whichever declaration names it: SAM's
 * `JwtConfiguration` (http-config.ts), an AWS::ApiGatewayV2::Authorizer of type JWT (http-cfn-authorizers.ts).
 * Issuer and audience as API Gateway checks them (docs.aws.amazon.com/apigateway/latest/developerguide/
 * http-api-jwt-authorizer.html); jwt.ts and http-authorize.ts check a token against this.
 */
import { resolveLocalValue } from '../template/parameters';
import { shortForm, standInOf } from '../template/resolve-template';
import type { Template } from '../template/template';
import { parseHttpIdentitySource, type IdentitySource } from './identity-sources';

export interface JwtHttpAuthorizer {
  type: 'jwt';
  name: string;
  /** Undefined when only the deployed stack knows it (e.g. !GetAtt Stack.Outputs.Issuer): see `unresolved`. */
  issuer: string | undefined;
  /** Undefined when one of them only the deployed stack knows. */
  audiences: string[] | undefined;
  identitySource: IdentitySource;
  /** What of JwtConfiguration cannot be known locally, as written (`issuer !GetAtt AuthStack.Outputs.Issuer`). */
  unresolved?: string[];
  /** The authorizer's own AuthorizationScopes: the scopes of a route that names none. */
  scopes?: string[];
}

/** A JWT authorizer's settings as written: SAM's JwtConfiguration, CloudFormation's, or an OpenAPI extension's. */
export interface JwtDeclaration {
  issuer: unknown;
  /** One value or a list. */
  audience: unknown;
  /** `$request.header.Authorization` when absent (SAM's and the console's default). */
  identitySource: unknown;
  scopes: string[];
}

/**
 * A JWT authorizer. A value only the deployed stack knows (a nested stack's output, an import) does not stop the
 * API: it is named at start-up, and the token's issuer or audience is then not checked unless --jwt-issuer or
 * --jwt-audience gives it (http-authorize.ts). `where` starts each error.
 */
export function readJwtAuthorizer(
  template: Template,
  where: string,
  name: string,
  declared: JwtDeclaration,
  parameters: Record<string, string>,
): JwtHttpAuthorizer {
  const resolve = (value: unknown): string | undefined => resolveLocalValue(template, value, parameters);
  // A value that resolves only to sam local's stand-in (`!Ref UserPoolClient` → "UserPoolClient") is not known either.
  const known = (value: unknown): string | undefined => {
    const text = resolve(value);
    return text === undefined || standInOf(template, text) !== undefined ? undefined : text;
  };
  const writtenAs = (value: unknown): string =>
    typeof value === 'string' ? (standInOf(template, value) ?? value) : shortForm(value);
  if (declared.issuer === undefined) throw new Error(`${where}: its JwtConfiguration has no issuer`);
  const unresolved: string[] = [];
  const issuer = known(declared.issuer);
  if (!issuer) unresolved.push(`issuer ${writtenAs(declared.issuer)}`);
  const { audience } = declared;
  const written = Array.isArray(audience) ? (audience as unknown[]) : audience === undefined ? [] : [audience];
  const knownAudiences: string[] = [];
  const unknownAudiences: string[] = [];
  for (const value of written) {
    const text = known(value);
    if (text === undefined) unknownAudiences.push(writtenAs(value));
    else knownAudiences.push(text);
  }
  if (unknownAudiences.length > 0) unresolved.push(`audience ${unknownAudiences.join(', ')}`);
  const audiences = unknownAudiences.length > 0 ? undefined : knownAudiences;
  const sourceText = resolve(declared.identitySource) ?? '$request.header.Authorization';
  const identitySource = parseHttpIdentitySource(sourceText);
  if (!identitySource) throw new Error(`${where}: IdentitySource ${sourceText} is not an identity source`);
  return {
    type: 'jwt',
    name,
    issuer,
    audiences,
    identitySource,
    ...(unresolved.length > 0 ? { unresolved } : {}),
    ...(declared.scopes.length > 0 ? { scopes: declared.scopes } : {}),
  };
}
