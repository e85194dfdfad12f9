// What every route of one REST API shares, read from the template as SAM deploys it. Sources:
// aws/serverless-application-model (aws-sam-translator 1.110.0, run on these templates): the implicit API's stage
// Prod, Globals.Api merged into each API (samtranslator/plugins/globals/globals.py), Cors (model/api/api_generator.py
// _add_cors, swagger/swagger.py add_cors), BinaryMediaTypes' `~1`.
import { IMPLICIT_API, readRestApi, restApiIdOf, type RestApi } from '../../src/api-gateway/apis';
import { findPreflight, routesFromTemplate } from '../../src/api-gateway/routes';
import { parseTemplate } from '../../src/template/template';

const FUNCTION = `
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: fn/, Handler: app.handler }`;

/** The API `logicalId` of a template made of `yaml` (Globals, Parameters, Resources) and one function. */
function apiOf(yaml: string, logicalId = 'Api', parameters: Record<string, string> = {}): RestApi {
  const template = parseTemplate(yaml.includes('Resources:') ? `${yaml}${FUNCTION}` : `${yaml}\nResources:${FUNCTION}`);
  return readRestApi(template, logicalId, parameters);
}

describe('which API an Api event belongs to', () => {
  it('RestApiId: !Ref Api, or the logical id as a plain string (SAM takes both), names that API', () => {
    // Act
    const ids = [restApiIdOf({ Ref: 'Api' }), restApiIdOf('Api')];

    // Assess
    expect(ids).toEqual(['Api', 'Api']);
  });

  it('no RestApiId is SAM’s implicit API, ServerlessRestApi', () => {
    // Act
    const ids = [restApiIdOf(undefined), restApiIdOf(null), restApiIdOf({ 'Fn::GetAtt': ['Api', 'RootResourceId'] })];

    // Assess
    expect(ids).toEqual(['ServerlessRestApi', 'ServerlessRestApi', 'ServerlessRestApi']);
  });
});

describe('the API id and stage', () => {
  it('the id is 10 lowercase hex characters like an API Gateway id, the same for the same logical id', () => {
    // Prepare
    const yaml = `
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1 } }
  Other: { Type: AWS::Serverless::Api, Properties: { StageName: v1 } }`;

    // Act
    const [first, again, other] = [apiOf(yaml), apiOf(yaml), apiOf(yaml, 'Other')];

    // Assess
    expect(first.id).toMatch(/^[0-9a-f]{10}$/);
    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect([first.logicalId, other.logicalId]).toEqual(['Api', 'Other']);
  });

  it('the implicit API is deployed with the stage Prod', () => {
    // Act
    const api = apiOf('', IMPLICIT_API.id);

    // Assess
    expect(api.stage).toBe('Prod');
  });

  it('an explicit API’s StageName, literal or from a parameter (its default or an override)', () => {
    // Prepare
    const yaml = `
Parameters:
  Stage: { Type: String, Default: dev }
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: !Ref Stage } }
  Literal: { Type: AWS::Serverless::Api, Properties: { StageName: v2 } }`;

    // Act
    const stages = [apiOf(yaml).stage, apiOf(yaml, 'Api', { Stage: 'prod' }).stage, apiOf(yaml, 'Literal').stage];

    // Assess
    expect(stages).toEqual(['dev', 'prod', 'v2']);
  });

  it('a resource the template names ServerlessRestApi is still deployed as Prod, whatever its StageName (real bug: took its StageName)', () => {
    // Act
    const api = apiOf(
      `Resources:\n  ServerlessRestApi: { Type: AWS::Serverless::Api, Properties: { StageName: live } }`,
      'ServerlessRestApi',
    );

    // Assess
    expect(api.stage).toBe('Prod');
  });

  it('an Api event naming an API the template lacks is refused, naming it', () => {
    // Act
    const read = (): RestApi => apiOf('', 'Missing');

    // Assess
    expect(read).toThrow('API Missing: the template has no resource of that name');
  });

  it('an API without a StageName is refused, as SAM requires one', () => {
    // Act
    const read = (): RestApi => apiOf(`Resources:\n  Api: { Type: AWS::Serverless::Api }`);

    // Assess
    expect(read).toThrow('API Api: cannot resolve its StageName locally');
  });

  it('a StageName only a deployed stack knows is refused, naming the API', () => {
    // Prepare
    const yaml = `
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: !GetAtt Other.Name } }`;

    // Act
    const read = (): RestApi => apiOf(yaml);

    // Assess
    expect(read).toThrow('API Api: cannot resolve its StageName locally');
  });
});

describe('an API with nothing but its stage', () => {
  it('Globals without an Api section, or a ServerlessRestApi declared without Properties: no variables, CORS, gateway headers or binary types', () => {
    // Act
    const withFunctionGlobals = apiOf(`
Globals:
  Function: { Timeout: 5 }
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1 } }`);
    const bare = apiOf(`Resources:\n  ServerlessRestApi: { Type: AWS::Serverless::Api }`, IMPLICIT_API.id);

    // Assess
    for (const api of [withFunctionGlobals, bare]) {
      expect(api).toMatchObject({
        stageVariables: null,
        cors: null,
        gatewayHeaders: { '4xx': {}, '5xx': {} },
        binaryMediaTypes: [],
      });
    }
    expect([withFunctionGlobals.stage, bare.stage]).toEqual(['v1', 'Prod']);
  });
});

describe('stage variables (event.stageVariables)', () => {
  it('null when the API has none, as API Gateway sends them', () => {
    // Act
    const none = apiOf(`Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1 } }`);
    const empty = apiOf(
      `Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, Variables: {} } }`,
    );

    // Assess
    expect([none.stageVariables, empty.stageVariables]).toEqual([null, null]);
  });

  it('resolved from parameters, an unresolvable one as an empty string', () => {
    // Prepare
    const yaml = `
Parameters:
  Color: { Type: String, Default: blue }
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Variables: { color: !Ref Color, size: 3, arn: !ImportValue shared-arn }`;

    // Act
    const variables = apiOf(yaml).stageVariables;

    // Assess
    expect(variables).toEqual({ color: 'blue', size: '3', arn: '' });
  });

  it('Globals.Api Variables apply to every API, implicit or explicit, merged with the API’s own (real bug: were ignored)', () => {
    // Prepare
    const yaml = `
Globals:
  Api:
    Variables: { color: blue, size: small }
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, Variables: { size: large } } }`;

    // Act
    const explicit = apiOf(yaml).stageVariables;
    const implicit = apiOf(yaml, IMPLICIT_API.id).stageVariables;

    // Assess
    expect(explicit).toEqual({ color: 'blue', size: 'large' });
    expect(implicit).toEqual({ color: 'blue', size: 'small' });
  });
});

describe('Cors (the preflight answer)', () => {
  it('an API without Cors answers no preflight', () => {
    // Act
    const cors = apiOf(`Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1 } }`).cors;

    // Assess
    expect(cors).toBeNull();
  });

  it('Cors: false or an empty string answers no preflight (SAM: `if not self.cors`)', () => {
    // Act
    const off = apiOf(`Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, Cors: false } }`);
    const empty = apiOf(`Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, Cors: '' } }`);

    // Assess
    expect([off.cors, empty.cors]).toEqual([null, null]);
  });

  it('a string is the allowed origin alone, unquoted', () => {
    // Act
    const cors = apiOf(`
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, Cors: "'https://app.test'" } }`).cors;

    // Assess
    expect(cors).toEqual({
      'Access-Control-Allow-Origin': 'https://app.test',
    });
  });

  it('!Ref and !Sub are the allowed origin, resolved from parameters', () => {
    // Prepare
    const yaml = `
Parameters:
  Origin: { Type: String, Default: "'https://app.test'" }
  Host: { Type: String, Default: app.test }
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, Cors: !Ref Origin } }
  Sub: { Type: AWS::Serverless::Api, Properties: { StageName: v1, Cors: !Sub "'https://\${Host}'" } }`;

    // Act
    const origins = [
      apiOf(yaml).cors?.['Access-Control-Allow-Origin'],
      apiOf(yaml, 'Api', { Origin: "'http://localhost:5173'" }).cors?.['Access-Control-Allow-Origin'],
      apiOf(yaml, 'Sub').cors?.['Access-Control-Allow-Origin'],
    ];

    // Assess
    expect(origins).toEqual(['https://app.test', 'http://localhost:5173', 'https://app.test']);
  });

  it('every setting of the map form becomes its header, unquoted; MaxAge may be a number', () => {
    // Act
    const cors = apiOf(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      Cors:
        AllowOrigin: "'https://app.test'"
        AllowMethods: "'GET,OPTIONS'"
        AllowHeaders: "'Content-Type,X-Api-Key'"
        MaxAge: 600
        AllowCredentials: true`).cors;

    // Assess
    expect(cors).toEqual({
      'Access-Control-Allow-Origin': 'https://app.test',
      'Access-Control-Allow-Methods': 'GET,OPTIONS',
      'Access-Control-Allow-Headers': 'Content-Type,X-Api-Key',
      'Access-Control-Max-Age': '600',
      'Access-Control-Allow-Credentials': 'true',
    });
  });

  it('a map without AllowOrigin allows any origin, * (real bug: no Allow-Origin was sent)', () => {
    // Act
    const cors = apiOf(`
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, Cors: { AllowHeaders: "'X-Key'" } } }`).cors;

    // Assess
    expect(cors).toEqual({
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'X-Key',
    });
  });

  it('AllowCredentials other than true sends no Allow-Credentials (real bug: "false" was sent)', () => {
    // Act
    const cors = apiOf(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1, Cors: { AllowOrigin: "'https://app.test'", AllowCredentials: false } }`).cors;

    // Assess
    expect(cors).toEqual({
      'Access-Control-Allow-Origin': 'https://app.test',
    });
  });

  it('a value only a deployed stack knows is left out', () => {
    // Act
    const cors = apiOf(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1, Cors: { AllowOrigin: "'https://app.test'", AllowHeaders: !GetAtt X.Y } }`).cors;

    // Assess
    expect(cors).toStrictEqual({
      'Access-Control-Allow-Origin': 'https://app.test',
    });
  });

  it('a key SAM does not define is refused with SAM’s message, as sam build refuses it', () => {
    // Act
    const read = (): RestApi =>
      apiOf(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1, Cors: { AllowOrigin: "'https://app.test'", ExposeHeaders: "'X'" } }`);

    // Assess
    expect(read).toThrow("API Api: Invalid key 'ExposeHeaders' for 'Cors' property.");
  });

  it('AllowCredentials: true with any origin (*) or none set is refused with SAM’s message; with one origin it is sent', () => {
    // Prepare
    const withOrigin = (origin: string): string => `
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1, Cors: { ${origin} AllowCredentials: true } }`;
    const refused = /'AllowCredentials' can not be true when 'AllowOrigin' is "'\*'" or not set/;

    // Act and assess
    expect(() => apiOf(withOrigin(`AllowOrigin: "'*'",`))).toThrow(refused);
    expect(() => apiOf(withOrigin(''))).toThrow(refused);
    expect(apiOf(withOrigin(`AllowOrigin: "'https://app.test'",`)).cors).toEqual({
      'Access-Control-Allow-Origin': 'https://app.test',
      'Access-Control-Allow-Credentials': 'true',
    });
  });

  it('Globals.Api Cors applies to the implicit API and merges key by key with an API’s own map (real bug: the API’s map replaced it)', () => {
    // Prepare
    const yaml = `
Globals:
  Api:
    Cors: { AllowOrigin: "'https://app.test'", AllowMethods: "'GET'" }
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, Cors: { AllowHeaders: "'X-Key'" } } }`;

    // Act
    const explicit = apiOf(yaml).cors;
    const implicit = apiOf(yaml, IMPLICIT_API.id).cors;

    // Assess
    expect(explicit).toEqual({
      'Access-Control-Allow-Origin': 'https://app.test',
      'Access-Control-Allow-Methods': 'GET',
      'Access-Control-Allow-Headers': 'X-Key',
    });
    expect(implicit).toEqual({
      'Access-Control-Allow-Origin': 'https://app.test',
      'Access-Control-Allow-Methods': 'GET',
    });
  });

  it('an API’s Cors string replaces a Globals map (SAM merges only two maps)', () => {
    // Act
    const cors = apiOf(`
Globals:
  Api:
    Cors: { AllowOrigin: "'https://global.test'", AllowHeaders: "'X-Key'" }
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, Cors: "'https://mine.test'" } }`).cors;

    // Assess
    expect(cors).toEqual({
      'Access-Control-Allow-Origin': 'https://mine.test',
    });
  });
});

describe('Access-Control-Allow-Methods of a preflight when Cors does not set AllowMethods', () => {
  // SAM: the resource path's methods and OPTIONS, sorted, or every method for ANY
  // (samtranslator/swagger/swagger.py _make_cors_allowed_methods_for_path_item; translator output checked).
  const template = parseTemplate(`
Globals:
  Api:
    Cors: "'https://app.test'"
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1, Cors: { AllowMethods: "'GET,POST'" } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: fn/
      Handler: app.handler
      Events:
        Get: { Type: Api, Properties: { Path: /items, Method: get } }
        Post: { Type: Api, Properties: { Path: /items, Method: post } }
        Item: { Type: Api, Properties: { Path: '/items/{id}', Method: delete } }
        Any: { Type: Api, Properties: { Path: /any, Method: any } }
        Given: { Type: Api, Properties: { RestApiId: !Ref Api, Path: /given, Method: get } }
        Other: { Type: Api, Properties: { RestApiId: !Ref Open, Path: /items, Method: put } }
  Open:
    Type: AWS::Serverless::Api
    Properties: { StageName: v2 }`);
  // Read inside each test: a mutant that breaks reading the template then fails that test, not the whole file.
  const preflightOf = (path: string): Record<string, string> | undefined =>
    findPreflight(routesFromTemplate({ path: 'template.yaml', dir: '.', template }), path);
  const allowMethods = (path: string): string | undefined => preflightOf(path)?.['Access-Control-Allow-Methods'];

  it('a real bug, fixed: every method was allowed; now the path’s own, sorted, with OPTIONS (“GET,OPTIONS,POST”)', () => {
    // Act
    const methods = [allowMethods('/Prod/items'), allowMethods('/Prod/items/42')];

    // Assess
    expect(methods).toEqual(['GET,OPTIONS,POST', 'DELETE,OPTIONS']);
  });

  it('the same path of another API counts only that API’s methods', () => {
    // Act
    const methods = [allowMethods('/v2/items'), allowMethods('/Prod/items')];

    // Assess
    expect(methods).toEqual(['OPTIONS,PUT', 'GET,OPTIONS,POST']);
  });

  it('a path with ANY allows every method', () => {
    // Act
    const methods = allowMethods('/Prod/any');

    // Assess
    expect(methods).toBe('DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT');
  });

  it('AllowMethods, when set, is the answer for every path of its API', () => {
    // Act
    const preflight = preflightOf('/v1/given');

    // Assess: the API's Cors map replaces the Globals string whole, so the origin is SAM's default.
    expect(preflight).toEqual({ 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'GET,POST' });
  });
});

describe('GatewayResponses headers on API Gateway’s own 4xx and 5xx answers', () => {
  it('DEFAULT_4XX and DEFAULT_5XX headers, unquoted and resolved; unresolvable ones left out', () => {
    // Prepare
    const yaml = `
Parameters:
  Origin: { Type: String, Default: "'https://app.test'" }
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      GatewayResponses:
        DEFAULT_4XX:
          ResponseParameters:
            Headers: { Access-Control-Allow-Origin: !Ref Origin, X-Arn: !ImportValue shared-arn }
        DEFAULT_5XX:
          ResponseParameters:
            Headers: { X-Five: "'5'", X-Raw: unquoted }`;

    // Act
    const headers = apiOf(yaml).gatewayHeaders;

    // Assess
    expect(headers).toStrictEqual({
      '4xx': { 'Access-Control-Allow-Origin': 'https://app.test' },
      '5xx': { 'X-Five': '5', 'X-Raw': 'unquoted' },
    });
  });

  it('only a value wholly in single quotes is a static value to unquote; a partly quoted one is passed as written', () => {
    // Act
    const headers = apiOf(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      GatewayResponses:
        DEFAULT_4XX:
          ResponseParameters:
            Headers: { X-Head: "'a' and b", X-Tail: "a and 'b'", X-Lone: "'" }`).gatewayHeaders['4xx'];

    // Assess
    expect(headers).toEqual({ 'X-Head': "'a' and b", 'X-Tail': "a and 'b'", 'X-Lone': "'" });
  });

  it('none without GatewayResponses, or for a type it does not list', () => {
    // Act
    const without = apiOf(`Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1 } }`);
    const only4xx = apiOf(`
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      GatewayResponses: { DEFAULT_4XX: { ResponseParameters: { Headers: { X-Four: "'4'" } } }, DEFAULT_5XX: {} }`);

    // Assess
    expect(without.gatewayHeaders).toEqual({ '4xx': {}, '5xx': {} });
    expect(only4xx.gatewayHeaders).toEqual({ '4xx': { 'X-Four': '4' }, '5xx': {} });
  });

  it('Globals.Api GatewayResponses apply to every API, merged with the API’s own (real bug: were ignored)', () => {
    // Prepare
    const yaml = `
Globals:
  Api:
    GatewayResponses:
      DEFAULT_4XX: { ResponseParameters: { Headers: { X-Global: "'g'" } } }
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: v1
      GatewayResponses:
        DEFAULT_4XX: { ResponseParameters: { Headers: { X-Own: "'o'" } } }`;

    // Act
    const explicit = apiOf(yaml).gatewayHeaders['4xx'];
    const implicit = apiOf(yaml, IMPLICIT_API.id).gatewayHeaders['4xx'];

    // Assess
    expect(explicit).toEqual({ 'X-Global': 'g', 'X-Own': 'o' });
    expect(implicit).toEqual({ 'X-Global': 'g' });
  });
});

describe('BinaryMediaTypes', () => {
  it('SAM’s ~1 is read as /, parameters resolved, unresolvable entries left out', () => {
    // Prepare
    const yaml = `
Parameters:
  Binary: { Type: String, Default: application~1pdf }
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties: { StageName: v1, BinaryMediaTypes: ['image~1png', '*~1*', !Ref Binary, !GetAtt X.Y] }`;

    // Act
    const types = apiOf(yaml).binaryMediaTypes;

    // Assess
    expect(types).toEqual(['image/png', '*/*', 'application/pdf']);
  });

  it('none without BinaryMediaTypes, or when it is not a list', () => {
    // Act
    const without = apiOf(`Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1 } }`);
    const notList = apiOf(
      `Resources:\n  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, BinaryMediaTypes: image~1png } }`,
    );

    // Assess
    expect([without.binaryMediaTypes, notList.binaryMediaTypes]).toEqual([[], []]);
  });

  it('Globals.Api BinaryMediaTypes come first, then the API’s own (SAM joins lists; real bug: the API’s list replaced them)', () => {
    // Prepare
    const yaml = `
Globals:
  Api:
    BinaryMediaTypes: ['image~1png']
Resources:
  Api: { Type: AWS::Serverless::Api, Properties: { StageName: v1, BinaryMediaTypes: ['application~1pdf'] } }`;

    // Act
    const explicit = apiOf(yaml).binaryMediaTypes;
    const implicit = apiOf(yaml, IMPLICIT_API.id).binaryMediaTypes;

    // Assess
    expect(explicit).toEqual(['image/png', 'application/pdf']);
    expect(implicit).toEqual(['image/png']);
  });
});
