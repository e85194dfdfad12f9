/** An HTTP response ready to write: header values as lists, body as bytes. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: Buffer;
}

export type ProxyResultCheck = { ok: true; response: HttpResponse } | { ok: false; problem: string };

const SCALAR_TYPES = new Set(['string', 'number', 'boolean']);

/**
 * Validates a Lambda proxy integration result and turns it into the response API Gateway would
 * send. Anything API Gateway would call a malformed Lambda proxy response is reported as a problem.
 */
export function toHttpResponse(result: unknown): ProxyResultCheck {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    return { ok: false, problem: `the result must be an object, got ${describe(result)}` };
  }
  const { statusCode, headers, multiValueHeaders, body, isBase64Encoded } = result as Record<string, unknown>;
  if (typeof statusCode !== 'number' || !Number.isInteger(statusCode) || statusCode < 100 || statusCode > 599) {
    return { ok: false, problem: `statusCode must be an integer from 100 to 599, got ${describe(statusCode)}` };
  }
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return { ok: false, problem: `body must be a string, got ${describe(body)}` };
  }
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') {
    return { ok: false, problem: `isBase64Encoded must be a boolean, got ${describe(isBase64Encoded)}` };
  }
  const merged: Record<string, string[]> = {};
  const keyOf = new Map<string, string>();
  const put = (name: string, values: string[]): void => {
    const key = keyOf.get(name.toLowerCase()) ?? name;
    keyOf.set(name.toLowerCase(), key);
    merged[key] = values;
  };
  if (headers !== undefined && headers !== null) {
    if (typeof headers !== 'object' || Array.isArray(headers)) {
      return { ok: false, problem: `headers must be an object, got ${describe(headers)}` };
    }
    for (const [name, value] of Object.entries(headers)) {
      if (!SCALAR_TYPES.has(typeof value))
        return { ok: false, problem: `header ${name} must be a string, got ${describe(value)}` };
      put(name, [String(value)]);
    }
  }
  // Where both maps name a header, API Gateway keeps the multiValueHeaders values.
  if (multiValueHeaders !== undefined && multiValueHeaders !== null) {
    if (typeof multiValueHeaders !== 'object' || Array.isArray(multiValueHeaders)) {
      return { ok: false, problem: `multiValueHeaders must be an object, got ${describe(multiValueHeaders)}` };
    }
    for (const [name, values] of Object.entries(multiValueHeaders)) {
      if (!Array.isArray(values) || !values.every((value) => SCALAR_TYPES.has(typeof value))) {
        return { ok: false, problem: `multiValueHeaders.${name} must be a list of strings, got ${describe(values)}` };
      }
      put(name, values.map(String));
    }
  }
  const invalidHeader = Object.entries(merged).find(
    ([name, values]) => !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || values.some((v) => /[\r\n\0]/.test(v)),
  );
  if (invalidHeader)
    return { ok: false, problem: `header ${JSON.stringify(invalidHeader[0])} is not a valid HTTP header` };
  // API Gateway answers with application/json when the function names no content type.
  if (!keyOf.has('content-type')) put('Content-Type', ['application/json']);
  const text = body ?? '';
  return {
    ok: true,
    response: {
      statusCode,
      headers: merged,
      body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text),
    },
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${value}`;
  }
  return typeof value;
}
