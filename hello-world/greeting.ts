import type { APIGatewayProxyEvent } from 'aws-lambda';

export const MAX_NAME_LENGTH = 64;

// Letters of any script (each may carry combining marks, e.g. Devanagari vowel signs),
// decimal digits, spaces, hyphens, apostrophes and periods.
const NAME_PATTERN = /^(?:\p{L}\p{M}*|\p{Nd}|[ '.-])+$/u;

export type NameResult = { ok: true; name: string | undefined } | { ok: false; reason: string };

/** Reads the optional `name` query parameter from a REST API (v1) proxy event. */
export function readName(event: Partial<APIGatewayProxyEvent>): NameResult {
  const values = ownProperty(event.multiValueQueryStringParameters, 'name');
  if (Array.isArray(values) && values.length > 1) {
    return { ok: false, reason: "Query parameter 'name' must be given at most once" };
  }
  const raw =
    ownProperty(event.queryStringParameters, 'name') ?? (Array.isArray(values) ? (values[0] as unknown) : undefined);
  if (raw === undefined || raw === null) return { ok: true, name: undefined };
  if (typeof raw !== 'string') return { ok: false, reason: "Query parameter 'name' must be a string" };
  return validateName(raw);
}

/** Trims and checks a name: 1 to 64 characters from the allowed set. */
export function validateName(raw: string): NameResult {
  const name = raw.trim();
  const length = countCodePoints(name);
  if (length < 1 || length > MAX_NAME_LENGTH) {
    return { ok: false, reason: `Query parameter 'name' must be 1 to ${MAX_NAME_LENGTH} characters long` };
  }
  if (!NAME_PATTERN.test(name)) {
    return {
      ok: false,
      reason: "Query parameter 'name' may contain only letters, digits, spaces, hyphens, apostrophes and periods",
    };
  }
  return { ok: true, name };
}

export function greet(name: string | undefined): string {
  return `Hello, ${name ?? 'World'}!`;
}

// Own properties only: a map from a malformed event must not reach Object.prototype.
function ownProperty(map: unknown, key: string): unknown {
  return typeof map === 'object' && map !== null && Object.hasOwn(map, key)
    ? (map as Record<string, unknown>)[key]
    : undefined;
}

// Counts code points, not UTF-16 units, and stops early so a 10 MB value costs no more than a short one.
function countCodePoints(text: string): number {
  let count = 0;
  for (const _ of text) {
    if (++count > MAX_NAME_LENGTH) break;
  }
  return count;
}
