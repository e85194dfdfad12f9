import { apiKeyIdOf, apiKeysFromEnv, checkApiKey } from '../../src/authorizers/api-keys';

// Source: docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html (the key is read from
// the x-api-key header).
describe('checkApiKey', () => {
  it('accepts a listed key from x-api-key, whatever the case of the header name, with its id', () => {
    expect(checkApiKey({ 'X-API-Key': 'k1' }, ['k0', 'k1'])).toEqual({ ok: true, value: 'k1', id: apiKeyIdOf('k1') });
  });

  it('refuses a missing, empty or unlisted key', () => {
    expect(checkApiKey({}, ['k1'])).toEqual({ ok: false, reason: 'no x-api-key header' });
    expect(checkApiKey({ 'x-api-key': '' }, [])).toEqual({ ok: false, reason: 'no x-api-key header' });
    expect(checkApiKey({ 'x-api-key': 'k2' }, ['k1'])).toEqual({
      ok: false,
      reason: 'the x-api-key is not one of the keys given with --api-key or SAM_LOCAL_API_KEYS',
    });
  });

  it('accepts any non-empty key when no key is given locally', () => {
    expect(checkApiKey({ 'x-api-key': 'anything' }, [])).toMatchObject({ ok: true, value: 'anything' });
  });
});

describe('apiKeyIdOf and apiKeysFromEnv', () => {
  it('gives each key a stable 10-character id of its own', () => {
    expect(apiKeyIdOf('k1')).toMatch(/^[0-9a-f]{10}$/);
    expect(apiKeyIdOf('k1')).toBe(apiKeyIdOf('k1'));
    expect(apiKeyIdOf('k1')).not.toBe(apiKeyIdOf('k2'));
  });

  it('reads SAM_LOCAL_API_KEYS as a comma-separated list, trimmed, without empty items', () => {
    expect(apiKeysFromEnv({ SAM_LOCAL_API_KEYS: ' a, b ,,c ' })).toEqual(['a', 'b', 'c']);
    expect(apiKeysFromEnv({})).toEqual([]);
  });
});
