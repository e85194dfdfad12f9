import { claimsAsStrings, readJwt, scopesOf, type JwtExpectations } from '../../src/authorizers/jwt';
import { tokenIssuer, type TokenIssuer } from '../helpers/jwt-tokens';

// Source: docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html ("Validating a JWT":
// kid and signature, RSA algorithms, iss, aud or client_id, exp, nbf, iat, scope/scp).
let issuer: TokenIssuer;
beforeAll(async () => {
  issuer = await tokenIssuer();
});

const ISS = 'https://issuer.example.com';
const NOW = Math.floor(Date.now() / 1000);
// Now, unless a test pins it: signing takes real time, so a token's iat may be a second past a constant.
const expect_ = (overrides: Partial<JwtExpectations> = {}): JwtExpectations => ({
  issuer: ISS,
  now: Math.floor(Date.now() / 1000),
  ...overrides,
});

describe('readJwt', () => {
  it('accepts a token of the issuer, unexpired, and says the signature was not checked without keys', async () => {
    const token = await issuer.sign({ iss: ISS, sub: 'u1' });
    const read = await readJwt(token, expect_());
    expect(read).toMatchObject({ ok: true, signatureChecked: false, claims: { iss: ISS, sub: 'u1' } });
  });

  it('checks the signature with the given keys', async () => {
    const token = await issuer.sign({ iss: ISS });
    expect(await readJwt(token, expect_({ keys: issuer.jwks }))).toMatchObject({ ok: true, signatureChecked: true });
    const stranger = await tokenIssuer('test-key-1');
    const forged = await stranger.sign({ iss: ISS });
    const read = await readJwt(forged, expect_({ keys: issuer.jwks }));
    expect(read).toMatchObject({ ok: false });
    expect(read.ok ? '' : read.reason).toMatch(/^signature not verified with the --jwks keys \(/);
  });

  it('refuses what is not a JWT, or not signed with an RSA algorithm', async () => {
    expect(await readJwt('not-a-jwt', expect_({ now: NOW }))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^not a JWT \(/) as string,
    });
    const header = Buffer.from(JSON.stringify({ alg: 'HS256' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ iss: ISS, exp: NOW + 60 })).toString('base64url');
    expect(await readJwt(`${header}.${body}.sig`, expect_({ now: NOW }))).toEqual({
      ok: false,
      reason: 'alg HS256 is not an RSA algorithm',
    });
    const noAlg = Buffer.from(JSON.stringify({ typ: 'JWT' })).toString('base64url');
    expect(await readJwt(`${noAlg}.${body}.sig`, expect_({ now: NOW }))).toEqual({
      ok: false,
      reason: 'alg undefined is not an RSA algorithm',
    });
  });

  it('accepts RS384 and RS512 too', async () => {
    const header = (alg: string) => Buffer.from(JSON.stringify({ alg })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ iss: ISS, exp: NOW + 60 })).toString('base64url');
    expect((await readJwt(`${header('RS384')}.${body}.sig`, expect_({ now: NOW }))).ok).toBe(true);
    expect((await readJwt(`${header('RS512')}.${body}.sig`, expect_({ now: NOW }))).ok).toBe(true);
  });

  it('refuses a token without exp, expired (exp now or past), not yet valid (nbf) or issued in the future (iat)', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url');
    const unsigned = (claims: object) => `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;
    expect(await readJwt(unsigned({ iss: ISS }), expect_({ now: NOW }))).toEqual({ ok: false, reason: 'no exp claim' });
    expect(await readJwt(unsigned({ iss: ISS, exp: NOW }), expect_({ now: NOW }))).toEqual({
      ok: false,
      reason: 'the token has expired',
      expired: true,
    });
    expect(await readJwt(unsigned({ iss: ISS, exp: NOW + 60, nbf: NOW + 1 }), expect_({ now: NOW }))).toEqual({
      ok: false,
      reason: 'nbf is in the future',
    });
    expect((await readJwt(unsigned({ iss: ISS, exp: NOW + 60, nbf: NOW }), expect_({ now: NOW }))).ok).toBe(true);
    expect(await readJwt(unsigned({ iss: ISS, exp: NOW + 60, iat: NOW + 1 }), expect_({ now: NOW }))).toEqual({
      ok: false,
      reason: 'iat is in the future',
    });
    expect((await readJwt(unsigned({ iss: ISS, exp: NOW + 60, iat: NOW }), expect_({ now: NOW }))).ok).toBe(true);
  });

  it('checks the issuer exactly, or by a pattern', async () => {
    const other = await issuer.sign({ iss: `${ISS}/other` });
    expect(await readJwt(other, expect_())).toEqual({
      ok: false,
      reason: `iss "${ISS}/other" is not the issuer ${ISS}`,
    });
    expect((await readJwt(other, expect_({ issuer: /^https:\/\/issuer\.example\.com\// }))).ok).toBe(true);
    expect((await readJwt(await issuer.sign({}), expect_({ issuer: /.*/ }))).ok).toBe(false);
  });

  it('checks the audience in aud (a string or a list) or client_id', async () => {
    const audiences = { audiences: ['app-1', 'app-2'] };
    expect((await readJwt(await issuer.sign({ iss: ISS, aud: 'app-2' }), expect_(audiences))).ok).toBe(true);
    expect((await readJwt(await issuer.sign({ iss: ISS, aud: ['x', 'app-1'] }), expect_(audiences))).ok).toBe(true);
    expect((await readJwt(await issuer.sign({ iss: ISS, client_id: 'app-1' }), expect_(audiences))).ok).toBe(true);
    expect(await readJwt(await issuer.sign({ iss: ISS, aud: 'app-3', client_id: 7 }), expect_(audiences))).toEqual({
      ok: false,
      reason: 'neither aud nor client_id is one of app-1, app-2',
    });
    expect((await readJwt(await issuer.sign({ iss: ISS }), expect_(audiences))).ok).toBe(false);
  });

  it('names every token_use it accepts', async () => {
    const refresh = await issuer.sign({ iss: ISS, token_use: 'refresh' });
    expect(await readJwt(refresh, expect_({ tokenUse: ['id', 'access'] }))).toEqual({
      ok: false,
      reason: 'token_use "refresh" is not id or access',
    });
  });

  it('verifies the signature at the time it is given (a token with nbf now passes)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await issuer.sign({ iss: ISS, nbf: now, iat: now });
    expect(await readJwt(token, expect_({ now: now + 5, keys: issuer.jwks }))).toMatchObject({
      ok: true,
      signatureChecked: true,
    });
  });

  it("checks Cognito's token_use", async () => {
    const idToken = await issuer.sign({ iss: ISS, token_use: 'id' });
    expect((await readJwt(idToken, expect_({ tokenUse: ['id'] }))).ok).toBe(true);
    expect(await readJwt(idToken, expect_({ tokenUse: ['access'] }))).toEqual({
      ok: false,
      reason: 'token_use "id" is not access',
    });
  });
});

describe('scopesOf and claimsAsStrings', () => {
  it("reads OAuth's space-separated scope, or scp as a list, else none", () => {
    expect(scopesOf({ scope: 'a/read  b/write' })).toEqual(['a/read', 'b/write']);
    expect(scopesOf({ scp: ['x', 'y'] })).toEqual(['x', 'y']);
    expect(scopesOf({ scp: 'x' })).toEqual([]);
    expect(scopesOf({})).toEqual([]);
  });

  it('gives every claim as a string: lists as [a b], objects as JSON', () => {
    expect(
      claimsAsStrings({
        sub: 'u',
        exp: 5,
        email_verified: true,
        'cognito:groups': ['a', 'b'],
        address: { c: 1 },
        n: null,
      }),
    ).toEqual({ sub: 'u', exp: '5', email_verified: 'true', 'cognito:groups': '[a b]', address: '{"c":1}', n: 'null' });
  });
});
