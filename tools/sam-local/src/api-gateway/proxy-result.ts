import type { HttpResponse } from '../pipeline/http-response';

export type { HttpResponse };

export type ProxyResultCheck = { ok: true; response: HttpResponse } | { ok: false; problem: string };

export interface ProxyResultOptions {
  /**
   * The request's first Accept media type is one of the API's binary media types: a body with isBase64Encoded is
   * decoded to bytes. Otherwise API Gateway sends the base64 text as it is.
   */
  binaryAccepted?: boolean;
}

// The only keys of a Lambda proxy result; any other top-level key makes the result malformed (502).
const RESULT_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);
const SCALAR_TYPES = new Set(['string', 'number', 'boolean']);
// API Gateway renames these integration response headers to x-amzn-Remapped-<name> and sets its own, and drops
// Transfer-Encoding (the "headers dropped, remapped" table of docs.aws.amazon.com/apigateway/latest/developerguide/
// api-gateway-known-issues.html; recorded for proxy integrations in localstack/localstack
// tests/aws/services/apigateway/test_apigateway_http.snapshot.json).
const REMAPPED = new Set(['connection', 'content-length', 'date', 'server']);
const DROPPED = new Set(['transfer-encoding']);

/**
 * Validates a Lambda proxy integration result (payload v1) and turns it into the response API Gateway's REST API
 * would send; anything API Gateway calls a malformed Lambda proxy response is reported as a problem (a 502).
 * Behaviour recorded against AWS in localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.py
 * (test_aws_proxy_response_payload_format_validation and test_lambda_aws_proxy_response_format) and its
 * .snapshot.json: an unknown top-level key → 502; statusCode "201" → 201, "test" → 502; no statusCode → 200 with
 * an empty body; a multiValueHeaders value that is not a list → 502; a result that is not an object → 502; header
 * values true/false sent as "true"/"false"; a header in both maps sent with both values, multiValueHeaders' first
 * (the same value in both only once: docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html).
 */
export function toHttpResponse(result: unknown, options: ProxyResultOptions = {}): ProxyResultCheck {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    return { ok: false, problem: `the result must be an object, got ${describe(result)}` };
  }
  const unknownKeys = Object.keys(result).filter((key) => !RESULT_KEYS.has(key));
  if (unknownKeys.length > 0) {
    return {
      ok: false,
      problem: `unknown top-level key${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.map((k) => JSON.stringify(k)).join(', ')} (allowed: ${[...RESULT_KEYS].join(', ')})`,
    };
  }
  const { statusCode, headers, multiValueHeaders, body, isBase64Encoded } = result as Record<string, unknown>;
  const status = statusCodeOf(statusCode);
  if (status === undefined) {
    return { ok: false, problem: `statusCode must be an integer from 100 to 599, got ${describe(statusCode)}` };
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return { ok: false, problem: `body must be a string, got ${describe(body)}` };
  }
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') {
    return { ok: false, problem: `isBase64Encoded must be a boolean, got ${describe(isBase64Encoded)}` };
  }
  const merged = mergeHeaders(headers, multiValueHeaders);
  if (typeof merged === 'string') return { ok: false, problem: merged };
  // API Gateway answers with application/json when the function names no content type.
  if (!Object.keys(merged).some((name) => name.toLowerCase() === 'content-type')) {
    merged['Content-Type'] = ['application/json'];
  }
  const text = body ?? '';
  return {
    ok: true,
    response: {
      statusCode: status,
      headers: merged,
      body: isBase64Encoded === true && options.binaryAccepted ? Buffer.from(text, 'base64') : Buffer.from(text),
    },
  };
}

function statusCodeOf(value: unknown): number | undefined {
  if (value === undefined || value === null) return 200;
  const number = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value;
  // Number.isInteger is false for anything that is not a number, so it checks the type as well.
  if (!Number.isInteger(number)) return undefined;
  const code = number as number;
  return code >= 100 && code <= 599 ? code : undefined;
}

/** headers and multiValueHeaders as one map (the multi-value name's casing and values first), or the problem. */
function mergeHeaders(headers: unknown, multiValueHeaders: unknown): Record<string, string[]> | string {
  const merged: Record<string, string[]> = {};
  const keyOf = new Map<string, string>();
  if (multiValueHeaders !== undefined && multiValueHeaders !== null) {
    if (typeof multiValueHeaders !== 'object' || Array.isArray(multiValueHeaders)) {
      return `multiValueHeaders must be an object, got ${describe(multiValueHeaders)}`;
    }
    for (const [name, values] of Object.entries(multiValueHeaders)) {
      if (!Array.isArray(values) || !values.every((value) => SCALAR_TYPES.has(typeof value))) {
        return `multiValueHeaders.${name} must be a list of strings, got ${describe(values)}`;
      }
      const key = keyOf.get(name.toLowerCase()) ?? name;
      keyOf.set(name.toLowerCase(), key);
      merged[key] = [...(merged[key] ?? []), ...values.map(String)];
    }
  }
  if (headers !== undefined && headers !== null) {
    if (typeof headers !== 'object' || Array.isArray(headers))
      return `headers must be an object, got ${describe(headers)}`;
    for (const [name, value] of Object.entries(headers)) {
      if (!SCALAR_TYPES.has(typeof value)) return `header ${name} must be a string, got ${describe(value)}`;
      const key = keyOf.get(name.toLowerCase()) ?? name;
      keyOf.set(name.toLowerCase(), key);
      // The same name and value in both maps is sent once (the output format in set-up-lambda-proxy-integrations.html).
      if (!merged[key]?.includes(String(value))) merged[key] = [...(merged[key] ?? []), String(value)];
    }
  }
  for (const [name, values] of Object.entries(merged)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) return `header ${JSON.stringify(name)} is not a valid HTTP header`;
    for (const value of values) {
      // What HTTP/1.1 (RFC 9110 field-value: tab, visible ASCII, obs-text) and so Node can send: no control
      // characters, nothing above U+00FF. What API Gateway does with such a value is not recorded; it is treated as
      // the malformed result it would be for any response API Gateway cannot send (docs/conformance.md).
      const bad = /[^\t\x20-\x7e\x80-\xff]/u.exec(value);
      if (bad) {
        return `header ${JSON.stringify(name)} is not a valid HTTP header: its value has ${characterName(bad[0])} at index ${bad.index}, which HTTP cannot carry`;
      }
    }
  }
  const sent: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(merged)) {
    const lower = name.toLowerCase();
    if (DROPPED.has(lower)) continue;
    sent[REMAPPED.has(lower) ? `x-amzn-Remapped-${name}` : name] = values;
  }
  return sent;
}

function characterName(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff
    ? `the control character \\x${code.toString(16).padStart(2, '0')}`
    : `U+${code.toString(16).toUpperCase().padStart(4, '0')} ${JSON.stringify(char)}`;
}

// Results arrive as JSON (the function's worker sends them with JSON serialization), so a value is null, a list, an
// object, a string, a number or a boolean; undefined only from a direct caller.
function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  // What is left is a number or a boolean (from JSON).
  return `${typeof value} ${value as number | boolean}`;
}
