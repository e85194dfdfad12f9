import { findRoute, routesFromTemplate } from '../../src/api-gateway/routes';
import { parseTemplate } from '../../src/template/template';

const template = parseTemplate(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1 }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Literal: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /items/special, Method: get } }
        Param: { Type: Api, Properties: { RestApiId: !Ref Api, Path: '/items/{id}', Method: get } }
        Greedy: { Type: Api, Properties: { RestApiId: !Ref Api, Path: '/{proxy+}', Method: any } }
        Root: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /, Method: get } }
        Schedule: { Type: Schedule, Properties: { Schedule: rate(1 minute) } }
`);
const routes = routesFromTemplate({ path: 'template.yaml', dir: '.', template });

function lookup(method: string, path: string): string {
  const found = findRoute(routes, method, path.split('/').filter(Boolean));
  return found.kind === 'match'
    ? `${found.match.route.resourcePath} ${JSON.stringify(found.match.pathParameters)}`
    : '403';
}

describe('routes from a template', () => {
  it('takes every Api event (and only those) with its method, path and stage', () => {
    expect(routes.map((r) => `${r.method} ${r.api.stage} ${r.resourcePath}`)).toEqual([
      'GET v1 /items/special',
      'GET v1 /items/{id}',
      'ANY v1 /{proxy+}',
      'GET v1 /',
    ]);
  });

  it('prefers literal segments over parameters over greedy paths, like API Gateway', () => {
    expect(lookup('GET', '/items/special')).toBe('/items/special null');
    expect(lookup('GET', '/v1/items/42')).toBe('/items/{id} {"id":"42"}');
    expect(lookup('POST', '/v1/other/deep/path')).toBe('/{proxy+} {"proxy":"other/deep/path"}');
    expect(lookup('GET', '/v1')).toBe('/ null');
    expect(lookup('GET', '/')).toBe('/ null');
  });

  it('does not fall back to a less specific route for a method the matched resource lacks', () => {
    expect(lookup('DELETE', '/v1/items/42')).toBe('403');
  });
});
