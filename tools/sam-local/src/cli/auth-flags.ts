// start-api's authorization flags: --jwks (keys to verify JWT signatures with) and --api-key (the local API keys).
import { readFileSync } from 'node:fs';
import type { JSONWebKeySet } from 'jose';
import { apiKeysFromEnv } from '../authorizers/api-keys';

export const AUTH_FLAGS = {
  jwks: { type: 'string' },
  'api-key': { type: 'string', multiple: true },
  'jwt-issuer': { type: 'string' },
  'jwt-audience': { type: 'string', multiple: true },
} as const;

/** A JWKS file (`{"keys":[…]}`, as an issuer's /.well-known/jwks.json serves it), or a clear error. */
export function readJwksFile(path: string): JSONWebKeySet {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`--jwks ${path}: cannot read it as JSON (${(error as Error).message})`, { cause: error });
  }
  const keys = (parsed as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || !keys.every((key) => typeof key === 'object' && key !== null)) {
    throw new Error(`--jwks ${path}: expected a JSON Web Key Set, {"keys":[{…}, …]}, as an issuer's jwks.json`);
  }
  return parsed as JSONWebKeySet;
}

/** The local API keys: every --api-key, then SAM_LOCAL_API_KEYS. */
export function apiKeysFrom(flags: string[] | undefined, env: NodeJS.ProcessEnv): string[] {
  return [...(flags ?? []), ...apiKeysFromEnv(env)];
}
