// How a Lambda proxy result (payload v1) becomes the REST API's response, called in process. The conformance suite
// (test/conformance/response-validation.test.ts) checks the recorded cases over HTTP; this file covers each rule.
// Sources: localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json
// (test_aws_proxy_response_payload_format_validation, recorded on AWS) = RECORDED below;
// https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html = OUTPUT_FORMAT;
// https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html = KNOWN_ISSUES.
import { toHttpResponse, type HttpResponse, type ProxyResultOptions } from '../../src/api-gateway/proxy-result';

/** The response for a result the function returns, failing the test if the result is refused. */
function respond(result: unknown, options?: ProxyResultOptions): HttpResponse {
  const checked = toHttpResponse(result, options);
  if (!checked.ok) throw new Error(`expected a response, got the problem: ${checked.problem}`);
  return checked.response;
}

/** Why a result is refused (the 502's reason, printed in the terminal), failing the test if it is accepted. */
function problemOf(result: unknown): string {
  const checked = toHttpResponse(result);
  if (checked.ok) throw new Error(`expected a problem, got status ${checked.response.statusCode}`);
  return checked.problem;
}

describe('the result as a whole', () => {
  it('a result that is not an object is malformed, and the terminal says what it was (RECORDED: a string → 502)', () => {
    // Prepare
    const results = ['justAString', 42, true, null, undefined, [{ statusCode: 200 }]];

    // Act
    const problems = results.map(problemOf);

    // Assess
    expect(problems).toEqual([
      'the result must be an object, got the string "justAString"',
      'the result must be an object, got number 42',
      'the result must be an object, got boolean true',
      'the result must be an object, got null',
      'the result must be an object, got undefined',
      'the result must be an object, got an array',
    ]);
  });

  it('an unknown top-level key is malformed, and the terminal names it and the allowed keys (RECORDED)', () => {
    // Act
    const problem = problemOf({ statusCode: 200, wrongValue: 'value' });

    // Assess
    expect(problem).toBe(
      'unknown top-level key "wrongValue" (allowed: statusCode, headers, multiValueHeaders, body, isBase64Encoded)',
    );
  });

  it('several unknown top-level keys are all named', () => {
    // Act
    const problem = problemOf({ statusCode: 200, status: 200, Body: 'x' });

    // Assess
    expect(problem).toMatch(/^unknown top-level keys "status", "Body" \(allowed: /);
  });

  it('every documented key together is accepted (OUTPUT_FORMAT)', () => {
    // Act
    const response = respond({
      statusCode: 201,
      headers: { 'X-One': 'a' },
      multiValueHeaders: { 'X-Two': ['b'] },
      body: 'created',
      isBase64Encoded: false,
    });

    // Assess
    expect(response).toEqual({
      statusCode: 201,
      headers: { 'X-Two': ['b'], 'X-One': ['a'], 'Content-Type': ['application/json'] },
      body: Buffer.from('created'),
    });
  });
});

describe('statusCode', () => {
  it('absent: 200 with an empty body (RECORDED; validated for {} in test_lambda_aws_proxy_response_format)', () => {
    // Act
    const response = respond({});

    // Assess
    expect([response.statusCode, response.body.length]).toEqual([200, 0]);
  });

  it('null is taken as absent: 200', () => {
    // Act
    const response = respond({ statusCode: null, body: 'ok' });

    // Assess
    expect(response.statusCode).toBe(200);
  });

  it('a string of digits is the number it spells (RECORDED: "201" → 201)', () => {
    // Act
    const status = respond({ statusCode: '201' }).statusCode;

    // Assess
    expect(status).toBe(201);
  });

  it.each([
    ['a word (RECORDED: "test" → 502)', 'test', 'the string "test"'],
    ['digits with a space around them', ' 200', 'the string " 200"'],
    ['digits followed by a space', '200 ', 'the string "200 "'],
    ['a fraction', 200.5, 'number 200.5'],
    ['a boolean', true, 'boolean true'],
    ['an object', { code: 200 }, 'an object'],
    ['a list holding a code', [200], 'an array'],
  ])('%s is malformed', (_label, statusCode, described) => {
    // Act
    const problem = problemOf({ statusCode });

    // Assess
    expect(problem).toBe(`statusCode must be an integer from 100 to 599, got ${described}`);
  });

  it('accepts 100 and 599 and refuses 99 and 600, as numbers and as strings', () => {
    // Prepare
    const codes = [99, 100, 599, 600, '99', '100', '599', '600'];

    // Act
    const outcomes = codes.map((statusCode) => {
      const checked = toHttpResponse({ statusCode });
      return checked.ok ? checked.response.statusCode : 'malformed';
    });

    // Assess
    expect(outcomes).toEqual(['malformed', 100, 599, 'malformed', 'malformed', 100, 599, 'malformed']);
  });

  it('a long string is quoted in the terminal cut at 40 characters', () => {
    // Prepare
    const forty = 'x'.repeat(40);

    // Act
    const whole = problemOf({ statusCode: forty });
    const cut = problemOf({ statusCode: `${forty}y` });

    // Assess
    expect(whole).toMatch(new RegExp(`got the string "${forty}"$`));
    expect(cut).toMatch(new RegExp(`got the string "${forty}…"$`));
  });
});

describe('body and isBase64Encoded', () => {
  it('the body is sent as UTF-8 bytes', () => {
    // Act
    const body = respond({ statusCode: 200, body: 'héllo' }).body;

    // Assess
    expect(body).toEqual(Buffer.from('héllo', 'utf8'));
  });

  it('a null body is an empty body', () => {
    // Act
    const response = respond({ statusCode: 204, body: null });

    // Assess
    expect([response.statusCode, response.body.length]).toEqual([204, 0]);
  });

  it('a body that is not a string is malformed (OUTPUT_FORMAT documents a string)', () => {
    // Act
    const problems = [
      { statusCode: 200, body: 42 },
      { statusCode: 200, body: { a: 1 } },
    ].map(problemOf);

    // Assess
    expect(problems).toEqual(['body must be a string, got number 42', 'body must be a string, got an object']);
  });

  it('an isBase64Encoded that is not a boolean is malformed, null is taken as false', () => {
    // Act
    const problem = problemOf({ statusCode: 200, body: 'aGk=', isBase64Encoded: 'true' });
    const withNull = respond({ statusCode: 200, body: 'aGk=', isBase64Encoded: null }, { binaryAccepted: true });

    // Assess
    expect(problem).toBe('isBase64Encoded must be a boolean, got the string "true"');
    expect(withNull.body.toString()).toBe('aGk=');
  });

  it('isBase64Encoded with a binary Accept: the body is decoded to bytes (test_aws_proxy_binary_response)', () => {
    // Prepare
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);

    // Act
    const body = respond(
      { statusCode: 200, body: bytes.toString('base64'), isBase64Encoded: true },
      { binaryAccepted: true },
    ).body;

    // Assess
    expect(body).toEqual(bytes);
  });

  it('isBase64Encoded without a binary Accept: the base64 text is sent as it is (RECORDED)', () => {
    // Act
    const body = respond({ statusCode: 200, body: 'aGk=', isBase64Encoded: true }).body;

    // Assess
    expect(body.toString()).toBe('aGk=');
  });

  it('a binary Accept does not decode a body the function did not mark isBase64Encoded', () => {
    // Act
    const body = respond({ statusCode: 200, body: 'aGk=', isBase64Encoded: false }, { binaryAccepted: true }).body;

    // Assess
    expect(body.toString()).toBe('aGk=');
  });
});

describe('Content-Type', () => {
  it('is application/json when the function names none (RECORDED)', () => {
    // Act
    const headers = respond({ statusCode: 200, body: '{}' }).headers;

    // Assess
    expect(headers['Content-Type']).toEqual(['application/json']);
  });

  it.each([
    ['headers', { headers: { 'content-type': 'text/plain' } }, 'content-type'],
    ['multiValueHeaders', { multiValueHeaders: { 'CONTENT-TYPE': ['text/plain'] } }, 'CONTENT-TYPE'],
  ])('is the function’s own, in any casing, when it names one in %s', (_label, result, name) => {
    // Act
    const headers = respond({ statusCode: 200, ...result }).headers;

    // Assess
    expect(headers).toEqual({ [name]: ['text/plain'] });
  });
});

describe('headers and multiValueHeaders', () => {
  it('number and boolean values are sent as text (RECORDED: true → "true")', () => {
    // Act
    const headers = respond({
      headers: { 'X-Count': 3, 'X-On': true, 'X-Off': false },
      multiValueHeaders: { 'X-List': [1, false, 'two'] },
    }).headers;

    // Assess
    expect(headers).toMatchObject({
      'X-Count': ['3'],
      'X-On': ['true'],
      'X-Off': ['false'],
      'X-List': ['1', 'false', 'two'],
    });
  });

  it.each([
    ['a header value that is null', { headers: { 'X-A': null } }, 'header X-A must be a string, got null'],
    [
      'a header value that is an object',
      { headers: { 'X-A': { v: 1 } } },
      'header X-A must be a string, got an object',
    ],
    ['headers that are a list', { headers: ['X-A: 1'] }, 'headers must be an object, got an array'],
    ['headers that are a string', { headers: 'X-A: 1' }, 'headers must be an object, got the string "X-A: 1"'],
    [
      'a multiValueHeaders value that is not a list (RECORDED)',
      { multiValueHeaders: { 'test-multi-invalid': 'value1' } },
      'multiValueHeaders.test-multi-invalid must be a list of strings, got the string "value1"',
    ],
    [
      'a multiValueHeaders list holding an object',
      { multiValueHeaders: { 'X-A': ['ok', { v: 1 }] } },
      'multiValueHeaders.X-A must be a list of strings, got an array',
    ],
    [
      'multiValueHeaders that are a list',
      { multiValueHeaders: [['X-A', '1']] },
      'multiValueHeaders must be an object, got an array',
    ],
    [
      'multiValueHeaders that are a string',
      { multiValueHeaders: 'X-A' },
      'multiValueHeaders must be an object, got the string "X-A"',
    ],
  ])('%s is malformed', (_label, result, problem) => {
    // Act
    const actual = problemOf({ statusCode: 200, ...result });

    // Assess
    expect(actual).toBe(problem);
  });

  it('null headers and null multiValueHeaders are taken as none (RECORDED: "headers": null → 200)', () => {
    // Act
    const headers = respond({ statusCode: 200, headers: null, multiValueHeaders: null }).headers;

    // Assess
    expect(headers).toEqual({ 'Content-Type': ['application/json'] });
  });

  it('a name in both maps: the multi-value ones first, then the single one, spelled as multiValueHeaders spells it (RECORDED)', () => {
    // Act
    const headers = respond({
      multiValueHeaders: { 'tesT-Multi': ['value-multi'] },
      headers: { 'test-multi': 'value-solo' },
    }).headers;

    // Assess
    expect(headers).toEqual({ 'tesT-Multi': ['value-multi', 'value-solo'], 'Content-Type': ['application/json'] });
  });

  it('one name spelled two ways within a map is one header, spelled the first way', () => {
    // Act
    const multi = respond({ multiValueHeaders: { 'X-Tag': ['a'], 'x-tag': ['b', 'c'] } }).headers;
    const single = respond({ headers: { 'X-Tag': 'a', 'x-tag': 'b' } }).headers;

    // Assess
    expect(multi['X-Tag']).toEqual(['a', 'b', 'c']);
    expect(multi['x-tag']).toBeUndefined();
    expect(single['X-Tag']).toEqual(['a', 'b']);
    expect(single['x-tag']).toBeUndefined();
  });

  it('the same name and value in both maps is sent once (OUTPUT_FORMAT), a different value is added', () => {
    // Act
    const same = respond({ multiValueHeaders: { 'X-Same': ['one', 'two'] }, headers: { 'x-same': 'two' } }).headers;
    const other = respond({ multiValueHeaders: { 'X-Same': ['one'] }, headers: { 'x-same': 'three' } }).headers;

    // Assess
    expect(same['X-Same']).toEqual(['one', 'two']);
    expect(other['X-Same']).toEqual(['one', 'three']);
  });
});

describe('header names and values that would break the response', () => {
  it.each([
    ['a CR in a value', { headers: { 'X-A': 'ok\r\nSet-Cookie: evil=1' } }, 'X-A'],
    ['an LF in a value', { headers: { 'X-A': 'ok\nx' } }, 'X-A'],
    ['a NUL in a value', { headers: { 'X-A': 'ok\0' } }, 'X-A'],
    ['a CR in one of several values', { multiValueHeaders: { 'X-B': ['fine', 'bad\r'] } }, 'X-B'],
    ['a space in a name', { headers: { 'Bad Name': 'v' } }, 'Bad Name'],
    ['a colon in a name', { headers: { 'X-A:': 'v' } }, 'X-A:'],
    ['a newline ending a name', { headers: { 'X-A\n': 'v' } }, 'X-A\n'],
    ['an empty name', { headers: { '': 'v' } }, ''],
  ])('%s is refused, not written (no response splitting)', (_label, result, name) => {
    // Act
    const problem = problemOf({ statusCode: 200, ...result });

    // Assess: the header is named (a value's fault is said after a colon)
    expect(problem).toMatch(/^header /);
    expect(problem?.startsWith(`header ${JSON.stringify(name)} is not a valid HTTP header`)).toBe(true);
  });

  it.each([
    ['a control character', '\u0001', 'the control character \\x01 at index 2'],
    ['DEL', '\u007f', 'the control character \\x7f at index 2'],
    ['a character outside Latin-1 (€)', '\u20ac', 'U+20AC "€" at index 2'],
    ['an emoji', '\u{1F600}', 'U+1F600 "😀" at index 2'],
  ])('%s in a value is refused with the character named', (_label, char, named) => {
    const problem = problemOf({ statusCode: 200, headers: { 'X-Echo': `ok${char}` } });
    expect(problem).toBe(`header "X-Echo" is not a valid HTTP header: its value has ${named}, which HTTP cannot carry`);
  });

  it('Latin-1 letters (obs-text) and tabs in a value are sent', () => {
    expect(respond({ headers: { 'X-Name': 'Mötley\tcafé' } }).headers['X-Name']).toEqual(['Mötley\tcafé']);
  });

  it('a name made of every character HTTP allows in a token is sent', () => {
    // Prepare: RFC 9110 section 5.6.2, tchar.
    const name = "!#$%&'*+-.^_`|~09azAZ";

    // Act
    const headers = respond({ headers: { [name]: 'v', X: 'with spaces, tabs\tand "quotes"' } }).headers;

    // Assess
    expect(headers[name]).toEqual(['v']);
    expect(headers.X).toEqual(['with spaces, tabs\tand "quotes"']);
  });
});

describe('headers API Gateway owns (KNOWN_ISSUES, headers table)', () => {
  it('Connection, Content-Length, Date and Server are sent as x-amzn-Remapped-<name> in the function’s casing', () => {
    // Act
    const headers = respond({
      headers: { connection: 'close', 'Content-Length': '999', DATE: 'yesterday' },
      multiValueHeaders: { Server: ['mine'] },
    }).headers;

    // Assess
    expect(headers).toEqual({
      'x-amzn-Remapped-connection': ['close'],
      'x-amzn-Remapped-Content-Length': ['999'],
      'x-amzn-Remapped-DATE': ['yesterday'],
      'x-amzn-Remapped-Server': ['mine'],
      'Content-Type': ['application/json'],
    });
  });

  it('Transfer-Encoding is dropped in any casing, the other headers kept', () => {
    // Act
    const headers = respond({
      headers: { 'Transfer-Encoding': 'chunked', 'X-Kept': 'yes' },
      multiValueHeaders: { 'transfer-encoding': ['gzip'] },
    }).headers;

    // Assess
    expect(headers).toEqual({ 'X-Kept': ['yes'], 'Content-Type': ['application/json'] });
  });
});
