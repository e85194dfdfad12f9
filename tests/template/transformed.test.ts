import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { describeWithAwsTools, PROJECT_TEMPLATE, translate, translated, AWS_TOOL_HOOK_TIMEOUT_MS } from './aws-tools';
import {
  isObject,
  propertiesOf,
  resourcesOfType,
  subText,
  targetOf,
  type CfnTemplate,
  type JsonObject,
} from './cloudformation';
import { deploymentFor } from './conditions';
import { label, parameterSets } from './parameter-sets';
import { integrationTarget, invokePermissions, routes } from './rest-api';
import { violations } from './rules';
import { noLiteralAccountRegionOrPartition, PORTABILITY_REGION } from './rules/portability';

const SETS = parameterSets();

describeWithAwsTools('template.yaml as the SAM translator expands it', () => {
  let template: CfnTemplate;
  let withOtherValues: CfnTemplate;
  let forChina: CfnTemplate;

  beforeAll(async () => {
    const results = await translate([
      { template: PROJECT_TEMPLATE },
      { template: PROJECT_TEMPLATE, parameters: SETS[SETS.length - 1] },
      { template: PROJECT_TEMPLATE, region: PORTABILITY_REGION },
    ]);
    [template, withOtherValues, forChina] = results.map(translated) as [CfnTemplate, CfnTemplate, CfnTemplate];
  }, AWS_TOOL_HOOK_TIMEOUT_MS);

  const deployed = (parameters: Record<string, string> = {}) => deploymentFor(template, parameters).template;
  const only = (t: CfnTemplate, type: string): [string, JsonObject] => {
    const found = resourcesOfType(t, type);
    expect(found.map(([id]) => id)).toHaveLength(1);
    const [id, resource] = found[0] ?? [];
    return [id ?? '', propertiesOf(resource)];
  };
  // HelloWorldFunction and its live alias, by name: docs/add-an-endpoint.md adds other functions beside them.
  const helloFunction = (t: CfnTemplate): [string, JsonObject] => {
    expect(t.Resources.HelloWorldFunction?.Type).toBe('AWS::Lambda::Function');
    return ['HelloWorldFunction', propertiesOf(t.Resources.HelloWorldFunction)];
  };
  const helloAlias = (t: CfnTemplate): [string, JsonObject] => {
    const aliases = resourcesOfType(t, 'AWS::Lambda::Alias').filter(
      ([, alias]) => targetOf(propertiesOf(alias).FunctionName) === 'HelloWorldFunction',
    );
    expect(aliases).toHaveLength(1);
    const [id, alias] = aliases[0] ?? [];
    return [id ?? '', propertiesOf(alias)];
  };

  it('does not depend on parameter values: the translator leaves Conditions for CloudFormation', () => {
    // The premise of deciding Conditions in these tests (conditions.ts) rather than asking the translator.
    expect(withOtherValues).toEqual(template);
    expect(Object.keys(template.Conditions ?? {}).length).toBeGreaterThan(0);
  });

  it('has every condition decided both ways by the parameter sets', () => {
    const decided = SETS.map((set) => deploymentFor(template, set).conditions);
    const names = Object.keys(template.Conditions ?? {});
    expect(names.filter((name) => new Set(decided.map((conditions) => conditions[name])).size !== 2)).toEqual([]);
  });

  it.each(SETS.map((set) => [label(set) || 'defaults', set] as const))(
    'passes every rule with %s',
    (_label, parameters) => {
      expect(violations(deploymentFor(template, parameters))).toEqual([]);
    },
  );

  it(`names no account, region or partition literally (translated for ${PORTABILITY_REGION})`, () => {
    expect(noLiteralAccountRegionOrPartition(deploymentFor(forChina))).toEqual([]);
  });

  it('has one stage, named dev by default and by StageName otherwise, behind a Deployment without StageName', () => {
    for (const [parameters, name] of [
      [{}, 'dev'],
      [{ StageName: 'prod' }, 'prod'],
    ] as const) {
      const t = deployed(parameters);
      expect(only(t, 'AWS::ApiGateway::Stage')[1].StageName).toBe(name);
      expect(only(t, 'AWS::ApiGateway::Deployment')[1]).not.toHaveProperty('StageName');
    }
  });

  it("routes GET /hello to the function's live alias with a Lambda proxy integration that only this route may use", () => {
    const t = deployed();
    const hello = routes(t).filter((r) => r.path === '/hello');
    expect(hello.map((r) => r.method).sort()).toEqual(['get', 'options']);
    const get = hello.find((r) => r.method === 'get');
    expect(get?.integration).toMatchObject({ type: 'aws_proxy', httpMethod: 'POST' });
    const alias = integrationTarget(get?.integration ?? {});
    const aliasProps = resourcesOfType(t, 'AWS::Lambda::Alias').find(([id]) => id === alias)?.[1].Properties;
    expect(aliasProps).toMatchObject({ Name: 'live', FunctionName: { Ref: 'HelloWorldFunction' } });
    // Other routes (docs/add-an-endpoint.md adds some) have permissions of their own, checked by the rules.
    expect(invokePermissions(t).filter((p) => p.arn?.path === '/hello')).toEqual([
      { id: expect.any(String), target: alias, arn: { api: get?.api, stage: '*', method: 'GET', path: '/hello' } },
    ]);
  });

  it('answers the preflight and its own errors with the AllowedOrigin the function also gets', () => {
    const origin = 'https://app.example.com';
    const t = deployed({ AllowedOrigin: origin });
    const options = routes(t).find((r) => r.path === '/hello' && r.method === 'options');
    expect(options?.integration.type).toBe('mock');
    expect(JSON.stringify(options?.integration)).toContain(
      `"method.response.header.Access-Control-Allow-Origin":"'${origin}'"`,
    );
    const [, fn] = helloFunction(t);
    expect((fn.Environment as { Variables: JsonObject }).Variables.ALLOWED_ORIGIN).toBe(origin);
  });

  it('provisions concurrency on the alias only when ProvisionedConcurrency is above 0', () => {
    expect(helloAlias(deployed({ ProvisionedConcurrency: '0' }))[1]).not.toHaveProperty('ProvisionedConcurrencyConfig');
    expect(helloAlias(deployed({ ProvisionedConcurrency: '2' }))[1].ProvisionedConcurrencyConfig).toEqual({
      ProvisionedConcurrentExecutions: '2',
    });
  });

  it('writes API access logs, to a log group of the stack, only when EnableAccessLogging is true', () => {
    const off = deployed();
    expect(Object.keys(off.Resources).filter((id) => id.startsWith('HelloApiAccessLog'))).toEqual([]);
    expect(only(off, 'AWS::ApiGateway::Stage')[1]).not.toHaveProperty('AccessLogSetting');
    const on = deployed({ EnableAccessLogging: 'true' });
    const destination = (only(on, 'AWS::ApiGateway::Stage')[1].AccessLogSetting as JsonObject).DestinationArn;
    expect(on.Resources[targetOf(destination) ?? '']?.Type).toBe('AWS::Logs::LogGroup');
  });

  it('deploys the function on nodejs24.x, arm64, with MemorySize, a short timeout and one log level', () => {
    const [, fn] = helloFunction(deployed({ MemorySize: '1769', LogLevel: 'DEBUG' }));
    expect(fn).toMatchObject({ Runtime: 'nodejs24.x', Architectures: ['arm64'], MemorySize: '1769' });
    expect(fn.Timeout).toBeLessThanOrEqual(10);
    expect(fn.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'DEBUG' });
    expect((fn.Environment as { Variables: JsonObject }).Variables.POWERTOOLS_LOG_LEVEL).toBe('DEBUG');
    expect(helloFunction(deployed())[1].MemorySize).toBe('256');
  });

  it("bundles for the runtime's Node version, without source maps (SAM would add --enable-source-maps)", () => {
    const [id, fn] = helloFunction(deployed());
    const metadata = template.Resources[id]?.Metadata as { BuildMethod: string; BuildProperties: JsonObject };
    expect(metadata.BuildMethod).toBe('esbuild');
    expect(metadata.BuildProperties.Target).toBe(String(fn.Runtime).replace(/^nodejs(\d+)\.x$/, 'node$1'));
    expect(metadata.BuildProperties.Sourcemap ?? false).toBe(false);
  });

  it("outputs the URL of GET /hello on the API's one stage", () => {
    const t = deployed();
    const url = subText(t.Outputs?.HelloApiUrl?.Value) ?? '';
    const match = url.match(
      /^https:\/\/\$\{(\w+)\}\.execute-api\.\$\{AWS::Region\}\.\$\{AWS::URLSuffix\}\/\$\{(\w+)\}(\/.*)$/,
    );
    const [, api, stage, path] = match ?? [];
    expect(routes(t).some((r) => r.api === api && r.path === path && r.method === 'get')).toBe(true);
    expect(only(t, 'AWS::ApiGateway::Stage')[0]).toBe(stage);
  });

  describe('samconfig.toml', () => {
    type Section = { parameters: Record<string, unknown> };
    const config = parseToml(readFileSync(join(__dirname, '..', '..', 'samconfig.toml'), 'utf8')) as {
      default: Record<string, Section>;
    };
    const deploy = config.default.deploy?.parameters ?? {};

    it('deploys with the capability the transformed template needs: IAM roles, none with a custom name', () => {
      // CAPABILITY_IAM covers IAM resources with generated names; a RoleName would need CAPABILITY_NAMED_IAM.
      const iam = Object.values(template.Resources).filter((r) => r.Type.startsWith('AWS::IAM::'));
      expect(iam.length).toBeGreaterThan(0);
      expect(
        iam.filter(
          (r) => isObject(r.Properties) && ('RoleName' in r.Properties || 'ManagedPolicyName' in r.Properties),
        ),
      ).toEqual([]);
      expect(deploy.capabilities).toBe('CAPABILITY_IAM');
    });

    it('overrides only parameters the template declares, with values every rule accepts', () => {
      const overrides = Object.fromEntries(
        [
          ...(typeof deploy.parameter_overrides === 'string' ? deploy.parameter_overrides : '').matchAll(
            /(\w+)="([^"]*)"/g,
          ),
        ].map(([, k, v]) => [k, v]),
      ) as Record<string, string>;
      expect(Object.keys(overrides).length).toBeGreaterThan(0);
      expect(violations(deploymentFor(template, overrides))).toEqual([]);
    });
  });
});
