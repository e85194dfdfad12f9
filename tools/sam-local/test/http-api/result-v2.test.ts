import { v2Response } from '../../src/http-api/result-v2';

// Sources (docs/conformance.md lists them):
// - recorded: localstack/localstack tests/aws/services/lambda_/test_lambda.snapshot.json, test_lambda_url_invocation
//   (what a function URL answers for each kind of result, validated against AWS) and
//   test_lambda_url_headers_and_status (statusCode "418");
// - docs: https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html
//   ("Lambda function response for format 2.0": the inferred response, cookies → set-cookie).

function ok(result: unknown): { status: number; headers: Record<string, string[]>; body: string } {
  const checked = v2Response(result);
  if (!checked.ok) throw new Error(`expected a response, got the problem: ${checked.problem}`);
  const { statusCode, headers, body } = checked.response;
  return { status: statusCode, headers, body: body.toString('utf8') };
}

function problem(result: unknown): string {
  const checked = v2Response(result);
  if (checked.ok) throw new Error('expected a malformed result');
  return checked.problem;
}

describe('a result without statusCode: 200, application/json, the result as the body (recorded)', () => {
  it.each([
    ['a map', { hello: 'world' }, '{"hello":"world"}'],
    ['a map with body but no statusCode', { body: 'x' }, '{"body":"x"}'],
    ['a string, as it is', 'hello', 'hello'],
    ['an integer', 3, '3'],
    ['a float', 3.1, '3.1'],
    ['a boolean', true, 'true'],
    ['a list', ['hello', 3, true], '["hello",3,true]'],
    ['null', null, 'null'],
  ])('%s', (_label, result, body) => {
    expect(ok(result)).toEqual({ status: 200, headers: { 'content-type': ['application/json'] }, body });
  });
});

describe('a result with statusCode', () => {
  it('its status, headers and body; content-type application/json unless it names one (recorded)', () => {
    expect(ok({ statusCode: 200, body: 'body123' })).toEqual({
      status: 200,
      headers: { 'content-type': ['application/json'] },
      body: 'body123',
    });
    expect(
      ok({ statusCode: 201, headers: { 'Content-Type': 'text/plain', 'My-Custom-Header': 'Custom Value' }, body: 'x' }),
    ).toEqual({
      status: 201,
      headers: { 'Content-Type': ['text/plain'], 'My-Custom-Header': ['Custom Value'] },
      body: 'x',
    });
  });

  it('content-type is added when no header names it, whatever the case of other headers', () => {
    expect(ok({ statusCode: 200, headers: { 'x-a': 'b' } }).headers).toEqual({
      'x-a': ['b'],
      'content-type': ['application/json'],
    });
    expect(ok({ statusCode: 200, headers: { 'CONTENT-TYPE': 'text/csv' } }).headers).toEqual({
      'CONTENT-TYPE': ['text/csv'],
    });
  });

  it('a set-cookie header and cookies are all sent', () => {
    expect(ok({ statusCode: 200, headers: { 'set-cookie': 'h=0' }, cookies: ['c=1'] }).headers['set-cookie']).toEqual([
      'h=0',
      'c=1',
    ]);
  });

  it('a numeric string statusCode is a number (recorded: "418" → 418)', () => {
    expect(ok({ statusCode: '418', body: "i'm a teapot" }).status).toBe(418);
  });

  it('each cookie becomes its own set-cookie header (docs)', () => {
    expect(ok({ statusCode: 200, cookies: ['a=1; Path=/', 'b=2'] }).headers['set-cookie']).toEqual([
      'a=1; Path=/',
      'b=2',
    ]);
    expect(ok({ statusCode: 200, cookies: [] }).headers['set-cookie']).toBeUndefined();
  });

  it('header values true, false and numbers are sent as text', () => {
    expect(ok({ statusCode: 200, headers: { a: true, b: false, c: 7 } }).headers).toMatchObject({
      a: ['true'],
      b: ['false'],
      c: ['7'],
    });
  });

  it('isBase64Encoded: true sends the decoded bytes, always (HTTP APIs have no binary media types)', () => {
    const checked = v2Response({
      statusCode: 200,
      body: Buffer.from([0, 1, 255]).toString('base64'),
      isBase64Encoded: true,
    });
    expect(checked.ok && [...checked.response.body]).toEqual([0, 1, 255]);
  });

  it('no body is an empty body; isBase64Encoded false or null is text', () => {
    expect(ok({ statusCode: 204 }).body).toBe('');
    expect(ok({ statusCode: 200, body: null, isBase64Encoded: null }).body).toBe('');
    expect(ok({ statusCode: 200, body: 'aGk=', isBase64Encoded: false }).body).toBe('aGk=');
  });

  it('headers and cookies set to null are none', () => {
    expect(ok({ statusCode: 200, headers: null, cookies: null }).headers).toEqual({
      'content-type': ['application/json'],
    });
  });

  it('status codes at both ends of the range are accepted', () => {
    expect(ok({ statusCode: 100 }).status).toBe(100);
    expect(ok({ statusCode: 599 }).status).toBe(599);
  });
});

describe('a malformed result is named (the API answers 500, a function URL 502)', () => {
  it.each([
    [
      'a non-numeric statusCode',
      { statusCode: 'test' },
      'statusCode must be an integer from 100 to 599, got the string "test"',
    ],
    ['a statusCode of 99', { statusCode: 99 }, 'statusCode must be an integer from 100 to 599, got number 99'],
    ['a statusCode of 600', { statusCode: 600 }, 'got number 600'],
    ['a fractional statusCode', { statusCode: 200.5 }, 'got number 200.5'],
    ['a null statusCode', { statusCode: null }, 'got null'],
    ['a four-digit string', { statusCode: '2000' }, 'got the string "2000"'],
    ['a body that is not a string', { statusCode: 200, body: { a: 1 } }, 'body must be a string, got an object'],
    [
      'an isBase64Encoded that is not a boolean',
      { statusCode: 200, isBase64Encoded: 'yes' },
      'isBase64Encoded must be a boolean',
    ],
    ['headers that are a list', { statusCode: 200, headers: ['a'] }, 'headers must be an object, got an array'],
    ['headers that are a string', { statusCode: 200, headers: 'a' }, 'headers must be an object, got the string "a"'],
    [
      'a header value that is a map',
      { statusCode: 200, headers: { a: { b: 1 } } },
      'header a must be a string, got an object',
    ],
    [
      'a header name with a space',
      { statusCode: 200, headers: { 'a b': 'c' } },
      'header "a b" is not a valid HTTP header',
    ],
    [
      'a header value with a line break',
      { statusCode: 200, headers: { a: 'b\r\nc: d' } },
      'header "a" is not a valid HTTP header',
    ],
    ['cookies that are not a list', { statusCode: 200, cookies: 'a=1' }, 'cookies must be a list of strings'],
    [
      'a cookie that is not a string',
      { statusCode: 200, cookies: [1] },
      'cookies must be a list of strings, got an array',
    ],
    ['a cookie with a line break', { statusCode: 200, cookies: ['a=1\nb'] }, 'cookies must be a list of strings'],
    ['a long string statusCode, cut short', { statusCode: 'x'.repeat(50) }, `"${'x'.repeat(40)}…"`],
    ['a boolean statusCode', { statusCode: true }, 'got boolean true'],
  ])('%s', (_label, result, message) => {
    expect(problem(result)).toContain(message);
  });
});

describe('the named problem, word for word', () => {
  it('a statusCode key whose value is undefined is named as undefined', () => {
    expect(problem({ statusCode: undefined })).toBe('statusCode must be an integer from 100 to 599, got undefined');
  });

  it('a string of 40 characters is named whole; 41 are cut to 40', () => {
    expect(problem({ statusCode: 'y'.repeat(40) })).toBe(
      `statusCode must be an integer from 100 to 599, got the string "${'y'.repeat(40)}"`,
    );
    expect(problem({ statusCode: 'y'.repeat(41) })).toBe(
      `statusCode must be an integer from 100 to 599, got the string "${'y'.repeat(40)}…"`,
    );
  });
});
