import {
  allowedOrigin,
  isPreflight,
  preflightHeaders,
  readCors,
  withCors,
  type CorsConfig,
} from '../../src/http-api/cors';
import type { RequestHead } from '../../src/pipeline/request';
import { parseTemplate } from '../../src/template/template';

// Sources: docs "Configuring CORS for an HTTP API" (https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html:
// the API answers preflight requests itself, adds the configured headers to the integration's responses and ignores
// CORS headers the integration returns); aws-sam-translator 1.110.0 output (CorsConfiguration: true → allowOrigins
// ['*']); the CORS setting names of AWS::ApiGatewayV2::Api and AWS::Lambda::Url (CloudFormation reference).

const template = parseTemplate('Parameters: { Age: { Type: Number, Default: 300 } }\nResources: {}\n');

function head(headers: Array<[string, string]>, method = 'OPTIONS'): RequestHead {
  return {
    method,
    target: '/x',
    rawPath: '/x',
    rawQuery: '',
    rawHeaders: headers.flat(),
    sourceIp: '127.0.0.1',
    httpVersion: '1.1',
    serverPort: 3000,
  };
}

const FULL: CorsConfig = {
  allowOrigins: ['https://app.example'],
  allowMethods: ['GET', 'POST'],
  allowHeaders: ['content-type', 'x-custom'],
  exposeHeaders: ['x-note'],
  maxAge: 600,
  allowCredentials: true,
};

describe('reading a CORS configuration', () => {
  it('every setting, with parameters resolved', () => {
    const cors = readCors(
      'Api',
      template,
      {
        AllowOrigins: ['https://app.example'],
        AllowMethods: ['GET', 'POST'],
        AllowHeaders: ['content-type', 'x-custom'],
        ExposeHeaders: ['x-note'],
        MaxAge: { Ref: 'Age' },
        AllowCredentials: true,
      },
      {},
    );
    expect(cors).toEqual({ ...FULL, maxAge: 300 });
  });

  it('true is AllowOrigins * alone (SAM); absent, null or false is no CORS', () => {
    expect(readCors('Api', template, true, {})).toEqual({
      allowOrigins: ['*'],
      allowMethods: [],
      allowHeaders: [],
      exposeHeaders: [],
      maxAge: undefined,
      allowCredentials: false,
    });
    for (const none of [undefined, null, false]) expect(readCors('Api', template, none, {})).toBeNull();
  });

  it('AllowCredentials given as the string "true" counts; anything else does not', () => {
    // The settings left out are empty, MaxAge none.
    expect(readCors('Api', template, { AllowCredentials: 'true' }, {})).toEqual({
      allowOrigins: [],
      allowMethods: [],
      allowHeaders: [],
      exposeHeaders: [],
      maxAge: undefined,
      allowCredentials: true,
    });
    expect(readCors('Api', template, { AllowCredentials: false }, {})?.allowCredentials).toBe(false);
  });

  it.each([
    ['a string', "'*'", 'Api: its CORS configuration must be true or a map of AllowOrigins, AllowMethods, …'],
    ['a list', ['*'], 'must be true or a map'],
    ['an intrinsic', { Ref: 'X' }, 'must be true or a map'],
    [
      'an unknown setting',
      { AllowOrigin: ['*'] },
      'Api: unknown CORS setting AllowOrigin (known: AllowOrigins, AllowMethods',
    ],
    ['a setting that is not a list', { AllowOrigins: '*' }, 'Api: CORS AllowOrigins must be a list'],
  ])('%s is refused, naming the owner', (_label, value, message) => {
    expect(() => readCors('Api', template, value, {})).toThrow(message);
  });
});

describe('preflights', () => {
  it('OPTIONS with Origin and Access-Control-Request-Method is a preflight; without either, or another method, is not', () => {
    const both: Array<[string, string]> = [
      ['Origin', 'https://app.example'],
      ['Access-Control-Request-Method', 'POST'],
    ];
    expect(isPreflight(head(both))).toBe(true);
    expect(isPreflight(head([both[0]!]))).toBe(false);
    expect(isPreflight(head([both[1]!]))).toBe(false);
    expect(isPreflight(head(both, 'GET'))).toBe(false);
  });

  it('an allowed Origin gets every configured header', () => {
    expect(preflightHeaders(FULL, head([['Origin', 'https://app.example']]))).toEqual({
      'access-control-allow-origin': 'https://app.example',
      'access-control-allow-credentials': 'true',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'content-type,x-custom',
      'access-control-expose-headers': 'x-note',
      'access-control-max-age': '600',
    });
  });

  it('a configuration with origins only sends the origin; another Origin gets no CORS header', () => {
    const originsOnly: CorsConfig = {
      ...FULL,
      allowMethods: [],
      allowHeaders: [],
      exposeHeaders: [],
      maxAge: undefined,
      allowCredentials: false,
    };
    expect(preflightHeaders(originsOnly, head([['Origin', 'https://app.example']]))).toEqual({
      'access-control-allow-origin': 'https://app.example',
    });
    expect(preflightHeaders(FULL, head([['Origin', 'https://evil.example']]))).toEqual({});
  });
});

describe('allowed origins', () => {
  it('an Origin matching any one of several listed origins is allowed', () => {
    const two = { ...FULL, allowOrigins: ['https://one.example', 'https://two.example'] };
    expect(allowedOrigin(two, 'https://two.example')).toBe('https://two.example');
    expect(allowedOrigin(two, 'https://one.example')).toBe('https://one.example');
  });

  it('* allows any origin as *; a listed origin is echoed, compared without case; no Origin is none', () => {
    expect(allowedOrigin({ ...FULL, allowOrigins: ['*'] }, 'https://x.example')).toBe('*');
    expect(allowedOrigin(FULL, 'HTTPS://APP.EXAMPLE')).toBe('HTTPS://APP.EXAMPLE');
    expect(allowedOrigin(FULL, 'https://app.example.evil')).toBeUndefined();
    expect(allowedOrigin(FULL, undefined)).toBeUndefined();
  });
});

describe('several values in one header', () => {
  // Lists go out comma-separated, as the Fetch standard reads Access-Control-Allow-Methods/-Headers/-Expose-Headers.
  const many: CorsConfig = { ...FULL, exposeHeaders: ['x-one', 'x-two'] };

  it('the preflight and the response join them with commas', () => {
    expect(preflightHeaders(many, head([['Origin', 'https://app.example']]))['access-control-expose-headers']).toBe(
      'x-one,x-two',
    );
    const response = { statusCode: 200, headers: {}, body: Buffer.alloc(0) };
    expect(
      withCors(many, head([['Origin', 'https://app.example']], 'GET'), response).headers[
        'access-control-expose-headers'
      ],
    ).toEqual(['x-one,x-two']);
  });
});

describe('CORS headers on a response', () => {
  const response = () => ({
    statusCode: 200,
    headers: { 'Access-Control-Allow-Origin': ['https://mine.example'], 'x-a': ['b'] },
    body: Buffer.from('x'),
  });

  it("the integration's own CORS headers are dropped and the configured ones added for an allowed Origin", () => {
    expect(withCors(FULL, head([['Origin', 'https://app.example']], 'GET'), response()).headers).toEqual({
      'x-a': ['b'],
      'access-control-allow-origin': ['https://app.example'],
      'access-control-allow-credentials': ['true'],
      'access-control-expose-headers': ['x-note'],
    });
  });

  it('another Origin: dropped, none added; no CORS configured: the response as it is', () => {
    expect(withCors(FULL, head([['Origin', 'https://evil.example']], 'GET'), response()).headers).toEqual({
      'x-a': ['b'],
    });
    const plain = { ...FULL, allowCredentials: false, exposeHeaders: [] };
    expect(withCors(plain, head([['Origin', 'https://app.example']], 'GET'), response()).headers).toEqual({
      'x-a': ['b'],
      'access-control-allow-origin': ['https://app.example'],
    });
    expect(withCors(null, head([], 'GET'), response())).toEqual(response());
  });
});
