import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { loadTemplate, parseTemplate, type Resource, type Template } from 'sam-local-node';
import { ROOT, TEMPLATE_PATH } from './helpers/project';

const { template } = loadTemplate(TEMPLATE_PATH);
const resources = template.Resources;

function resource(id: string, type: string): Resource {
  const found = resources[id];
  expect(found?.Type).toBe(type);
  return found as Resource;
}

function resourcesOfType(t: Template, type: string): Array<[string, Resource]> {
  return Object.entries(t.Resources).filter(([, r]) => r.Type === type);
}

describe('parseTemplate', () => {
  it('turns CloudFormation short-form tags into their long form', () => {
    const parsed = parseTemplate(`
Resources:
  A:
    Type: X
    Properties:
      R: !Ref Param
      S: !Sub 'https://\${Api}.example'
      G: !GetAtt Role.Arn
      J: !Join [',', [a, b]]
      I: !If [Cond, !Ref A, !Ref AWS::NoValue]
      M: !Sub
        - '\${x}'
        - x: 1
`);
    expect(parsed.Resources.A?.Properties).toEqual({
      R: { Ref: 'Param' },
      S: { 'Fn::Sub': 'https://${Api}.example' },
      G: { 'Fn::GetAtt': ['Role', 'Arn'] },
      J: { 'Fn::Join': [',', ['a', 'b']] },
      I: { 'Fn::If': ['Cond', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] },
      M: { 'Fn::Sub': ['${x}', { x: 1 }] },
    });
  });

  it('rejects a document without Resources and duplicate keys', () => {
    expect(() => parseTemplate('Description: nothing')).toThrow(/no Resources/);
    expect(() => parseTemplate('Resources: {}\nResources: {}')).toThrow();
  });
});

describe('template.yaml', () => {
  it('is a SAM template', () => {
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(template.Transform).toBe('AWS::Serverless-2016-10-31');
  });

  it('defaults the stage to dev through a parameter, with exactly one stage (OpenApiVersion set)', () => {
    expect(template.Parameters?.StageName).toMatchObject({ Type: 'String', Default: 'dev' });
    // Without OpenApiVersion, SAM adds a second stage literally named "Stage".
    expect(template.Globals?.Api?.OpenApiVersion).toBe('3.0');
    const apis = resourcesOfType(template, 'AWS::Serverless::Api');
    expect(apis.map(([id]) => id)).toEqual(['HelloApi']);
    expect(resourcesOfType(template, 'AWS::ApiGateway::Stage')).toEqual([]);
    expect(resource('HelloApi', 'AWS::Serverless::Api').Properties?.StageName).toEqual({ Ref: 'StageName' });
  });

  it('throttles every method of the stage', () => {
    const settings = resource('HelloApi', 'AWS::Serverless::Api').Properties?.MethodSettings as Array<
      Record<string, unknown>
    >;
    expect(settings).toEqual([
      expect.objectContaining({
        ResourcePath: '/*',
        HttpMethod: '*',
        ThrottlingRateLimit: { Ref: 'ThrottlingRateLimit' },
        ThrottlingBurstLimit: { Ref: 'ThrottlingBurstLimit' },
      }),
    ]);
  });

  it('keeps access logging off by default, behind a condition', () => {
    expect(template.Parameters?.EnableAccessLogging?.Default).toBe('false');
    expect(template.Conditions?.AccessLoggingEnabled).toEqual({
      'Fn::Equals': [{ Ref: 'EnableAccessLogging' }, 'true'],
    });
    const setting = resource('HelloApi', 'AWS::Serverless::Api').Properties?.AccessLogSetting as {
      'Fn::If': unknown[];
    };
    expect(setting['Fn::If'][0]).toBe('AccessLoggingEnabled');
    expect(setting['Fn::If'][2]).toEqual({ Ref: 'AWS::NoValue' });
    expect(resource('HelloApiAccessLogGroup', 'AWS::Logs::LogGroup').Condition).toBe('AccessLoggingEnabled');
  });

  it('routes GET /hello on HelloApi to HelloWorldFunction (proxy integration via an Api event)', () => {
    const fn = resource('HelloWorldFunction', 'AWS::Serverless::Function');
    expect(fn.Properties?.Events).toEqual({
      HelloGet: { Type: 'Api', Properties: { RestApiId: { Ref: 'HelloApi' }, Path: '/hello', Method: 'get' } },
    });
    expect(fn.Properties).toMatchObject({ CodeUri: 'hello-world/', Handler: 'app.lambdaHandler' });
  });

  it('bundles with esbuild: minified, Node 24 target, app.ts, no runtime source maps', () => {
    const metadata = resource('HelloWorldFunction', 'AWS::Serverless::Function').Metadata;
    expect(metadata?.BuildMethod).toBe('esbuild');
    expect(metadata?.BuildProperties).toMatchObject({ Minify: true, Target: 'node24', EntryPoints: ['app.ts'] });
    expect(metadata?.BuildProperties).not.toHaveProperty('Sourcemap', true);
  });

  it('runs on nodejs24.x, arm64, with its memory size from a parameter (default 256 MB) and a short timeout', () => {
    const globals = template.Globals?.Function ?? {};
    expect(globals.Runtime).toBe('nodejs24.x');
    expect(globals.Architectures).toEqual(['arm64']);
    expect(globals.MemorySize).toEqual({ Ref: 'MemorySize' });
    expect(template.Parameters?.MemorySize).toMatchObject({
      Type: 'Number',
      Default: 256,
      MinValue: 128,
      MaxValue: 10240,
    });
    expect(globals.Timeout).toEqual(expect.any(Number));
    expect(globals.Timeout as number).toBeLessThanOrEqual(10);
  });

  it('configures Powertools through POWERTOOLS_* variables, with one log level for Powertools and Lambda', () => {
    const props = resource('HelloWorldFunction', 'AWS::Serverless::Function').Properties ?? {};
    const variables = (props.Environment as { Variables: Record<string, unknown> }).Variables;
    expect(variables).toEqual({
      POWERTOOLS_SERVICE_NAME: expect.any(String),
      POWERTOOLS_METRICS_NAMESPACE: expect.any(String),
      POWERTOOLS_LOG_LEVEL: { Ref: 'LogLevel' },
      ALLOWED_ORIGIN: { Ref: 'AllowedOrigin' },
    });
    expect(variables).not.toHaveProperty('LOG_LEVEL');
    expect(props.LoggingConfig).toMatchObject({ ApplicationLogLevel: { Ref: 'LogLevel' } });
  });

  it('logs to a stack-owned log group with retention, in JSON', () => {
    const props = resource('HelloWorldFunction', 'AWS::Serverless::Function').Properties ?? {};
    expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON', LogGroup: { Ref: 'HelloWorldFunctionLogGroup' } });
    const group = resource('HelloWorldFunctionLogGroup', 'AWS::Logs::LogGroup');
    expect(group.Properties?.RetentionInDays).toEqual({ Ref: 'LogRetentionInDays' });
    expect(template.Parameters?.LogRetentionInDays?.Default).toBe(14);
  });

  it('gives the function a role that may only write to its own log group', () => {
    const props = resource('HelloWorldFunction', 'AWS::Serverless::Function').Properties ?? {};
    expect(props.Role).toEqual({ 'Fn::GetAtt': ['HelloWorldFunctionRole', 'Arn'] });
    expect(props).not.toHaveProperty('Policies');
    const role = resource('HelloWorldFunctionRole', 'AWS::IAM::Role').Properties ?? {};
    expect(role).not.toHaveProperty('ManagedPolicyArns');
    expect(role.AssumeRolePolicyDocument).toMatchObject({
      Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    const statements = (role.Policies as Array<{ PolicyDocument: { Statement: unknown[] } }>).flatMap(
      (p) => p.PolicyDocument.Statement,
    );
    expect(statements).toEqual([
      {
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': ['HelloWorldFunctionLogGroup', 'Arn'] },
      },
    ]);
  });

  it('outputs the endpoint URL from the API and its stage, the function ARN and the log group', () => {
    expect(template.Outputs?.HelloApiUrl?.Value).toEqual({
      'Fn::Sub': 'https://${HelloApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${HelloApi.Stage}/hello',
    });
    expect(template.Outputs?.HelloWorldFunctionArn?.Value).toEqual({ 'Fn::GetAtt': ['HelloWorldFunction', 'Arn'] });
    expect(template.Outputs?.HelloWorldFunctionLogGroupName?.Value).toEqual({ Ref: 'HelloWorldFunctionLogGroup' });
  });
});

describe('CORS', () => {
  const api = () => resource('HelloApi', 'AWS::Serverless::Api').Properties ?? {};
  const origin = { 'Fn::Sub': "'${AllowedOrigin}'" };

  it('takes the allowed origin from a parameter with a documented default', () => {
    expect(template.Parameters?.AllowedOrigin).toMatchObject({ Type: 'String', Default: '*' });
    expect(String(template.Parameters?.AllowedOrigin?.Description)).toMatch(/origin/i);
  });

  it('answers the preflight with that origin, GET and Content-Type', () => {
    expect(api().Cors).toEqual({
      AllowOrigin: origin,
      AllowMethods: "'GET,OPTIONS'",
      AllowHeaders: "'Content-Type'",
      MaxAge: "'600'",
    });
  });

  it("adds it to API Gateway's own 4xx and 5xx answers", () => {
    const responses = api().GatewayResponses as Record<string, { ResponseParameters: { Headers: unknown } }>;
    for (const type of ['DEFAULT_4XX', 'DEFAULT_5XX']) {
      expect(responses[type]?.ResponseParameters.Headers).toEqual({ 'Access-Control-Allow-Origin': origin });
    }
  });
});

describe('samconfig.toml', () => {
  // The tables these tests read (TOML is untyped); the assertions below check their contents.
  type SamConfig = {
    version: unknown;
    default: Record<'global' | 'build' | 'validate' | 'deploy', { parameters: Record<string, unknown> }>;
  };
  const config = parseToml(readFileSync(join(ROOT, 'samconfig.toml'), 'utf8')) as SamConfig;

  it('builds in source, cached and in parallel, so SAM finds the root esbuild', () => {
    expect(config.version).toBe(0.1);
    expect(config.default.global.parameters.stack_name).toEqual(expect.any(String));
    expect(config.default.build.parameters).toMatchObject({ build_in_source: true, cached: true, parallel: true });
  });

  it('lints on validate and deploys with IAM capability, a confirmed change set and a managed bucket', () => {
    expect(config.default.validate.parameters.lint).toBe(true);
    expect(config.default.deploy.parameters).toMatchObject({
      capabilities: 'CAPABILITY_IAM',
      confirm_changeset: true,
      resolve_s3: true,
    });
  });

  it('keeps the function source free of a package.json and CodeUri off the project root', () => {
    const props = resource('HelloWorldFunction', 'AWS::Serverless::Function').Properties ?? {};
    expect(props.CodeUri).not.toBe('.');
    expect(() => readFileSync(join(ROOT, String(props.CodeUri), 'package.json'))).toThrow(/ENOENT/);
  });
});
