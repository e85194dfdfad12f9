// A streamed response on a RESPONSE_STREAM function URL: the application/vnd.awslambda.http-integration-response
// prelude (JSON, then 8 NUL bytes: aws-lambda-nodejs-runtime-interface-client src/HttpResponseStream.js; AWS docs
// "Invoking Lambda function URLs", response streaming) and a stream without one (src/ResponseStream.js's default
// content type, application/octet-stream).
import { splitPrelude, streamedUrlResponse } from '../../src/function-url/streamed-response';
import { fromWire, HTTP_INTEGRATION_RESPONSE } from '../../src/lambda/streamed-response';

const NULS = Buffer.alloc(8);
const integration = (...parts: Array<string | Buffer>): { contentType: string; body: Buffer } => ({
  contentType: HTTP_INTEGRATION_RESPONSE,
  body: Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : part))),
});

describe('splitPrelude', () => {
  it('splits at the first 8 NUL bytes and keeps NUL bytes in the body', () => {
    const split = splitPrelude(Buffer.concat([Buffer.from('{"statusCode":404}'), NULS, Buffer.from([0, 0, 1]), NULS]));
    expect(split.ok).toBe(true);
    if (!split.ok) return;
    expect(split.prelude).toEqual({ statusCode: 404 });
    expect(split.rest.equals(Buffer.concat([Buffer.from([0, 0, 1]), NULS]))).toBe(true);
  });

  it('an empty body after the delimiter is an empty body', () => {
    const split = splitPrelude(Buffer.concat([Buffer.from('{}'), NULS]));
    expect(split).toEqual({ ok: true, prelude: {}, rest: Buffer.alloc(0) });
  });

  it('seven NUL bytes are not the delimiter', () => {
    expect(splitPrelude(Buffer.concat([Buffer.from('{}'), Buffer.alloc(7), Buffer.from('x')]))).toEqual({
      ok: false,
      problem: `its stream has the content type ${HTTP_INTEGRATION_RESPONSE} but no 8 NUL bytes after a JSON prelude`,
    });
  });

  it.each([
    ['not JSON', '{statusCode:200}', /^its response prelude is not JSON \(/],
    ['a JSON list', '[200]', /^its response prelude is not a JSON object$/],
    ['JSON null', 'null', /^its response prelude is not a JSON object$/],
    ['a JSON string', '"200"', /^its response prelude is not a JSON object$/],
  ])('a prelude that is %s is refused', (_what, prelude, problem) => {
    const split = splitPrelude(Buffer.concat([Buffer.from(prelude), NULS, Buffer.from('body')]));
    expect(split.ok).toBe(false);
    if (!split.ok) expect(split.problem).toMatch(problem);
  });
});

describe('streamedUrlResponse', () => {
  it('a stream without the prelude content type: 200, its content type, its bytes', () => {
    const body = Buffer.from([0xff, 0x00, 0x7b]);
    expect(streamedUrlResponse({ contentType: 'application/octet-stream', body })).toEqual({
      ok: true,
      response: { statusCode: 200, headers: { 'content-type': ['application/octet-stream'] }, body },
    });
    const text = streamedUrlResponse({ contentType: 'text/event-stream', body: Buffer.from('data: 1\n\n') });
    expect(text.ok && text.response.headers['content-type']).toEqual(['text/event-stream']);
  });

  it('the prelude’s status code, headers (as written) and cookies (each a Set-Cookie), the rest as the body', () => {
    const answer = streamedUrlResponse(
      integration(
        JSON.stringify({
          statusCode: 418,
          headers: { 'Content-Type': 'text/plain', 'X-Tea': 'yes' },
          cookies: ['a=1', 'b=2'],
        }),
        NULS,
        'short and stout',
      ),
    );
    expect(answer).toEqual({
      ok: true,
      response: {
        statusCode: 418,
        headers: { 'Content-Type': ['text/plain'], 'X-Tea': ['yes'], 'set-cookie': ['a=1', 'b=2'] },
        body: Buffer.from('short and stout'),
      },
    });
  });

  it('a prelude without statusCode is a 200; without a content type, application/octet-stream', () => {
    const answer = streamedUrlResponse(integration('{"headers":{"x-a":"1"}}', NULS, 'b'));
    expect(answer).toEqual({
      ok: true,
      response: {
        statusCode: 200,
        headers: { 'x-a': ['1'], 'content-type': ['application/octet-stream'] },
        body: Buffer.from('b'),
      },
    });
  });

  it('a content-type header in any case is the response’s (no second one added)', () => {
    const answer = streamedUrlResponse(integration('{"headers":{"CONTENT-TYPE":"text/csv"}}', NULS, 'a,b'));
    expect(answer.ok && answer.response.headers).toEqual({ 'CONTENT-TYPE': ['text/csv'] });
  });

  it('statusCode as a numeric string, as the 2.0 result rules take it', () => {
    const answer = streamedUrlResponse(integration('{"statusCode":"404"}', NULS));
    expect(answer.ok && answer.response.statusCode).toBe(404);
  });

  it.each([
    ['a status code out of range', '{"statusCode":700}', /statusCode must be an integer from 100 to 599/],
    ['headers that are a list', '{"headers":["a"]}', /headers must be an object/],
    ['a header with a line break', '{"headers":{"x":"a\\r\\nb"}}', /is not a valid HTTP header/],
    ['cookies that are not strings', '{"cookies":[1]}', /cookies must be a list of strings/],
  ])('refuses %s', (_what, prelude, problem) => {
    const answer = streamedUrlResponse(integration(prelude, NULS, 'x'));
    expect(answer.ok).toBe(false);
    if (!answer.ok)
      expect(answer.problem).toMatch(new RegExp(`^its response prelude is malformed: .*${problem.source}`));
  });

  it('an http-integration-response stream ended without a write has no prelude: an empty 200', () => {
    expect(streamedUrlResponse(integration())).toEqual({
      ok: true,
      response: { statusCode: 200, headers: { 'content-type': ['application/octet-stream'] }, body: Buffer.alloc(0) },
    });
  });

  it('bytes without the delimiter under the prelude content type are refused', () => {
    const answer = streamedUrlResponse(integration('{"statusCode":200}<html>'));
    expect(answer.ok).toBe(false);
  });
});

describe('fromWire: what the Invoke payload of a streamed response reads as', () => {
  it('the JSON value when the bytes are JSON, else their text; the bytes kept', () => {
    const json = fromWire({
      contentType: 'application/json',
      body: Buffer.from('{"statusCode":201}').toString('base64'),
    });
    expect(json.result).toEqual({ statusCode: 201 });
    expect(json.streamed).toEqual({ contentType: 'application/json', body: Buffer.from('{"statusCode":201}') });
    const text = fromWire({ contentType: 'text/plain', body: Buffer.from('Hello').toString('base64') });
    expect(text.result).toBe('Hello');
  });
});
