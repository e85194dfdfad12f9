import { AuthorizerCache } from '../../src/authorizers/cache';

// Source: docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html
// (results cached for the TTL, keyed by the identity sources; 0 disables caching).
describe('AuthorizerCache', () => {
  it('keeps an answer for its TTL, per authorizer and identity values', () => {
    const cache = new AuthorizerCache<string>();
    cache.set('Token', ['a'], 'answer', 300, 1000);
    expect(cache.get('Token', ['a'], 1000)).toBe('answer');
    expect(cache.get('Token', ['a'], 1000 + 299_999)).toBe('answer');
    expect(cache.get('Token', ['b'], 1000)).toBeUndefined();
    expect(cache.get('Other', ['a'], 1000)).toBeUndefined();
  });

  it('forgets an answer once its TTL has passed', () => {
    const cache = new AuthorizerCache<string>();
    cache.set('Token', ['a'], 'answer', 1, 0);
    expect(cache.get('Token', ['a'], 1000)).toBeUndefined();
    // And stays forgotten.
    expect(cache.get('Token', ['a'], 0)).toBeUndefined();
  });

  it('keeps nothing with a TTL of 0 or without identity values', () => {
    const cache = new AuthorizerCache<string>();
    cache.set('Token', ['a'], 'answer', 0, 0);
    cache.set('Request', [], 'answer', 300, 0);
    expect(cache.get('Token', ['a'], 0)).toBeUndefined();
    expect(cache.get('Request', [], 0)).toBeUndefined();
  });

  it('does not confuse values that join to the same text', () => {
    const cache = new AuthorizerCache<string>();
    cache.set('T', ['a,b'], 'one', 300, 0);
    expect(cache.get('T', ['a', 'b'], 0)).toBeUndefined();
  });
});
