// The function's result under payload format 2.0, turned into the response, as HTTP APIs and function URLs do it
// (docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html, "Lambda function
// response for format 2.0"; docs.aws.amazon.com/lambda/latest/dg/urls-invocation.html, "Response payload format").
// A result without statusCode is not an error: the service infers a 200 with content-type application/json and the
// result as the body; a string result is the body itself. Recorded on AWS for function URLs in
// localstack/localstack tests/aws/services/lambda_/test_lambda.snapshot.json (test_lambda_url_invocation: a map
// without statusCode → its compact JSON, "hello" → hello, 3 → 3, true → true, a list → its compact JSON, always 200
// application/json; test_lambda_url_headers_and_status: statusCode "418" → 418).
import type { HttpResponse } from '../pipeline/http-response';

export type V2ResultCheck = { ok: true; response: HttpResponse } | { ok: false; problem: string };

export function v2Response(result: unknown): V2ResultCheck {
  if (typeof result !== 'object' || result === null || Array.isArray(result) || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result);
    return {
      ok: true,
      response: { statusCode: 200, headers: { 'content-type': ['application/json'] }, body: Buffer.from(body) },
    };
  }
  const { statusCode, headers, cookies, body, isBase64Encoded } = result as Record<string, unknown>;
  const status = statusCodeOf(statusCode);
  if (status === undefined)
    return { ok: false, problem: `statusCode must be an integer from 100 to 599, got ${describe(statusCode)}` };
  if (body !== undefined && body !== null && typeof body !== 'string') {
    return { ok: false, problem: `body must be a string, got ${describe(body)}` };
  }
  if (isBase64Encoded !== undefined && isBase64Encoded !== null && typeof isBase64Encoded !== 'boolean') {
    return { ok: false, problem: `isBase64Encoded must be a boolean, got ${describe(isBase64Encoded)}` };
  }
  const sent: Record<string, string[]> = {};
  if (headers !== undefined && headers !== null) {
    if (typeof headers !== 'object' || Array.isArray(headers))
      return { ok: false, problem: `headers must be an object, got ${describe(headers)}` };
    for (const [name, value] of Object.entries(headers)) {
      if (!['string', 'number', 'boolean'].includes(typeof value)) {
        return { ok: false, problem: `header ${name} must be a string, got ${describe(value)}` };
      }
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(String(value))) {
        return { ok: false, problem: `header ${JSON.stringify(name)} is not a valid HTTP header` };
      }
      sent[name] = [String(value)];
    }
  }
  if (cookies !== undefined && cookies !== null) {
    if (!Array.isArray(cookies) || !cookies.every((cookie) => typeof cookie === 'string' && !/[\r\n\0]/.test(cookie))) {
      return { ok: false, problem: `cookies must be a list of strings, got ${describe(cookies)}` };
    }
    // Each cookie becomes its own Set-Cookie header (docs, "Lambda function response for format 2.0").
    if (cookies.length > 0) sent['set-cookie'] = [...(sent['set-cookie'] ?? []), ...(cookies as string[])];
  }
  if (!Object.keys(sent).some((name) => name.toLowerCase() === 'content-type'))
    sent['content-type'] = ['application/json'];
  const text = body ?? '';
  return {
    ok: true,
    response: {
      statusCode: status,
      headers: sent,
      // No binary media types here: a base64 body is always decoded (ministackorg/ministack pull request #766).
      body: isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text),
    },
  };
}

function statusCodeOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value;
  if (!Number.isInteger(number)) return undefined;
  const code = number as number;
  return code >= 100 && code <= 599 ? code : undefined;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${value as number | boolean}`;
}
