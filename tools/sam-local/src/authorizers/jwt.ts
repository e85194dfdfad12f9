/**
 * What a JWT authorizer (HTTP API) or a Cognito user pool authorizer (REST API) checks in a token, locally:
 * its form (three base64url parts, JSON header and claims, an RSA algorithm: "API Gateway supports only RSA-based
 * algorithms", docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html), `exp` (present
 * and in the future), `nbf` and `iat` (not in the future), the issuer, the audience (`aud` or `client_id`) and
 * Cognito's `token_use`, as that page lists them. The signature is checked only against keys the user gives
 * (`--jwks file.json`): offline, the issuer's own keys cannot be fetched. Decoding and signature checks are
 * jose's (npm `jose`), not hand-written: JWT parsing and RSA verification are easy to get subtly wrong.
 */
import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
} from 'jose';

export const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

export interface JwtExpectations {
  /** The issuer the token must name; a RegExp where only its shape is known locally. */
  issuer: string | RegExp;
  /** `aud` or `client_id` must be one of these; undefined skips the check (not known locally). */
  audiences?: string[];
  /** Cognito's token_use values the authorizer accepts. */
  tokenUse?: string[];
  /** Seconds since the epoch. */
  now: number;
  /** Keys to verify the signature with; without them the signature is not checked. */
  keys?: JSONWebKeySet;
}

export type JwtReading =
  { ok: true; claims: JWTPayload; signatureChecked: boolean } | { ok: false; reason: string; expired?: true };

export async function readJwt(token: string, expect: JwtExpectations): Promise<JwtReading> {
  let claims: JWTPayload;
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
    claims = decodeJwt(token);
  } catch (error) {
    return { ok: false, reason: `not a JWT (${(error as Error).message})` };
  }
  if (alg === undefined || !RSA_ALGORITHMS.includes(alg)) {
    return { ok: false, reason: `alg ${String(alg)} is not an RSA algorithm` };
  }
  if (typeof claims.exp !== 'number') return { ok: false, reason: 'no exp claim' };
  if (claims.exp <= expect.now) return { ok: false, reason: 'the token has expired', expired: true };
  if (typeof claims.nbf === 'number' && claims.nbf > expect.now) return { ok: false, reason: 'nbf is in the future' };
  if (typeof claims.iat === 'number' && claims.iat > expect.now) return { ok: false, reason: 'iat is in the future' };
  const issuerOk =
    typeof claims.iss === 'string' &&
    (typeof expect.issuer === 'string' ? claims.iss === expect.issuer : expect.issuer.test(claims.iss));
  if (!issuerOk)
    return { ok: false, reason: `iss ${JSON.stringify(claims.iss)} is not the issuer ${String(expect.issuer)}` };
  if (expect.audiences && !audienceMatches(claims, expect.audiences)) {
    return { ok: false, reason: `neither aud nor client_id is one of ${expect.audiences.join(', ')}` };
  }
  if (expect.tokenUse && !expect.tokenUse.includes(String(claims.token_use))) {
    return {
      ok: false,
      reason: `token_use ${JSON.stringify(claims.token_use)} is not ${expect.tokenUse.join(' or ')}`,
    };
  }
  if (!expect.keys) return { ok: true, claims, signatureChecked: false };
  try {
    await jwtVerify(token, createLocalJWKSet(expect.keys), {
      algorithms: RSA_ALGORITHMS,
      currentDate: new Date(expect.now * 1000),
    });
  } catch (error) {
    return { ok: false, reason: `signature not verified with the --jwks keys (${(error as Error).message})` };
  }
  return { ok: true, claims, signatureChecked: true };
}

function audienceMatches(claims: JWTPayload, audiences: string[]): boolean {
  const aud = claims.aud === undefined ? [] : Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  const clientId = typeof claims.client_id === 'string' ? [claims.client_id] : [];
  return [...aud, ...clientId].some((value) => audiences.includes(value));
}

/** The scopes a token grants: OAuth's space-separated `scope`, or `scp` as a list. */
export function scopesOf(claims: JWTPayload): string[] {
  if (typeof claims.scope === 'string') return claims.scope.split(' ').filter((scope) => scope.length > 0);
  if (Array.isArray(claims.scp)) return (claims.scp as unknown[]).map(String);
  return [];
}

/**
 * Claims as API Gateway hands them to the integration: every value a string, a list as `[a b]` (the form public
 * code reads `cognito:groups` in, e.g. `"[admin operator]"`; not recorded on AWS), an object as its JSON.
 */
export function claimsAsStrings(claims: JWTPayload): Record<string, string> {
  return Object.fromEntries(
    Object.entries(claims).map(([name, value]) => [
      name,
      Array.isArray(value)
        ? `[${(value as unknown[]).map(String).join(' ')}]`
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value),
    ]),
  );
}
