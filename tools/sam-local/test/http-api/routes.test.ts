import { readHttpApi } from '../../src/http-api/apis';
import { findHttpRoute, functionOfTarget, httpRoutesFromTemplate, type HttpRoute } from '../../src/http-api/routes';
import { resolveTemplate } from '../../src/template/resolve-template';
import { parseTemplate, type Template } from '../../src/template/template';

// Sources (docs/conformance.md lists them):
// - docs: route selection = https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
//   (most specific match, greedy path variables, ANY, $default);
// - aws-sam-translator 1.110.0 output for these templates: an HttpApi event without Path and Method is the $default
//   route, the implicit ServerlessHttpApi and an explicit HttpApi without StageName are on the $default stage,
//   PayloadFormatVersion 2.0 unless set, Globals.HttpApi merged in, CorsConfiguration: true → allowOrigins ['*'];
// - paths arrive decoded: https://github.com/honojs/hono/issues/2156, https://github.com/middleapi/standard-server/pull/93.

const FUNCTION_PROPS = 'CodeUri: fn/, Handler: app.handler, Runtime: nodejs22.x';

function template(yaml: string): Template {
  return parseTemplate(yaml);
}

function routesOf(yaml: string, parameters: Record<string, string> = {}): HttpRoute[] {
  return httpRoutesFromTemplate({ path: 'template.yaml', dir: '.', template: template(yaml) }, parameters);
}

const SELECTION = `
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      ${'{'} ${FUNCTION_PROPS}, Events: {
        Exact: { Type: HttpApi, Properties: { Path: /pets/dog/1, Method: get } },
        Param: { Type: HttpApi, Properties: { Path: '/pets/dog/{id}', Method: get } },
        Greedy: { Type: HttpApi, Properties: { Path: '/pets/{proxy+}', Method: get } },
        AnyGreedy: { Type: HttpApi, Properties: { Path: '/{proxy+}', Method: ANY } },
        AnyParam: { Type: HttpApi, Properties: { Path: '/things/{id}', Method: any } },
        PostParam: { Type: HttpApi, Properties: { Path: '/things/{id}', Method: post } },
        Default: { Type: HttpApi } } }
`;

function selected(method: string, path: string, routes = routesOf(SELECTION)): string {
  const lookup = findHttpRoute(routes, method, path);
  return lookup.kind === 'match' ? lookup.match.route.routeKey : lookup.kind;
}

describe('route selection (docs: the most specific match, then $default)', () => {
  it.each([
    ['GET', '/pets/dog/1', 'GET /pets/dog/1'],
    ['GET', '/pets/dog/2', 'GET /pets/dog/{id}'],
    ['GET', '/pets/cat/1', 'GET /pets/{proxy+}'],
    ['POST', '/pets/dog/1', 'ANY /{proxy+}'],
    ['GET', '/pets', 'ANY /{proxy+}'],
    ['GET', '/', '$default'],
    ['POST', '/things/7', 'POST /things/{id}'],
    ['DELETE', '/things/7', 'ANY /things/{id}'],
    ['GET', '/things/7/more', 'ANY /{proxy+}'],
  ])('%s %s → %s', (method, path, routeKey) => {
    expect(selected(method, path)).toBe(routeKey);
  });

  it('path parameters are decoded, a greedy one spans the rest', () => {
    const routes = routesOf(SELECTION);
    const param = findHttpRoute(routes, 'GET', '/pets/dog/a%20b');
    const greedy = findHttpRoute(routes, 'GET', '/pets/cat/x/y%2Fz');
    expect(param.kind === 'match' && param.match.pathParameters).toEqual({ id: 'a b' });
    expect(greedy.kind === 'match' && greedy.match.pathParameters).toEqual({ proxy: 'cat/x/y/z' });
    expect(greedy.kind === 'match' && greedy.match.rawPath).toBe('/pets/cat/x/y/z');
  });

  it('a literal route matches the decoded path; the $default route has no path parameters', () => {
    const routes = routesOf(SELECTION);
    expect(selected('GET', '/pets/dog/%31', routes)).toBe('GET /pets/dog/1');
    const fallback = findHttpRoute(routes, 'GET', '/');
    expect(fallback.kind === 'match' && fallback.match.pathParameters).toBeNull();
  });

  it('a trailing slash routes as the path without it; a doubled slash inside matches no parameter', () => {
    expect(selected('GET', '/pets/dog/1/')).toBe('GET /pets/dog/1');
    expect(selected('GET', '/pets/dog//1')).toBe('GET /pets/{proxy+}');
  });

  it('without a $default route, an unmatched request is no-route; a malformed path is bad-path', () => {
    const routes = routesOf(SELECTION).filter((route) => route.routeKey !== '$default');
    expect(selected('GET', '/', routes)).toBe('no-route');
    expect(selected('GET', '/pets/%E0%A4%A', routes)).toBe('bad-path');
  });

  it('a route with no parameters has null pathParameters', () => {
    const lookup = findHttpRoute(routesOf(SELECTION), 'GET', '/pets/dog/1');
    expect(lookup.kind === 'match' && lookup.match.pathParameters).toBeNull();
  });
});

describe('route selection: more of the docs rules', () => {
  const fnEvents = (events: string): HttpRoute[] =>
    routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      ${'{'} ${FUNCTION_PROPS}, Events: { ${events} } }
`);

  it('between two greedy routes, the one with a literal where the other has a parameter wins, though it is shorter', () => {
    const routes = fnEvents(`
        Long: { Type: HttpApi, Properties: { Path: '/pets/{kind}/{id}/{proxy+}', Method: get } },
        Short: { Type: HttpApi, Properties: { Path: '/pets/dog/{proxy+}', Method: get } }`);
    expect(selected('GET', '/pets/dog/1/photos', routes)).toBe('GET /pets/dog/{proxy+}');
    expect(selected('GET', '/pets/cat/1/photos', routes)).toBe('GET /pets/{kind}/{id}/{proxy+}');
  });

  it.each([
    [
      'the method route declared first',
      "Post: { Type: HttpApi, Properties: { Path: '/o/{id}', Method: post } }, Any: { Type: HttpApi, Properties: { Path: '/o/{id}', Method: any } }",
    ],
    [
      'the ANY route declared first',
      "Any: { Type: HttpApi, Properties: { Path: '/o/{id}', Method: any } }, Post: { Type: HttpApi, Properties: { Path: '/o/{id}', Method: post } }",
    ],
  ])('on one path the route naming the method wins over ANY (%s)', (_label, events) => {
    const routes = fnEvents(events);
    expect(selected('POST', '/o/7', routes)).toBe('POST /o/{id}');
    expect(selected('DELETE', '/o/7', routes)).toBe('ANY /o/{id}');
  });

  it('$default takes only what no route matches, declared first or not', () => {
    const routes = fnEvents(`
        Default: { Type: HttpApi },
        Root: { Type: HttpApi, Properties: { Path: /, Method: any } }`);
    expect(selected('GET', '/', routes)).toBe('ANY /');
    expect(selected('GET', '/other', routes)).toBe('$default');
  });

  it('an empty part between two slashes is no path parameter', () => {
    const routes = fnEvents(`Mid: { Type: HttpApi, Properties: { Path: '/a/{id}/b', Method: get } }`);
    expect(selected('GET', '/a/1/b', routes)).toBe('GET /a/{id}/b');
    expect(selected('GET', '/a//b', routes)).toBe('no-route');
  });
});

const STAGES = `
Resources:
  Staged:
    Type: AWS::Serverless::HttpApi
    Properties: { StageName: dev, StageVariables: { color: blue } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      ${'{'} ${FUNCTION_PROPS}, Events: {
        Root: { Type: HttpApi, Properties: { Path: /hello, Method: get } },
        Dev: { Type: HttpApi, Properties: { ApiId: !Ref Staged, Path: /hello, Method: get } } } }
`;

describe('stages: $default without a prefix, a named stage under its name', () => {
  it('the same path on two stages reaches each stage’s route; rawPath keeps the stage', () => {
    const routes = routesOf(STAGES);
    const root = findHttpRoute(routes, 'GET', '/hello');
    const dev = findHttpRoute(routes, 'GET', '/dev/hello');
    expect(root.kind === 'match' && [root.match.route.api.logicalId, root.match.rawPath]).toEqual([
      'ServerlessHttpApi',
      '/hello',
    ]);
    expect(dev.kind === 'match' && [dev.match.route.api.logicalId, dev.match.rawPath]).toEqual([
      'Staged',
      '/dev/hello',
    ]);
    expect(dev.kind === 'match' && dev.match.route.api.stageVariables).toEqual({ color: 'blue' });
  });

  it('under a named stage only that stage’s routes are looked at', () => {
    const routes = routesOf(STAGES);
    expect(selected('GET', '/dev/other', routes)).toBe('no-route');
    expect(selected('GET', '/dev', routes)).toBe('no-route');
  });

  it('without a $default stage, a path outside every stage is not an HTTP API’s', () => {
    const routes = routesOf(STAGES).filter((route) => route.api.logicalId === 'Staged');
    expect(selected('GET', '/hello', routes)).toBe('not-ours');
  });
});

describe('routes from the template', () => {
  it('an HttpApi event: its method upper-cased, payload 2.0 and a 30 s timeout unless set', () => {
    const [route] = routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { ${FUNCTION_PROPS}, Events: { A: { Type: HttpApi, Properties: { Path: '/a/{b}', Method: patch } } } }
`);
    expect(route).toMatchObject({
      functionId: 'Fn',
      routeKey: 'PATCH /a/{b}',
      method: 'PATCH',
      path: '/a/{b}',
      payloadVersion: '2.0',
      timeoutMs: 30000,
    });
    expect(route!.api).toMatchObject({
      logicalId: 'ServerlessHttpApi',
      stage: '$default',
      stageVariables: null,
      cors: null,
    });
  });

  it("the event's Auth is read for the authorizer step (NONE: no authorizer); a quick-create route has none", () => {
    const [route] = routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { ${FUNCTION_PROPS}, Events: { A: { Type: HttpApi, Properties: { Path: /a, Method: get, Auth: { Authorizer: NONE } } } } }
`);
    expect(route!.auth).toEqual({ authorizer: null, scopes: [] });
  });

  it('PayloadFormatVersion, TimeoutInMillis and a Path given through a parameter', () => {
    const [route] = routesOf(
      `
Parameters: { P: { Type: String, Default: /p } }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      ${'{'} ${FUNCTION_PROPS}, Events: { A: { Type: HttpApi, Properties: { Path: !Ref P, Method: get, PayloadFormatVersion: '1.0', TimeoutInMillis: 50 } } } }
`,
      { P: '/q' },
    );
    expect(route).toMatchObject({ routeKey: 'GET /q', payloadVersion: '1.0', timeoutMs: 50 });
  });

  it('the x-amazon-apigateway-any-method name is ANY; $default and /$default are the $default route', () => {
    const routes = routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      ${'{'} ${FUNCTION_PROPS}, Events: {
        B: { Type: HttpApi, Properties: { Path: /b, Method: x-amazon-apigateway-any-method } },
        C: { Type: HttpApi, Properties: { Path: /$default, Method: any } } } }
`);
    expect(routes.map((r) => r.routeKey)).toEqual(['ANY /b', '$default']);
    // aws-sam-translator 1.110.0 marks Path: $default, Method: any as the API's default route (isDefaultRoute: true).
    const [plain] = routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { ${FUNCTION_PROPS}, Events: { D: { Type: HttpApi, Properties: { Path: $default, Method: any } } } }
`);
    expect(plain).toMatchObject({ routeKey: '$default', method: 'ANY', path: undefined, segments: [] });
  });

  // aws-sam-translator 1.110.0 refuses an HttpApi event with one of Path and Method: "Event with id [Ev] is invalid.
  // Property 'Method' is required." (and 'Path'); only an event with neither is the $default route.
  it.each([
    ['a Path without a Method', 'Path: /a', "Fn event Ev: Property 'Method' is required"],
    ['a Method without a Path', 'Method: get', "Fn event Ev: Property 'Path' is required"],
  ])('%s is refused, as SAM refuses it', (_label, setting, message) => {
    expect(() =>
      routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { ${FUNCTION_PROPS}, Events: { Ev: { Type: HttpApi, Properties: { ${setting} } } } }
`),
    ).toThrow(message);
  });

  it('an event with neither Path nor Method is the $default route: any method, no path', () => {
    const [route] = routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { ${FUNCTION_PROPS}, Events: { Ev: { Type: HttpApi } } }
`);
    expect(route).toMatchObject({ routeKey: '$default', method: 'ANY', path: undefined, segments: [] });
  });

  it("PayloadFormatVersion '2.0' written out is 2.0; TimeoutInMillis 30000 (the quota's maximum) is accepted", () => {
    const [route] = routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { ${FUNCTION_PROPS}, Events: { Ev: { Type: HttpApi, Properties: { Path: /a, Method: get, PayloadFormatVersion: '2.0', TimeoutInMillis: 30000 } } } }
`);
    expect(route).toMatchObject({ payloadVersion: '2.0', timeoutMs: 30000 });
  });

  it.each([
    [
      'PayloadFormatVersion 3.0',
      "PayloadFormatVersion: '3.0'",
      "PayloadFormatVersion must be '1.0' or '2.0' (found 3.0)",
    ],
    ['TimeoutInMillis 49', 'TimeoutInMillis: 49', 'TimeoutInMillis must be from 50 to 30000 (found 49)'],
    ['TimeoutInMillis 30001', 'TimeoutInMillis: 30001', 'TimeoutInMillis must be from 50 to 30000 (found 30001)'],
    ['TimeoutInMillis 1.5', 'TimeoutInMillis: 1.5', 'TimeoutInMillis must be from 50 to 30000 (found 1.5)'],
  ])('%s is refused, naming the event', (_label, setting, message) => {
    expect(() =>
      routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { ${FUNCTION_PROPS}, Events: { Ev: { Type: HttpApi, Properties: { Path: /a, Method: get, ${setting} } } } }
`),
    ).toThrow(`Fn event Ev: ${message}`);
  });

  it.each([
    ['/a/{b', 'curly braces must enclose a whole path part'],
    ['/a{b}', 'curly braces must enclose a whole path part'],
    ['/{p+}/x', 'nothing can follow the greedy {p+}'],
    ['/{a}b', 'curly braces must enclose a whole path part'],
  ])('a path %s is refused: %s', (path, message) => {
    expect(() =>
      routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { ${FUNCTION_PROPS}, Events: { Ev: { Type: HttpApi, Properties: { Path: '${path}', Method: get } } } }
`),
    ).toThrow(`Fn event Ev: path ${path}: ${message}`);
  });

  it('two APIs answering the same route at the same place stop start-up, naming both', () => {
    expect(() =>
      routesOf(`
Resources:
  Other:
    Type: AWS::Serverless::HttpApi
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      ${'{'} ${FUNCTION_PROPS}, Events: {
        A: { Type: HttpApi, Properties: { Path: '/x/{a}', Method: get } },
        B: { Type: HttpApi, Properties: { ApiId: !Ref Other, Path: '/x/{b}', Method: get } } } }
`),
    ).toThrow(
      'HTTP API ServerlessHttpApi route "GET /x/{a}" (→ Fn) and HTTP API Other route "GET /x/{b}" (→ Fn) answer the same requests at /: ' +
        'on AWS each HTTP API has its own host; locally they share one port. Give one of the APIs a StageName.',
    );
  });

  it('two APIs on one named stage: the refusal names the stage', () => {
    expect(() =>
      routesOf(`
Resources:
  One: { Type: AWS::Serverless::HttpApi, Properties: { StageName: dev } }
  Two: { Type: AWS::Serverless::HttpApi, Properties: { StageName: dev } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      ${'{'} ${FUNCTION_PROPS}, Events: {
        A: { Type: HttpApi, Properties: { ApiId: !Ref One, Path: /x, Method: get } },
        B: { Type: HttpApi, Properties: { ApiId: !Ref Two, Path: /x, Method: get } } } }
`),
    ).toThrow(
      'HTTP API One route "GET /x" (→ Fn) and HTTP API Two route "GET /x" (→ Fn) answer the same requests at /dev: ',
    );
  });

  // Two APIs whose routes answer different requests share the port: a parameter and a greedy parameter, $default and
  // ANY /, /xy and /x/y are different routes (route selection tells them apart).
  it.each([
    ["'/x/{a}'", "'/x/{b+}'"],
    ['/xy', '/x/y'],
  ])('two APIs with the routes GET %s and GET %s are not ambiguous', (first, second) => {
    expect(
      routesOf(`
Resources:
  Other: { Type: AWS::Serverless::HttpApi }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      ${'{'} ${FUNCTION_PROPS}, Events: {
        A: { Type: HttpApi, Properties: { Path: ${first}, Method: get } },
        B: { Type: HttpApi, Properties: { ApiId: !Ref Other, Path: ${second}, Method: get } } } }
`),
    ).toHaveLength(2);
  });

  it('$default on one API and ANY / on another are not ambiguous', () => {
    expect(
      routesOf(`
Resources:
  Other: { Type: AWS::Serverless::HttpApi }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      ${'{'} ${FUNCTION_PROPS}, Events: {
        A: { Type: HttpApi },
        B: { Type: HttpApi, Properties: { ApiId: !Ref Other, Path: /, Method: any } } } }
`),
    ).toHaveLength(2);
  });

  it('the same route on two stages, or two methods on one path, is fine', () => {
    expect(routesOf(STAGES)).toHaveLength(2);
    expect(
      routesOf(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      ${'{'} ${FUNCTION_PROPS}, Events: {
        A: { Type: HttpApi, Properties: { Path: /x, Method: get } },
        B: { Type: HttpApi, Properties: { Path: /x, Method: post } } } }
`),
    ).toHaveLength(2);
  });

  it('other event types and other resources give no HTTP API route', () => {
    expect(
      routesOf(`
Resources:
  Bucket: { Type: AWS::S3::Bucket }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { ${FUNCTION_PROPS}, Events: { A: { Type: Api, Properties: { Path: /x, Method: get } }, Q: { Type: SQS } } }
`),
    ).toEqual([]);
  });
});

describe('quick create (AWS::ApiGatewayV2::Api with Target)', () => {
  const quick = (target: string, extra = ''): string => `
Resources:
  QuickApi:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      ProtocolType: HTTP
      Target: ${target}
      ${extra}
  Fn:
    Type: AWS::Serverless::Function
    Properties: { ${FUNCTION_PROPS} }
`;

  it.each([
    ['!GetAtt Fn.Arn', '!GetAtt Fn.Arn'],
    ['!Ref Fn', '!Ref Fn'],
    [
      'a !Sub invocation ARN naming ${Fn} (aws-samples/serverless-patterns apigw-http-api-lambda)',
      '!Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}/invocations',
    ],
    ['a !Sub naming ${Fn.Arn}', '!Sub "${Fn.Arn}"'],
  ])('Target %s: the $default route on the $default stage, payload 2.0, 30 s', (_label, target) => {
    const [route] = routesOf(quick(target));
    expect(route).toMatchObject({ functionId: 'Fn', routeKey: '$default', payloadVersion: '2.0', timeoutMs: 30000 });
    expect(route!.auth).toEqual({ authorizer: null, scopes: [] });
    expect(route!.api).toMatchObject({ logicalId: 'QuickApi', stage: '$default' });
  });

  it('a RouteKey makes that route', () => {
    const [route] = routesOf(quick('!GetAtt Fn.Arn', "RouteKey: 'POST /orders/{id}'"));
    expect(route).toMatchObject({ routeKey: 'POST /orders/{id}', method: 'POST', path: '/orders/{id}' });
  });

  it.each(['orders', 'GET POST /orders', "'GET /orders extra'"])(
    'a RouteKey %s, neither $default nor METHOD /path, is refused',
    (routeKey) => {
      expect(() => routesOf(quick('!GetAtt Fn.Arn', `RouteKey: ${routeKey}`))).toThrow(
        `HTTP API QuickApi: RouteKey "${routeKey.replaceAll("'", '')}" is not "$default" or "METHOD /path"`,
      );
    },
  );

  it("a RouteKey's path is read as an event's, errors naming the API", () => {
    expect(() => routesOf(quick('!GetAtt Fn.Arn', "RouteKey: 'GET /a/{b'"))).toThrow(
      'HTTP API QuickApi: path /a/{b: curly braces must enclose a whole path part',
    );
  });

  // CloudFormation, AWS::ApiGatewayV2::Api: Target and RouteKey are "Supported only for HTTP APIs", so an API with a
  // Target is an HTTP API even where ProtocolType is left out.
  it('a quick create without ProtocolType is an HTTP API', () => {
    const [route] = routesOf(quick('!GetAtt Fn.Arn').replace('ProtocolType: HTTP', ''));
    expect(route).toMatchObject({ functionId: 'Fn', routeKey: '$default' });
  });

  it("another resource's Target is no HTTP API (an EventBridge Scheduler schedule naming the function)", () => {
    // Modelled on aws-samples/serverless-patterns eventbridge-schedule-to-lambda-sam.
    expect(
      routesOf(`
Resources:
  Schedule:
    Type: AWS::Scheduler::Schedule
    Properties:
      ScheduleExpression: rate(5 minutes)
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target: { Arn: !GetAtt Fn.Arn, RoleArn: !GetAtt Role.Arn }
  Role: { Type: AWS::IAM::Role }
  Fn: { Type: AWS::Serverless::Function, Properties: { ${FUNCTION_PROPS} } }
`),
    ).toEqual([]);
  });

  it('an AWS::ApiGatewayV2::Api without Properties gives no route', () => {
    expect(
      routesOf(`
Resources:
  Bare: { Type: AWS::ApiGatewayV2::Api }
  Fn: { Type: AWS::Serverless::Function, Properties: { ${FUNCTION_PROPS} } }
`),
    ).toEqual([]);
  });

  it('a Target naming no function of the template is refused; a WebSocket API or one without Target gives no route', () => {
    expect(() => routesOf(quick('arn:aws:lambda:us-east-1:123456789012:function:elsewhere'))).toThrow(
      'HTTP API QuickApi: its Target names no function of this template',
    );
    expect(() => routesOf(quick('!GetAtt Other.Arn'))).toThrow('its Target names no function');
    expect(routesOf(quick('!GetAtt Fn.Arn').replace('ProtocolType: HTTP', 'ProtocolType: WEBSOCKET'))).toEqual([]);
    expect(routesOf(quick('!GetAtt Fn.Arn').replace(/Target: .*\n/, ''))).toEqual([]);
  });

  it('functionOfTarget: anything else names no function', () => {
    const t = template(quick('!GetAtt Fn.Arn'));
    expect(functionOfTarget(t, 'Fn')).toBeUndefined();
    expect(functionOfTarget(t, { 'Fn::GetAtt': ['QuickApi', 'Arn'] })).toBeUndefined();
    expect(functionOfTarget(t, { 'Fn::Sub': ['${Fn.Arn}', {}] })).toBe('Fn');
    expect(functionOfTarget(t, { 'Fn::Sub': 42 })).toBeUndefined();
    expect(functionOfTarget(t, { 'Fn::Join': ['', ['a']] })).toBeUndefined();
    expect(functionOfTarget(t, null)).toBeUndefined();
    expect(functionOfTarget(t, undefined)).toBeUndefined();
    expect(functionOfTarget(t, { Ref: 'QuickApi' })).toBeUndefined();
  });

  it('functionOfTarget: an ARN names a function (SAM or CloudFormation) by its FunctionName, never another resource', () => {
    const t = template(`
Resources:
  Bare: { Type: AWS::Serverless::Function }
  Plain: { Type: AWS::Lambda::Function, Properties: { FunctionName: plain-fn } }
  Machine: { Type: AWS::StepFunctions::StateMachine, Properties: { FunctionName: machine-fn } }
  Fn: { Type: AWS::Serverless::Function, Properties: { ${FUNCTION_PROPS}, FunctionName: my-fn } }
`);
    expect(functionOfTarget(t, 'arn:aws:lambda:us-east-1:123456789012:function:my-fn')).toBe('Fn');
    expect(functionOfTarget(t, 'arn:aws:lambda:us-east-1:123456789012:function:plain-fn')).toBe('Plain');
    expect(functionOfTarget(t, 'arn:aws:lambda:us-east-1:123456789012:function:machine-fn')).toBeUndefined();
    expect(functionOfTarget(t, 'arn:aws:lambda:us-east-1:123456789012:function:Machine')).toBeUndefined();
  });
});

describe('the HTTP API model', () => {
  it('an explicit HttpApi: its StageName (a parameter resolved), StageVariables, Globals.HttpApi CORS', () => {
    const t = template(`
Parameters: { Stage: { Type: String, Default: dev } }
Globals:
  HttpApi:
    CorsConfiguration: { AllowOrigins: ['https://a.example'], MaxAge: 60 }
Resources:
  Api:
    Type: AWS::Serverless::HttpApi
    Properties: { StageName: !Ref Stage, StageVariables: { v: !Ref Stage, n: 3 } }
`);
    expect(readHttpApi(t, 'Api', { Stage: 'prod' })).toMatchObject({
      logicalId: 'Api',
      stage: 'prod',
      stageVariables: { v: 'prod', n: '3' },
      cors: { allowOrigins: ['https://a.example'], maxAge: 60, allowCredentials: false },
    });
    expect(readHttpApi(t, 'Api', {}).id).toMatch(/^[0-9a-f]{10}$/);
    expect(readHttpApi(t, 'Api', {}).id).not.toBe(readHttpApi(t, 'ServerlessHttpApi', {}).id);
  });

  it('the implicit API is on $default even when Globals name a StageName; a quick-create API ignores Globals', () => {
    const t = template(`
Globals: { HttpApi: { StageName: dev, CorsConfiguration: true } }
Resources:
  Quick: { Type: AWS::ApiGatewayV2::Api, Properties: { Target: !GetAtt Fn.Arn } }
  Fn: { Type: AWS::Serverless::Function, Properties: { ${FUNCTION_PROPS} } }
`);
    expect(readHttpApi(t, 'ServerlessHttpApi', {})).toMatchObject({ stage: '$default', cors: { allowOrigins: ['*'] } });
    expect(readHttpApi(t, 'Quick', {})).toMatchObject({ stage: '$default', cors: null, stageVariables: null });
  });

  it('an API the template does not have, or a StageName that cannot be resolved, is refused', () => {
    const t = template(`
Resources:
  Api: { Type: AWS::Serverless::HttpApi, Properties: { StageName: !GetAtt X.Y } }
`);
    expect(() => readHttpApi(t, 'Missing', {})).toThrow('HTTP API Missing: the template has no resource of that name');
    expect(() => readHttpApi(t, 'Api', {})).toThrow('HTTP API Api: cannot resolve its StageName locally');
  });

  it('empty StageVariables are none', () => {
    const t = template(`
Resources:
  Api: { Type: AWS::Serverless::HttpApi, Properties: { StageVariables: {} } }
`);
    expect(readHttpApi(t, 'Api', {}).stageVariables).toBeNull();
  });
});

// Issue 19: the template is resolved once before anything reads it (src/template/resolve-template.ts), so a quick
// create's Target arrives as the ARN sam local makes up, and the function is read from it as SAM CLI's LambdaUri
// reads an integration URI (samcli/commands/local/lib/swagger/integration_uri.py).
describe('quick create on the resolved template', () => {
  const resolved = (target: string, functionName = ''): Template =>
    resolveTemplate(
      parseTemplate(`
Resources:
  QuickApi: { Type: AWS::ApiGatewayV2::Api, Properties: { ProtocolType: HTTP, Target: ${target} } }
  Other: { Type: AWS::Serverless::Function, Properties: { ${FUNCTION_PROPS} } }
  Fn: { Type: AWS::Serverless::Function, Properties: { ${FUNCTION_PROPS}${functionName} } }`),
      { region: 'eu-west-1', parameterOverrides: {} },
    ).template;
  const targetOf = (t: Template): unknown => t.Resources.QuickApi?.Properties?.Target;

  it.each([
    ['!GetAtt Fn.Arn', ''],
    ['!Sub "arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations"', ''],
    ['!Sub "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${Fn}"', ''],
    ['!GetAtt Fn.Arn', ', FunctionName: my-fn'],
    ['arn:aws:lambda:eu-west-1:123456789012:function:my-fn:live', ', FunctionName: my-fn'],
  ])('%s%s names Fn', (target, functionName) => {
    // Act
    const t = resolved(target, functionName);

    // Assess
    expect(functionOfTarget(t, targetOf(t))).toBe('Fn');
  });

  it('an ARN of no function of the template, or no ARN, names none', () => {
    // Act
    const names = [
      functionOfTarget(
        resolved('arn:aws:lambda:eu-west-1:123456789012:function:elsewhere'),
        'arn:aws:lambda:eu-west-1:123456789012:function:elsewhere',
      ),
      functionOfTarget(resolved('https://example.com'), 'https://example.com'),
    ];

    // Assess
    expect(names).toEqual([undefined, undefined]);
  });
});
