import { integrationAuthorizer, readRestAnswer } from '../../src/authorizers/rest-answer';
import { methodArn, requestAuthorizerEvent, tokenEvent } from '../../src/authorizers/rest-events';

// Sources: docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html (output)
// and api-gateway-lambda-authorizer-input.html (input).
const policyDocument = { Version: '2012-10-17', Statement: [] };

describe('readRestAnswer', () => {
  it('takes principalId (a number as text), the policy and a context of strings, numbers and booleans', () => {
    expect(readRestAnswer({ principalId: 7, policyDocument, context: { s: 'v', n: 1, b: false } })).toEqual({
      ok: true,
      principalId: '7',
      policyDocument,
      context: { s: 'v', n: 1, b: false },
    });
    expect(readRestAnswer({ principalId: 'u', policyDocument, context: null })).toMatchObject({
      ok: true,
      context: {},
    });
    expect(readRestAnswer({ principalId: 'u', policyDocument })).toMatchObject({ ok: true, context: {} });
  });

  it('names what makes an answer a configuration error', () => {
    expect(readRestAnswer(null)).toEqual({ ok: false, problem: 'the authorizer returned null, not an object' });
    expect(readRestAnswer(undefined)).toEqual({ ok: false, problem: 'the authorizer returned nothing, not an object' });
    expect(readRestAnswer(['x'])).toEqual({ ok: false, problem: 'the authorizer returned ["x"], not an object' });
    expect(readRestAnswer('Allow')).toEqual({ ok: false, problem: 'the authorizer returned "Allow", not an object' });
    expect(readRestAnswer({ policyDocument })).toEqual({
      ok: false,
      problem: 'the authorizer returned no principalId',
    });
    expect(readRestAnswer({ principalId: true, policyDocument })).toEqual({
      ok: false,
      problem: 'the authorizer returned no principalId',
    });
    expect(readRestAnswer({ principalId: 'u' })).toEqual({
      ok: false,
      problem: 'the authorizer returned no policyDocument',
    });
    expect(readRestAnswer({ principalId: 'u', policyDocument, context: 'x' })).toEqual({
      ok: false,
      problem: 'the authorizer context is not a map',
    });
    expect(readRestAnswer({ principalId: 'u', policyDocument, context: ['x'] })).toEqual({
      ok: false,
      problem: 'the authorizer context is not a map',
    });
    expect(readRestAnswer({ principalId: 'u', policyDocument, context: { a: [1] } })).toEqual({
      ok: false,
      problem: 'context.a is a list: only strings, numbers and booleans are allowed',
    });
    expect(readRestAnswer({ principalId: 'u', policyDocument, context: { a: { b: 1 } } })).toEqual({
      ok: false,
      problem: 'context.a is an object: only strings, numbers and booleans are allowed',
    });
    expect(readRestAnswer({ principalId: 'u', policyDocument, context: { a: null } })).toEqual({
      ok: false,
      problem: 'context.a is null: only strings, numbers and booleans are allowed',
    });
  });
});

describe('integrationAuthorizer', () => {
  it('gives the context values as strings, the principalId and integrationLatency', () => {
    expect(integrationAuthorizer('user', { n: 1, b: true, s: 'x' }, 12)).toEqual({
      n: '1',
      b: 'true',
      s: 'x',
      principalId: 'user',
      integrationLatency: 12,
    });
  });

  it('keeps principalId even when the context has a key of that name', () => {
    expect(integrationAuthorizer('user', { principalId: 'other' }, 0).principalId).toBe('user');
  });
});

describe('authorizer events', () => {
  it('builds the method ARN: region, account, API, stage, method, the path as requested without its leading slash', () => {
    const parts = { region: 'eu-west-1', accountId: '1', apiId: 'abc', stage: 'dev', method: 'GET' };
    expect(methodArn({ ...parts, path: '/items/42' })).toBe('arn:aws:execute-api:eu-west-1:1:abc/dev/GET/items/42');
    expect(methodArn({ ...parts, path: '/' })).toBe('arn:aws:execute-api:eu-west-1:1:abc/dev/GET/');
    // Only the leading slashes go: a doubled one before the resource, none inside it.
    expect(methodArn({ ...parts, path: '//items/42' })).toBe('arn:aws:execute-api:eu-west-1:1:abc/dev/GET/items/42');
    expect(methodArn({ ...parts, path: 'items//42' })).toBe('arn:aws:execute-api:eu-west-1:1:abc/dev/GET/items//42');
  });

  it('TOKEN: type, authorizationToken, methodArn', () => {
    expect(tokenEvent('t', 'arn')).toEqual({ type: 'TOKEN', authorizationToken: 't', methodArn: 'arn' });
  });

  it('REQUEST: the proxy event without its body, with type and methodArn', () => {
    const proxy = { resource: '/x', path: '/x', headers: { a: 'b' }, body: 'secret', isBase64Encoded: false };
    expect(requestAuthorizerEvent(proxy, 'arn')).toEqual({
      type: 'REQUEST',
      methodArn: 'arn',
      resource: '/x',
      path: '/x',
      headers: { a: 'b' },
    });
  });
});
