import {
  apiFor,
  findPreflight,
  findRoute,
  findRouteForPath,
  routesFromTemplate,
  type Route,
  type RouteLookup,
} from '../../src/api-gateway/routes';
import { parseTemplate } from '../../src/template/template';

// Sources named below (docs/conformance.md lists them):
// - recorded: proxy event = localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.snapshot.json,
//   test_lambda_aws_proxy_integration (paths with leading, doubled and trailing slashes, recorded on AWS);
// - recorded: routing = test_apigateway_common.snapshot.json, test_routing_not_found (unknown path or method → 403).

function routesOf(source: string): Route[] {
  return routesFromTemplate({ path: 'template.yaml', dir: '.', template: parseTemplate(source) });
}

// One API, stage v1, whose events are the given `Name: { Path, Method }` lines (in the order given).
function apiWith(...events: string[]): Route[] {
  return routesOf(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
${events.map((event, i) => `        E${i}: { Type: Api, Properties: { RestApiId: !Ref Api, ${event} } }`).join('\n')}
`);
}

// What a lookup found, in one comparable line: `<method> <resource> <pathParameters>`, or 403.
function summary(found: RouteLookup): string {
  return found.kind === 'match'
    ? `${found.match.route.method} ${found.match.route.resourcePath} ${JSON.stringify(found.match.pathParameters)}`
    : '403';
}

// Built in each test that uses them, so that a router fault fails those tests rather than the test file's load.
function standardRoutes(): Route[] {
  return apiWith(
    'Path: /items/special, Method: get',
    "Path: '/items/{id}', Method: get",
    "Path: '/{proxy+}', Method: any",
    'Path: /, Method: get',
  );
}

function lookup(method: string, path: string): string {
  return summary(findRouteForPath(standardRoutes(), method, path));
}

describe('routes from a template', () => {
  it('takes every Api event of every function (and only those) with its method, path and stage', () => {
    // Prepare
    const template = `
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Literal: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /items/special, Method: get } }
        Schedule: { Type: Schedule, Properties: { Schedule: rate(1 minute) } }
  Other:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Greedy: { Type: Api, Properties: { RestApiId: !Ref Api, Path: '/{proxy+}', Method: any } }
  NoEvents:
    Type: AWS::Serverless::Function
    Properties: { Handler: app.handler }
`;

    // Act
    const found = routesOf(template);

    // Assess
    expect(found.map((r) => `${r.functionId} ${r.method} ${r.api.stage} ${r.resourcePath}`)).toEqual([
      'Fn GET v1 /items/special',
      'Other ANY v1 /{proxy+}',
    ]);
  });

  // A state machine's Api events start an execution, not a function: the local API cannot serve them.
  it('takes no routes from Api events of resources other than functions', () => {
    const found = routesOf(`
Resources:
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Events:
        Start: { Type: Api, Properties: { Path: /start, Method: post } }
`);

    expect(found).toEqual([]);
  });

  it('reads each API once: all the routes of one API share its model, another API has its own', () => {
    const found = routesOf(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        A: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /a, Method: get } }
        B: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /b, Method: get } }
        C: { Type: Api, Properties: { Path: /c, Method: get } }
`);

    expect(found[1]!.api).toBe(found[0]!.api);
    expect(found[2]!.api).not.toBe(found[0]!.api);
    expect(found[2]!.api.stage).toBe('Prod');
  });

  // AWS: "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end"
  // (claudiajs/claudia issue #11).
  it.each(['/v{version}', '/{version}x', '/{a}{b}', '/{}', '/{+}', '/items/{id', '/items/id}'])(
    'refuses the path %s, whose curly braces do not enclose a whole path part, with a clear error',
    (path) => {
      expect(() => apiWith(`Path: '${path}', Method: get`)).toThrow(
        `Api event path ${path}: curly braces must enclose a whole path part`,
      );
    },
  );

  // AWS's CreateResource: "Cannot create a child of a resource with a greedy path variable" (as
  // localstack/localstack reproduces it in localstack-core/localstack/services/apigateway/legacy/provider.py).
  it('refuses a path that goes on after a greedy part, with a clear error', () => {
    expect(() => apiWith("Path: '/files/{proxy+}/meta', Method: get")).toThrow(
      'Api event path /files/{proxy+}/meta: nothing can follow the greedy {proxy+}',
    );
  });

  it('reads {name} as a path parameter and {name+} as a greedy one', () => {
    const found = apiWith("Path: '/users/{user_id}/files/{path+}', Method: get");

    expect(summary(findRouteForPath(found, 'GET', '/v1/users/7/files/a/b.txt'))).toBe(
      'GET /users/{user_id}/files/{path+} {"user_id":"7","path":"a/b.txt"}',
    );
  });
});

describe('which route serves a path (most specific wins)', () => {
  it('prefers a literal segment to a parameter and a parameter to a greedy path, like API Gateway', () => {
    expect(lookup('GET', '/items/special')).toBe('GET /items/special null');
    expect(lookup('GET', '/v1/items/42')).toBe('GET /items/{id} {"id":"42"}');
    expect(lookup('POST', '/v1/other/deep/path')).toBe('ANY /{proxy+} {"proxy":"other/deep/path"}');
    expect(lookup('GET', '/v1')).toBe('GET / null');
    expect(lookup('GET', '/')).toBe('GET / null');
  });

  it('picks the most specific route whatever order the template declares them in', () => {
    const reversed = apiWith(
      'Path: /, Method: get',
      "Path: '/{proxy+}', Method: any",
      "Path: '/items/{id}', Method: get",
      'Path: /items/special, Method: get',
    );

    expect(summary(findRouteForPath(reversed, 'GET', '/v1/items/special'))).toBe('GET /items/special null');
    expect(summary(findRouteForPath(reversed, 'GET', '/v1/items/42'))).toBe('GET /items/{id} {"id":"42"}');
    expect(summary(findRouteForPath(reversed, 'GET', '/v1/x'))).toBe('ANY /{proxy+} {"proxy":"x"}');
  });

  it('decides segment by segment from the left: a literal first segment beats a parameter there', () => {
    const found = apiWith("Path: '/{kind}/special', Method: get", "Path: '/items/{id}', Method: get");

    expect(summary(findRouteForPath(found, 'GET', '/v1/items/special'))).toBe('GET /items/{id} {"id":"special"}');
    expect(summary(findRouteForPath(found, 'GET', '/v1/users/special'))).toBe('GET /{kind}/special {"kind":"users"}');
  });

  it('prefers a greedy path under a literal to a greedy path at the root', () => {
    const found = apiWith("Path: '/{proxy+}', Method: any", "Path: '/files/{rest+}', Method: any");

    expect(summary(findRouteForPath(found, 'GET', '/v1/files/a/b'))).toBe('ANY /files/{rest+} {"rest":"a/b"}');
  });

  it('serves each method of one resource from its own route', () => {
    const found = apiWith("Path: '/items/{id}', Method: get", "Path: '/items/{id}', Method: delete");

    expect(summary(findRouteForPath(found, 'DELETE', '/v1/items/1'))).toBe('DELETE /items/{id} {"id":"1"}');
    expect(summary(findRouteForPath(found, 'GET', '/v1/items/1'))).toBe('GET /items/{id} {"id":"1"}');
  });

  it('serves a method the resource does not name from its ANY route, and the named method from its own', () => {
    const found = apiWith("Path: '/items/{id}', Method: any", "Path: '/items/{id}', Method: get");

    expect(summary(findRouteForPath(found, 'PATCH', '/v1/items/1'))).toBe('ANY /items/{id} {"id":"1"}');
    expect(summary(findRouteForPath(found, 'GET', '/v1/items/1'))).toBe('GET /items/{id} {"id":"1"}');
  });

  // docs/conformance.md, "what could not be established": the most specific resource decides.
  it('does not fall back to a less specific route for a method the matched resource lacks', () => {
    expect(findRouteForPath(standardRoutes(), 'DELETE', '/v1/items/42')).toEqual({ kind: 'no-route' });
  });

  // recorded: routing.
  it('finds no route for a path no resource matches', () => {
    const found = apiWith('Path: /items, Method: get');

    expect(findRouteForPath(found, 'GET', '/v1/other')).toEqual({ kind: 'no-route' });
    expect(findRouteForPath(found, 'GET', '/v1/items/42')).toEqual({ kind: 'no-route' });
    expect(findRouteForPath(found, 'GET', '/v1')).toEqual({ kind: 'no-route' });
  });

  it('matches a {param} only with exactly one part: not a missing one, not two', () => {
    const found = apiWith("Path: '/items/{id}', Method: get");

    expect(findRouteForPath(found, 'GET', '/v1/items')).toEqual({ kind: 'no-route' });
    expect(findRouteForPath(found, 'GET', '/v1/items/42/extra')).toEqual({ kind: 'no-route' });
  });

  // docs/conformance.md, "what could not be established": an empty segment matches no literal and no parameter.
  it('matches no parameter with the empty part of a doubled slash inside the path', () => {
    const found = apiWith("Path: '/items/{id}/{tag}', Method: get");

    expect(findRouteForPath(found, 'GET', '/v1/items//x')).toEqual({ kind: 'no-route' });
  });

  it('needs at least one part for a greedy path: /files/ alone is not /files/{proxy+}', () => {
    const found = apiWith("Path: '/files/{proxy+}', Method: any");

    expect(findRouteForPath(found, 'GET', '/v1/files/')).toEqual({ kind: 'no-route' });
    expect(summary(findRouteForPath(found, 'GET', '/v1/files/a'))).toBe('ANY /files/{proxy+} {"proxy":"a"}');
  });

  // docs/conformance.md: literals are compared decoded; a malformed percent sequence matches no literal.
  it('compares literal segments percent-decoded, and a malformed sequence with none', () => {
    const found = apiWith('Path: /hello, Method: get');

    expect(summary(findRouteForPath(found, 'GET', '/v1/hell%6F'))).toBe('GET /hello null');
    expect(findRouteForPath(found, 'GET', '/v1/hell%E0%A4%A')).toEqual({ kind: 'no-route' });
  });

  it('finds a route from the path’s segments (findRoute)', () => {
    expect(summary(findRoute(standardRoutes(), 'GET', ['v1', 'items', '42']))).toBe('GET /items/{id} {"id":"42"}');
  });
});

describe('the paths a matched route is given (recorded: proxy event)', () => {
  function match(path: string) {
    const lookedUp = findRouteForPath(standardRoutes(), 'GET', path);
    if (lookedUp.kind !== 'match') throw new Error(`no route for ${path}`);
    return lookedUp.match;
  }

  it('gives path without the stage and requestContext.path with it, for a request with the stage prefix', () => {
    expect(match('/v1/items/42')).toMatchObject({ path: '/items/42', stagePath: '/v1/items/42' });
  });

  it('gives a request without the stage prefix the stage-prefixed requestContext.path it has when deployed', () => {
    expect(match('/items/42')).toMatchObject({ path: '/items/42', stagePath: '/v1/items/42' });
  });

  it('gives the root resource path / and requestContext.path /<stage>, with or without the prefix', () => {
    expect(match('/v1')).toMatchObject({ path: '/', stagePath: '/v1' });
    expect(match('/')).toMatchObject({ path: '/', stagePath: '/v1' });
  });

  it('collapses slashes before and after the stage in path, and keeps them in requestContext.path', () => {
    expect(match('//v1//items/42')).toMatchObject({ path: '/items/42', stagePath: '/v1//items/42' });
  });

  it('collapses leading slashes of a request without the stage prefix', () => {
    expect(match('///items/42')).toMatchObject({ path: '/items/42', stagePath: '/v1/items/42' });
  });

  it('keeps a trailing slash in both paths, but not in a greedy parameter', () => {
    expect(match('/v1/items/42/')).toMatchObject({
      path: '/items/42/',
      stagePath: '/v1/items/42/',
      pathParameters: { id: '42' },
    });
    expect(match('/v1/a/b/')).toMatchObject({ path: '/a/b/', pathParameters: { proxy: 'a/b' } });
  });

  // Not recorded: the toolkit treats several trailing slashes as one.
  it('matches a path ending in several slashes as it matches one ending in one', () => {
    expect(match('/v1/items/42//')).toMatchObject({ path: '/items/42//', pathParameters: { id: '42' } });
  });

  it('keeps a doubled slash inside a greedy parameter, and percent-encoding in every parameter', () => {
    expect(match('/v1/a//b%20c')).toMatchObject({ pathParameters: { proxy: 'a//b%20c' } });
    expect(match('/v1/items/a%2Fb')).toMatchObject({ pathParameters: { id: 'a%2Fb' } });
  });
});

describe('APIs with different stages', () => {
  const twoApis = (): Route[] =>
    routesOf(`
Resources:
  First:
    Type: AWS::Serverless::Api
    Properties: { StageName: one, Cors: "'*'" }
  Second:
    Type: AWS::Serverless::Api
    Properties: { StageName: two }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        A: { Type: Api, Properties: { RestApiId: !Ref First, Path: /a, Method: get } }
        B: { Type: Api, Properties: { RestApiId: !Ref Second, Path: /b, Method: get } }
        Root: { Type: Api, Properties: { RestApiId: !Ref Second, Path: /, Method: get } }
`);

  it('serves each API’s routes under its own stage prefix', () => {
    expect(summary(findRouteForPath(twoApis(), 'GET', '/one/a'))).toBe('GET /a null');
    expect(summary(findRouteForPath(twoApis(), 'GET', '/two/b'))).toBe('GET /b null');
  });

  it('does not serve one API’s routes under another API’s stage prefix', () => {
    expect(findRouteForPath(twoApis(), 'GET', '/one/b')).toEqual({ kind: 'no-route' });
    expect(findRouteForPath(twoApis(), 'GET', '/two/a')).toEqual({ kind: 'no-route' });
  });

  it('serves every API’s routes without a prefix, each with its own stage in requestContext.path', () => {
    const a = findRouteForPath(twoApis(), 'GET', '/a');
    const b = findRouteForPath(twoApis(), 'GET', '/b');

    expect(a.kind === 'match' && a.match.stagePath).toBe('/one/a');
    expect(b.kind === 'match' && b.match.stagePath).toBe('/two/b');
  });

  // docs/conformance.md: a path that starts with a stage name is routed within that stage only.
  it('routes /<stage> to that API’s root resource only', () => {
    expect(findRouteForPath(twoApis(), 'GET', '/one')).toEqual({ kind: 'no-route' });
    expect(summary(findRouteForPath(twoApis(), 'GET', '/two'))).toBe('GET / null');
  });

  describe('apiFor (the API whose headers API Gateway’s own answers carry)', () => {
    it('is the API whose stage the path starts with', () => {
      expect(apiFor(twoApis(), '/two/missing')?.logicalId).toBe('Second');
      expect(apiFor(twoApis(), '//two/missing')?.logicalId).toBe('Second');
    });

    it('is the first route’s API for a path without a stage prefix', () => {
      expect(apiFor(twoApis(), '/missing')?.logicalId).toBe('First');
    });

    it('is none for a template without routes', () => {
      expect(apiFor([], '/anything')).toBeUndefined();
    });
  });

  // SAM's Cors adds an OPTIONS method answering the preflight to every path of that API
  // (docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-corsconfiguration.html).
  describe('findPreflight', () => {
    it('answers for a path of an API with Cors, with that API’s CORS headers', () => {
      // The first API's Cors, with /a's own methods (SAM's default when Cors has no AllowMethods).
      const firstApiPreflight = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET,OPTIONS' };

      expect(findPreflight(twoApis(), '/one/a')).toEqual(firstApiPreflight);
      expect(findPreflight(twoApis(), '/a')).toEqual(firstApiPreflight);
    });

    it('does not answer for a path of an API without Cors', () => {
      expect(findPreflight(twoApis(), '/two/b')).toBeUndefined();
    });

    it('does not answer for a path no route serves', () => {
      expect(findPreflight(twoApis(), '/one/missing')).toBeUndefined();
    });

    it('answers for a path served only by a method other than GET', () => {
      const found = routesOf(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1, Cors: "'https://example.com'" }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Get: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /read, Method: get } }
        Post: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /write, Method: post } }
`);

      expect(findPreflight(found, '/v1/write')).toMatchObject({ 'Access-Control-Allow-Origin': 'https://example.com' });
    });
  });
});
