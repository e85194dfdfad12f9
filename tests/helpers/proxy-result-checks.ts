import type { ExpectedOutcome } from './name-rule';
import type { Invocation } from './property-invoke';

const RESULT_KEYS = new Set(['statusCode', 'headers', 'multiValueHeaders', 'body', 'isBase64Encoded']);
const STATUSES = new Set([200, 400, 500]);

// What must never reach a client: stack frames, file paths and module names, error class names.
const INTERNAL_DETAIL: Array<[string, RegExp]> = [
  ['a stack frame', /\bat\s.*:\d+(?::\d+)?\)?/],
  ['a file path', /[\w.@-]*\/[\w.@-]+\/[\w.@-]+|[A-Za-z]:\\|file:\/\//],
  ['a script file name', /\.(?:[cm]?js|ts)\b/],
  ['node_modules', /node_modules/],
  ['an error class name', /\b[A-Z]\w*(?:Error|Exception)\b/],
];

// Plain checks rather than jest matchers: these run on every one of thousands of generated events, and a
// matcher call costs about a hundred times more.
function check(condition: boolean, problem: string, result: unknown): asserts condition {
  if (!condition) throw new Error(`${problem}; the result was ${JSON.stringify(result)}`);
}

/**
 * The checks every answer must pass, whatever the event: a proxy result API Gateway accepts (integer status,
 * string body, string headers, no unknown keys) with status 200, 400 or 500, a JSON object body with a string
 * message, a JSON Content-Type, no internal detail in an error body, and only JSON lines in the output (a hostile
 * value must not be able to forge a log line). Returns the parsed body.
 */
export function expectWellFormedAnswer({ result, lines }: Invocation): Record<string, unknown> {
  check(typeof result === 'object' && result !== null, 'The result is not an object', result);
  const unknownKeys = Object.keys(result).filter((key) => !RESULT_KEYS.has(key));
  check(unknownKeys.length === 0, `The result has keys API Gateway rejects: ${unknownKeys.join(', ')}`, result);
  check(Number.isInteger(result.statusCode), 'statusCode is not an integer', result);
  check(STATUSES.has(result.statusCode), 'statusCode is not 200, 400 or 500', result);

  check(typeof result.body === 'string', 'body is not a string', result);
  let body: unknown;
  try {
    body = JSON.parse(result.body);
  } catch {
    check(false, 'body is not JSON', result);
  }
  check(typeof body === 'object' && body !== null && !Array.isArray(body), 'body is not a JSON object', result);
  check(typeof (body as { message?: unknown }).message === 'string', 'body has no string message', result);

  check(typeof result.headers === 'object' && result.headers !== null, 'headers is not an object', result);
  const headers = Object.entries(result.headers);
  check(
    headers.every(([, value]) => typeof value === 'string'),
    'a header value is not a string',
    result,
  );
  const contentTypes = headers.filter(([name]) => name.toLowerCase() === 'content-type').map(([, value]) => value);
  check(
    contentTypes.length === 1 && /^application\/json\b/.test(String(contentTypes[0])),
    'Content-Type is not set once to application/json',
    result,
  );
  if (result.multiValueHeaders !== undefined) {
    const lists = Object.values(result.multiValueHeaders);
    check(
      lists.every((values) => Array.isArray(values)),
      'a multiValueHeaders entry is not a list',
      result,
    );
  }
  check(result.isBase64Encoded === undefined || result.isBase64Encoded === false, 'body claims base64', result);

  if (result.statusCode !== 200) expectNoInternalDetail(result.body);
  for (const line of lines) {
    try {
      JSON.parse(line);
    } catch {
      throw new Error(`The function wrote a line that is not JSON (a forged or broken log line): ${line}`);
    }
  }
  return body as Record<string, unknown>;
}

export function expectNoInternalDetail(body: string): void {
  for (const [what, pattern] of INTERNAL_DETAIL) {
    if (pattern.test(body)) throw new Error(`The response body contains ${what} (${String(pattern)}): ${body}`);
  }
}

/**
 * Fails unless the answer is the expected one: a 200 with exactly the expected greeting, a 400 whose body is only
 * a message, or a 500 with the generic message and the invocation's request id (and nothing else).
 */
export function expectOutcome(
  invocation: Invocation,
  body: Record<string, unknown>,
  expected: ExpectedOutcome | { status: 500 },
): void {
  const wanted =
    expected.status === 200
      ? { message: expected.message }
      : expected.status === 500
        ? { message: 'Internal server error', requestId: invocation.awsRequestId }
        : { message: body.message };
  const ok =
    invocation.result.statusCode === expected.status &&
    Object.keys(body).length === Object.keys(wanted).length &&
    Object.entries(wanted).every(([key, value]) => body[key] === value);
  if (!ok) {
    const got = JSON.stringify({ statusCode: invocation.result.statusCode, body });
    const want = JSON.stringify({ statusCode: expected.status, body: expected.status === 400 ? '{message}' : wanted });
    throw new Error(`Expected ${want}, got ${got}`);
  }
}
