import {
  describeSource,
  parseHttpIdentitySource,
  readIdentity,
  type IdentityView,
} from '../../src/authorizers/identity-sources';

// Source: docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html (a missing,
// null or empty identity source is a 401 without invoking the authorizer).
const view: IdentityView = {
  headers: { Authorization: 'token-1', 'X-Empty': '' },
  query: { q: 'v' },
  stageVariables: { color: 'blue' },
  context: { stage: 'dev', identity: { sourceIp: '203.0.113.7' }, nothing: null },
};

describe('readIdentity', () => {
  it('reads headers (any case of the name), query strings, stage variables and context variables, in order', () => {
    expect(
      readIdentity(
        [
          { kind: 'header', name: 'authorization' },
          { kind: 'query', name: 'q' },
          { kind: 'stageVariable', name: 'color' },
          { kind: 'context', name: 'stage' },
          { kind: 'context', name: 'identity.sourceIp' },
        ],
        view,
      ),
    ).toEqual({ kind: 'present', values: ['token-1', 'v', 'blue', 'dev', '203.0.113.7'] });
  });

  it('names the first source that is absent or empty', () => {
    const cases = [
      { kind: 'header' as const, name: 'X-Missing' },
      { kind: 'header' as const, name: 'X-Empty' },
      { kind: 'query' as const, name: 'other' },
      { kind: 'stageVariable' as const, name: 'other' },
      { kind: 'context' as const, name: 'nothing' },
      { kind: 'context' as const, name: 'identity.user' },
      { kind: 'context' as const, name: 'stage.deeper' },
    ];
    for (const source of cases) {
      expect(readIdentity([{ kind: 'query', name: 'q' }, source], view)).toEqual({ kind: 'missing', source });
    }
  });

  it('finds no query string or stage variable when the request has none', () => {
    const bare: IdentityView = { headers: {}, query: null, stageVariables: null, context: {} };
    expect(readIdentity([{ kind: 'query', name: 'q' }], bare).kind).toBe('missing');
    expect(readIdentity([{ kind: 'stageVariable', name: 'color' }], bare).kind).toBe('missing');
  });

  it('has nothing to miss without sources', () => {
    expect(readIdentity([], view)).toEqual({ kind: 'present', values: [] });
  });

  it('gives a context number or boolean as text', () => {
    expect(readIdentity([{ kind: 'context', name: 'n' }], { ...view, context: { n: 0 } })).toEqual({
      kind: 'present',
      values: ['0'],
    });
    expect(readIdentity([{ kind: 'context', name: 'b' }], { ...view, context: { b: false } })).toEqual({
      kind: 'present',
      values: ['false'],
    });
  });

  it('follows a dotted context name through objects only: not into a string, null or an object value', () => {
    for (const name of ['stage.length', 'nothing.deeper', 'identity']) {
      expect(readIdentity([{ kind: 'context', name }], view)).toEqual({
        kind: 'missing',
        source: { kind: 'context', name },
      });
    }
  });
});

describe('describeSource and parseHttpIdentitySource', () => {
  it("names a source as the REST API's and the HTTP API's identity source expressions do", () => {
    expect(describeSource({ kind: 'header', name: 'Auth' }, 'rest')).toBe('method.request.header.Auth');
    expect(describeSource({ kind: 'query', name: 'q' }, 'rest')).toBe('method.request.querystring.q');
    expect(describeSource({ kind: 'stageVariable', name: 's' }, 'rest')).toBe('stageVariables.s');
    expect(describeSource({ kind: 'context', name: 'c' }, 'rest')).toBe('context.c');
    expect(describeSource({ kind: 'header', name: 'Auth' }, 'http')).toBe('$request.header.Auth');
    expect(describeSource({ kind: 'query', name: 'q' }, 'http')).toBe('$request.querystring.q');
    expect(describeSource({ kind: 'stageVariable', name: 's' }, 'http')).toBe('$stageVariables.s');
    expect(describeSource({ kind: 'context', name: 'c' }, 'http')).toBe('$context.c');
  });

  it('reads the HTTP API expressions back, and nothing else', () => {
    expect(parseHttpIdentitySource('$request.header.Authorization')).toEqual({ kind: 'header', name: 'Authorization' });
    expect(parseHttpIdentitySource('$request.querystring.token')).toEqual({ kind: 'query', name: 'token' });
    expect(parseHttpIdentitySource('$stageVariables.v')).toEqual({ kind: 'stageVariable', name: 'v' });
    expect(parseHttpIdentitySource('$context.requestId')).toEqual({ kind: 'context', name: 'requestId' });
    expect(parseHttpIdentitySource('$request.header.')).toBeUndefined();
    expect(parseHttpIdentitySource('method.request.header.Authorization')).toBeUndefined();
  });
});
