/**
 * Authorizer results kept for their TTL, keyed by the authorizer and its identity source values: API Gateway
 * "caches the policy ... using the identity sources as the cache key" for `authorizerResultTtlInSeconds` (SAM's
 * ReauthorizeEvery; 0 turns caching off) (docs.aws.amazon.com/apigateway/latest/developerguide/
 * apigateway-lambda-authorizer-lambda-function-create.html, "Lambda authorizer caching"). What is cached is the
 * authorizer's answer, not the decision: a cached policy is evaluated again for each method ARN, so a policy that
 * names only the first method denies the next one (knowledge-center article api-gateway-lambda-authorization-errors).
 */
export class AuthorizerCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();

  get(authorizer: string, values: string[], now: number): T | undefined {
    const key = keyOf(authorizer, values);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(authorizer: string, values: string[], value: T, ttlSeconds: number, now: number): void {
    if (ttlSeconds <= 0 || values.length === 0) return;
    this.entries.set(keyOf(authorizer, values), { value, expiresAt: now + ttlSeconds * 1000 });
  }
}

function keyOf(authorizer: string, values: string[]): string {
  return JSON.stringify([authorizer, ...values]);
}
