/**
 * API keys for routes with ApiKeyRequired. API Gateway answers a request whose `x-api-key` header is missing or
 * not a key of the stage's usage plans with 403 {"message":"Forbidden"} (x-amzn-ErrorType: ForbiddenException)
 * (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html; knowledge-center article
 * api-gateway-403-error-api-key-required). Locally there are no usage plans: the keys are the ones the user gives
 * (`--api-key KEY`, repeatable, or SAM_LOCAL_API_KEYS=k1,k2); without any, every non-empty key is accepted.
 */
import { createHash } from 'node:crypto';

export type ApiKeyCheck = { ok: true; value: string; id: string } | { ok: false; reason: string };

export function checkApiKey(headers: Record<string, string>, localKeys: string[]): ApiKeyCheck {
  const value = Object.entries(headers).find(([name]) => name.toLowerCase() === 'x-api-key')?.[1];
  if (value === undefined || value === '') return { ok: false, reason: 'no x-api-key header' };
  if (localKeys.length > 0 && !localKeys.includes(value)) {
    return { ok: false, reason: 'the x-api-key is not one of the keys given with --api-key or SAM_LOCAL_API_KEYS' };
  }
  return { ok: true, value, id: apiKeyIdOf(value) };
}

/** A stable, API Gateway-shaped id for a key (identity.apiKeyId), derived from the key. */
export function apiKeyIdOf(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 10);
}

/** The keys given in SAM_LOCAL_API_KEYS (comma-separated). */
export function apiKeysFromEnv(env: NodeJS.ProcessEnv): string[] {
  return (env.SAM_LOCAL_API_KEYS ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
}
