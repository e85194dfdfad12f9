// Tokens for the Cognito and JWT authorizer tests, signed with a key pair made for the test run (jose), and the
// JSON Web Key Set that verifies them: what an issuer's /.well-known/jwks.json would serve.
import { exportJWK, generateKeyPair, SignJWT, type JSONWebKeySet, type JWTPayload, type KeyLike } from 'jose';

export interface TokenIssuer {
  jwks: JSONWebKeySet;
  /** A signed token with these claims (exp one hour ahead and iat now unless given). */
  sign: (claims: JWTPayload, options?: { alg?: string; kid?: string }) => Promise<string>;
}

export async function tokenIssuer(kid = 'test-key-1'): Promise<TokenIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = await exportJWK(publicKey);
  return {
    jwks: { keys: [{ ...jwk, kid, alg: 'RS256', use: 'sig' }] },
    sign: (claims, options = {}) => signWith(privateKey, claims, options.alg ?? 'RS256', options.kid ?? kid),
  };
}

function signWith(key: KeyLike, claims: JWTPayload, alg: string, kid: string): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iat: now, exp: now + 3600, ...claims }).setProtectedHeader({ alg, kid }).sign(key);
}
