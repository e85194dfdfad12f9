// What Lambda's Invoke API answers for each outcome (shared by sam-local invoke and the invoke endpoint).
import { invocationPayload } from '../../src/lambda/invoke-payload';
import { LAMBDA_RESPONSE_LIMIT_BYTES } from '../../src/lambda/payload-limits';

describe('invocationPayload', () => {
  it('is the result as JSON, with no function error', () => {
    expect(invocationPayload({ kind: 'result', result: { statusCode: 200 } })).toEqual({
      payload: '{"statusCode":200}',
    });
    expect(invocationPayload({ kind: 'result', result: null })).toEqual({ payload: 'null' });
  });

  it('turns a result over 6 MB into Lambda’s Function.ResponseSizeTooLarge error', () => {
    const big = 'x'.repeat(LAMBDA_RESPONSE_LIMIT_BYTES);
    const answer = invocationPayload({ kind: 'result', result: big });
    expect(answer.functionError).toBe('Unhandled');
    expect(JSON.parse(String(answer.payload))).toEqual({
      errorType: 'Function.ResponseSizeTooLarge',
      errorMessage: `Response payload size (${LAMBDA_RESPONSE_LIMIT_BYTES + 2} bytes) exceeded maximum allowed payload size (6291556 bytes).`,
    });
  });

  it('gives a failure Lambda’s error object and X-Amz-Function-Error', () => {
    const thrown = invocationPayload({ kind: 'error', errorType: 'TypeError', errorMessage: 'x', stackTrace: ['a'] });
    expect(thrown).toEqual({
      payload: '{"errorType":"TypeError","errorMessage":"x","trace":["a"]}',
      functionError: 'Unhandled',
    });
    expect(
      JSON.parse(String(invocationPayload({ kind: 'crash', reason: 'Runtime exited with signal SIGKILL' }).payload)),
    ).toEqual({
      errorType: 'Runtime.ExitError',
      errorMessage: 'Runtime exited with signal SIGKILL',
    });
  });

  it('is a streaming handler’s bytes as written, prelude included (the choice in docs/conformance.md)', () => {
    const body = Buffer.concat([Buffer.from('{"statusCode":201}'), Buffer.alloc(8), Buffer.from([0xff, 0x00, 0x41])]);
    const answer = invocationPayload({
      kind: 'result',
      result: body.toString('utf8'),
      streamed: { contentType: 'application/vnd.awslambda.http-integration-response', body },
    });
    expect(answer.functionError).toBeUndefined();
    expect(Buffer.from(answer.payload).equals(body)).toBe(true);
  });

  it('holds streamed bytes to Invoke’s 6 MB response limit', () => {
    const body = Buffer.alloc(LAMBDA_RESPONSE_LIMIT_BYTES + 1, 0x61);
    const answer = invocationPayload({
      kind: 'result',
      result: '',
      streamed: { contentType: 'application/octet-stream', body },
    });
    expect(answer.functionError).toBe('Unhandled');
    expect(JSON.parse(String(answer.payload))).toMatchObject({ errorType: 'Function.ResponseSizeTooLarge' });
  });
});
