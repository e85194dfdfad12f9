// The template resolved once, as sam local resolves it (aws/aws-sam-cli samcli/lib/providers/sam_base_provider.py:
// parameter defaults, then --parameter-overrides, then IntrinsicResolver.resolve_template(ignore_errors=True)), with
// the symbols of samcli/lib/intrinsic_resolver/intrinsics_symbol_table.py for what only a deployed stack knows.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveLocalValue } from '../../src/template/parameters';
import {
  resolutionContextOf,
  resolveTemplate,
  shortForm,
  standInOf,
  type ResolutionNote,
} from '../../src/template/resolve-template';
import { partitionOf } from '../../src/template/symbols';
import { loadTemplate, parseTemplate, withParameterOverrides } from '../../src/template/template';

const TEMPLATE = `
Parameters:
  Stage: { Type: String, Default: dev }
  Timeout: { Type: Number, Default: 10 }
  Subnets: { Type: "List<AWS::EC2::Subnet::Id>", Default: "s-1,s-2" }
  Required: { Type: String }
  Empty: { Type: String, Default: "" }
Resources:
  Table: { Type: AWS::DynamoDB::Table }
  Named: { Type: AWS::Serverless::Function, Properties: { FunctionName: my-named-fn } }
  Api: { Type: AWS::ApiGateway::RestApi }
  Layer: { Type: AWS::Serverless::LayerVersion }
  RawLayer: { Type: AWS::Lambda::LayerVersion }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: !Ref Timeout
      Layers: [!Ref Layer, !Ref RawLayer]
      Environment:
        Variables:
          STAGE: !Ref Stage
          SUBNETS: !Ref Subnets
          REQUIRED: !Ref Required
          EMPTY: !Ref Empty
          TABLE: !Ref Table
          UNKNOWN: !Ref NotInTemplate
          NAMED_ARN: !GetAtt Named.Arn
          ROOT: !GetAtt Api.RootResourceId
          TABLE_ROOT: !GetAtt Table.RootResourceId
          REGION: !Ref AWS::Region
          PARTITION: !Ref AWS::Partition
          SUFFIX: !Ref AWS::URLSuffix
          ACCOUNT: !Ref AWS::AccountId
          STACK: !Ref AWS::StackName
          STACK_ID: !Ref AWS::StackId
          TOPICS: !Ref AWS::NotificationARNs
Outputs:
  Url: { Value: !Sub "https://\${Api}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/\${Stage}" }
`;

function resolve(region = 'us-east-1', parameterOverrides: Record<string, string> = {}) {
  return resolveTemplate(parseTemplate(TEMPLATE), { region, parameterOverrides });
}

function variablesOf(template: ReturnType<typeof resolve>['template']): Record<string, unknown> {
  return (template.Resources.Fn?.Properties?.Environment as { Variables: Record<string, unknown> }).Variables;
}

describe('parameters', () => {
  it('defaults, overridden by --parameter-overrides; list types as lists; an empty override is a value', () => {
    // Act
    const defaults = variablesOf(resolve().template);
    const overridden = variablesOf(
      resolve('us-east-1', { Stage: 'prod', Subnets: 's-9', Empty: 'e', Required: 'r' }).template,
    );
    const emptied = variablesOf(resolve('us-east-1', { Stage: '' }).template);

    // Assess
    expect([defaults.STAGE, defaults.SUBNETS, defaults.EMPTY, defaults.REQUIRED]).toEqual([
      'dev',
      ['s-1', 's-2'],
      '',
      'Required',
    ]);
    expect([overridden.STAGE, overridden.SUBNETS, overridden.EMPTY, overridden.REQUIRED]).toEqual([
      'prod',
      ['s-9'],
      'e',
      'r',
    ]);
    expect(emptied.STAGE).toBe('');
  });

  it('a number parameter keeps its type where it is read (Timeout), as the template wrote the default', () => {
    // Act
    const { template } = resolve();

    // Assess
    expect(template.Resources.Fn?.Properties?.Timeout).toBe(10);
  });
});

describe('pseudo parameters', () => {
  it('the region given; partition and URL suffix from it; sam local’s account, stack name and stack id', () => {
    // Act
    const env = variablesOf(resolve('eu-west-1').template);

    // Assess
    expect(env).toMatchObject({
      REGION: 'eu-west-1',
      PARTITION: 'aws',
      SUFFIX: 'amazonaws.com',
      ACCOUNT: '123456789012',
      STACK: 'local',
      STACK_ID: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/local/51af3dc0-da77-11e4-872e-1234567db123',
      TOPICS: 'AWS::NotificationARNs',
    });
  });

  it('China and GovCloud regions have their partitions (and China its URL suffix)', () => {
    // Act
    const china = variablesOf(resolve('cn-north-1').template);
    const gov = variablesOf(resolve('us-gov-west-1').template);

    // Assess
    expect([china.PARTITION, china.SUFFIX, gov.PARTITION, gov.SUFFIX]).toEqual([
      'aws-cn',
      'amazonaws.com.cn',
      'aws-us-gov',
      'amazonaws.com',
    ]);
    expect([partitionOf('us-east-1'), partitionOf('cn-northwest-1'), partitionOf('us-gov-east-1')]).toEqual([
      'aws',
      'aws-cn',
      'aws-us-gov',
    ]);
  });
});

describe('resources: what sam local answers for them', () => {
  it('Ref: the logical id (a layer’s Ref stays, for the layer to be found); GetAtt .Arn: a Lambda ARN, by FunctionName', () => {
    // Act
    const { template } = resolve('eu-west-1');
    const env = variablesOf(template);

    // Assess
    expect([env.TABLE, env.UNKNOWN, env.NAMED_ARN, env.ROOT]).toEqual([
      'Table',
      'NotInTemplate',
      'arn:aws:lambda:eu-west-1:123456789012:function:my-named-fn',
      '/',
    ]);
    expect(env.TABLE_ROOT).toEqual({ 'Fn::GetAtt': ['Table', 'RootResourceId'] });
    expect(template.Resources.Fn?.Properties?.Layers).toEqual([{ Ref: 'Layer' }, { Ref: 'RawLayer' }]);
  });

  it('Outputs are resolved too', () => {
    // Act
    const { template } = resolve();

    // Assess
    expect(template.Outputs?.Url?.Value).toBe('https://Api.execute-api.us-east-1.amazonaws.com/dev');
  });

  it('a property that cannot be resolved leaves its neighbours resolved; an item of a list leaves the whole list', () => {
    // Act
    const { template } = resolveTemplate(
      parseTemplate(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies: [{ Statement: { Resource: !ImportValue x, Effect: Allow } }]
      Layers: [a, !ImportValue layer]
      Handler: app.handler`),
      { region: 'us-east-1', parameterOverrides: {} },
    );

    // Assess
    expect(template.Resources.Fn?.Properties).toEqual({
      Policies: [{ Statement: { Resource: { 'Fn::ImportValue': 'x' }, Effect: 'Allow' } }],
      Layers: ['a', { 'Fn::ImportValue': 'layer' }],
      Handler: 'app.handler',
    });
  });

  it('Parameters, Conditions and Mappings are kept as written; the template given is not changed', () => {
    // Prepare
    const raw = parseTemplate(`
Parameters: { P: { Type: String, Default: !Ref X } }
Conditions: { C: !Equals [a, a] }
Mappings: { M: { K: { V: !Ref X } } }
Resources: { Fn: { Type: AWS::Serverless::Function, Properties: { Handler: !Ref AWS::Region } } }`);
    const before = JSON.stringify(raw);

    // Act
    const { template } = resolveTemplate(raw, { region: 'us-east-1', parameterOverrides: {} });

    // Assess
    expect(JSON.stringify(raw)).toBe(before);
    expect([template.Parameters, template.Conditions, template.Mappings]).toEqual([
      raw.Parameters,
      raw.Conditions,
      raw.Mappings,
    ]);
    expect(template.Resources.Fn?.Properties?.Handler).toBe('us-east-1');
  });

  it('Globals are resolved, with the same parameters', () => {
    // Act
    const { template } = resolveTemplate(
      parseTemplate(`
Parameters: { Level: { Type: String, Default: INFO } }
Globals: { Function: { Environment: { Variables: { LEVEL: !Ref Level } } } }
Resources: {}`),
      { region: 'us-east-1', parameterOverrides: { Level: 'DEBUG' } },
    );

    // Assess
    expect(template.Globals?.Function).toEqual({ Environment: { Variables: { LEVEL: 'DEBUG' } } });
  });
});

describe('what sam local answers for names the template does not declare, or declares as something else', () => {
  // intrinsics_symbol_table.py: Ref and .Arn answer for any logical id; sam_base_provider.py merges every
  // --parameter-overrides value into the parameter values, declared or not.
  const YAML = `
Resources:
  Api: { Type: AWS::ApiGateway::RestApi }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          EXTRA: !Ref Extra
          MISSING_ARN: !GetAtt Missing.Arn
          MISSING_ROOT: !GetAtt Missing.RootResourceId
          API_ROOT: !GetAtt Api.RootResourceId
          API_OTHER: !GetAtt Api.Endpoint
`;

  it('an override of an undeclared name is its value; .Arn of any id is the made-up ARN; RootResourceId only of a RestApi', () => {
    // Act
    const { template } = resolveTemplate(parseTemplate(YAML), {
      region: 'us-east-1',
      parameterOverrides: { Extra: 'given' },
    });

    // Assess
    expect(variablesOf(template)).toEqual({
      EXTRA: 'given',
      MISSING_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:Missing',
      MISSING_ROOT: { 'Fn::GetAtt': ['Missing', 'RootResourceId'] },
      API_ROOT: '/',
      API_OTHER: { 'Fn::GetAtt': ['Api', 'Endpoint'] },
    });
  });
});

describe('notes inside lists', () => {
  it('an item’s note has its index in the path and only its own reasons, not those of the list’s other items', () => {
    // Prepare: SAM Policies mixing a managed policy's Ref and an inline statement (a common shape).
    const yaml = `
Resources:
  ManagedPolicy: { Type: AWS::IAM::ManagedPolicy }
  Table: { Type: AWS::DynamoDB::Table }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Policies:
        - !Ref ManagedPolicy
        - Statement: [{ Effect: Allow, Resource: !GetAtt Table.Arn }]
`;

    // Act
    const { notes } = resolveTemplate(parseTemplate(yaml), { region: 'us-east-1', parameterOverrides: {} });

    // Assess
    expect(notes.map((note) => [note.path.slice(3).join('.'), note.why])).toEqual([
      [
        'Policies.1.Statement.0.Resource',
        "Table.Arn is the deployed resource's ARN; sam local makes up a Lambda function ARN",
      ],
      ['Policies', "Ref ManagedPolicy is the deployed resource's name or id; sam local uses the logical id"],
    ]);
  });
});

describe('an error that is not about resolving', () => {
  it('is not taken for a value that stays as written: it stops the resolution', () => {
    // Prepare: a property whose first reading fails, as a bug in a reader would (read again, it answers: were the
    // error taken for an unresolvable value, the resolution would go on and keep it as written).
    const properties: Record<string, unknown> = {};
    let reads = 0;
    Object.defineProperty(properties, 'Broken', {
      enumerable: true,
      get: () => {
        reads += 1;
        if (reads === 1) throw new TypeError('a bug');
        return 'value';
      },
    });
    const raw = { Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Nested: properties } } } };

    // Act / Assess
    expect(() => resolveTemplate(raw, { region: 'us-east-1', parameterOverrides: {} })).toThrow(TypeError);
  });
});

describe('notes: one for each value only a deployed stack knows', () => {
  it('says where, as written, what it is locally and why; none for what CloudFormation would answer the same', () => {
    // Act
    const { notes } = resolve();
    const byName: Record<string, ResolutionNote> = Object.fromEntries(
      notes.filter((note) => note.path[5] !== undefined).map((note) => [note.path[5], note]),
    );

    // Assess
    expect(Object.keys(byName).sort()).toEqual(
      [
        'ACCOUNT',
        'NAMED_ARN',
        'REQUIRED',
        'ROOT',
        'STACK',
        'STACK_ID',
        'TABLE',
        'TABLE_ROOT',
        'TOPICS',
        'UNKNOWN',
      ].sort(),
    );
    expect(byName.TABLE).toEqual({
      path: ['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'TABLE'],
      written: '!Ref Table',
      resolved: true,
      value: 'Table',
      why: "Ref Table is the deployed resource's name or id; sam local uses the logical id",
    });
    expect(byName.TABLE_ROOT).toEqual({
      path: ['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'TABLE_ROOT'],
      written: '!GetAtt Table.RootResourceId',
      resolved: false,
      value: { 'Fn::GetAtt': ['Table', 'RootResourceId'] },
      why: 'Table.RootResourceId is known only once the stack is deployed',
    });
    expect(
      ['REQUIRED', 'UNKNOWN', 'NAMED_ARN', 'ROOT', 'ACCOUNT', 'STACK', 'STACK_ID', 'TOPICS'].map(
        (name) => byName[name]?.why,
      ),
    ).toEqual([
      'parameter Required has no Default and no --parameter-overrides value; sam local uses its name',
      'NotInTemplate is neither a parameter nor a resource of the template; sam local uses the name itself',
      "Named.Arn is the deployed resource's ARN; sam local makes up a Lambda function ARN",
      'Api.RootResourceId is the deployed API\'s; sam local uses "/"',
      "AWS::AccountId is the deployed account's; sam local without credentials uses 123456789012",
      'AWS::StackName is given at deploy time; sam local uses "local"',
      'AWS::StackId is given at deploy time; sam local uses a fixed stack ARN',
      'AWS::NotificationARNs is given at deploy time; sam local uses the name itself',
    ]);
  });

  it('one note per property, each reason once, at the innermost map that holds it', () => {
    // Act
    const { notes } = resolveTemplate(
      parseTemplate(`
Resources:
  T: { Type: AWS::SQS::Queue }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          BOTH: !Sub "\${T}-\${T}-\${T.QueueName}"
          ITEMS: !Join [",", [!Ref T, !Ref T]]`),
      { region: 'us-east-1', parameterOverrides: {} },
    );

    // Assess
    expect(notes.map((note) => [note.path.at(-1), note.why])).toEqual([
      [
        'BOTH',
        "Ref T is the deployed resource's name or id; sam local uses the logical id; ${T.QueueName} is known only once the stack is deployed; sam local writes it as text",
      ],
      ['ITEMS', "Ref T is the deployed resource's name or id; sam local uses the logical id"],
    ]);
    expect(notes[0]?.value).toBe('T-T-$T.QueueName');
  });

  it('a condition that needs a stand-in is noted where it is first used', () => {
    // Act
    const { notes, template } = resolveTemplate(
      parseTemplate(`
Conditions:
  Local: !Equals [!Ref AWS::AccountId, "123456789012"]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment: { Variables: { A: !If [Local, yes, no], B: !If [Local, yes, no] } }`),
      { region: 'us-east-1', parameterOverrides: {} },
    );

    // Assess
    expect(template.Resources.Fn?.Properties?.Environment).toEqual({ Variables: { A: 'yes', B: 'yes' } });
    expect(notes.map((note) => note.path.at(-1))).toEqual(['A']);
  });
});

describe('shortForm: a value as one would write it in YAML', () => {
  it('Ref, GetAtt, Fn::… with text or JSON arguments, plain data as JSON, cut at 120 characters', () => {
    // Act
    const forms = [
      shortForm({ Ref: 'Table' }),
      shortForm({ 'Fn::GetAtt': ['Table', 'Arn'] }),
      shortForm({ 'Fn::GetAtt': 'Table.Arn' }),
      shortForm({ 'Fn::ImportValue': 'shared' }),
      shortForm({ 'Fn::If': ['C', 'a', 'b'] }),
      shortForm({ A: 1 }),
      shortForm({ 'Fn::Sub': 'x'.repeat(200) }),
    ];

    // Assess
    expect(forms.slice(0, 6)).toEqual([
      '!Ref Table',
      '!GetAtt Table.Arn',
      '!GetAtt Table.Arn',
      '!ImportValue shared',
      '!If ["C","a","b"]',
      '{"A":1}',
    ]);
    expect(forms[6]).toBe(`!Sub ${'x'.repeat(114)}…`);
    expect(forms[6]).toHaveLength(120);
  });
});

describe('loadTemplate: read, parse and resolve once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'resolve-template-'));
  const path = join(dir, 'template.yaml');
  writeFileSync(path, TEMPLATE);

  it('resolves with the overrides and region given (us-east-1 by default), keeping the template as written', () => {
    // Act
    const loaded = loadTemplate(path, { parameterOverrides: { Stage: 'qa' }, region: 'ap-south-1' });
    const plain = loadTemplate(path);

    // Assess
    expect([variablesOf(loaded.template).STAGE, variablesOf(loaded.template).REGION, loaded.region]).toEqual([
      'qa',
      'ap-south-1',
      'ap-south-1',
    ]);
    expect([variablesOf(plain.template).STAGE, plain.region]).toEqual(['dev', 'us-east-1']);
    expect(loaded.raw?.Resources.Fn?.Properties?.Timeout).toEqual({ Ref: 'Timeout' });
    expect(loaded.notes?.length).toBeGreaterThan(0);
    // The template's folder is where an AWS::Include's relative Location is read from.
    expect(resolutionContextOf(loaded.template)).toEqual({
      region: 'ap-south-1',
      parameterOverrides: { Stage: 'qa' },
      templateDir: dir,
    });
  });

  it('withParameterOverrides resolves again with more overrides, keeping the region and earlier ones', () => {
    // Prepare
    const loaded = loadTemplate(path, { parameterOverrides: { Stage: 'qa' }, region: 'ap-south-1' });

    // Act
    const again = withParameterOverrides(loaded, { Empty: 'now' });
    const same = [withParameterOverrides(loaded, undefined), withParameterOverrides(loaded, {})];
    const handMade = { ...loaded, raw: undefined };

    // Assess
    expect([
      variablesOf(again.template).STAGE,
      variablesOf(again.template).EMPTY,
      variablesOf(again.template).REGION,
    ]).toEqual(['qa', 'now', 'ap-south-1']);
    expect(resolutionContextOf(again.template)?.templateDir).toBe(dir);
    expect(same).toEqual([loaded, loaded]);
    expect(withParameterOverrides(handMade, { Empty: 'now' })).toBe(handMade);
  });
});

describe('resolveLocalValue: a resolved value as text (kept for the readers written before the resolver)', () => {
  it('scalars as text, anything else undefined; an intrinsic given is evaluated with the template’s region and overrides', () => {
    // Prepare
    const { template } = resolve('eu-central-1', { Stage: 'prod' });

    // Act
    const values = [
      resolveLocalValue(template, 'text'),
      resolveLocalValue(template, 5),
      resolveLocalValue(template, false),
      resolveLocalValue(template, ['a']),
      resolveLocalValue(template, undefined),
      resolveLocalValue(template, { Ref: 'AWS::Region' }),
      resolveLocalValue(template, { Ref: 'Stage' }),
      resolveLocalValue(template, { Ref: 'Stage' }, { Stage: 'given' }),
      resolveLocalValue(template, { 'Fn::ImportValue': 'x' }),
      resolveLocalValue(template, { Ref: 'Layer' }),
    ];

    // Assess
    expect(values).toEqual([
      'text',
      '5',
      'false',
      undefined,
      undefined,
      'eu-central-1',
      'prod',
      'given',
      undefined,
      undefined,
    ]);
  });

  it('on a template as parsed: defaults and us-east-1', () => {
    // Act
    const raw = parseTemplate(TEMPLATE);

    // Assess
    expect([resolveLocalValue(raw, { Ref: 'AWS::Region' }), resolveLocalValue(raw, { Ref: 'Stage' })]).toEqual([
      'us-east-1',
      'dev',
    ]);
  });
});

describe('conditions and errors', () => {
  it('a condition that fails gives the same reason each time it is used', () => {
    // Act
    const { notes } = resolveTemplate(
      parseTemplate(`
Conditions:
  NotBoolean: !Ref AWS::Region
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Environment: { Variables: { A: !If [NotBoolean, y, n], B: !If [NotBoolean, y, n] } } }`),
      { region: 'us-east-1', parameterOverrides: {} },
    );

    // Assess
    expect(notes.map((note) => note.why)).toEqual([
      'condition NotBoolean must evaluate to true or false',
      'condition NotBoolean must evaluate to true or false',
    ]);
  });

  it('an error that is not about resolving (a bug) is not swallowed', () => {
    // Prepare: a resource whose properties cannot even be read.
    const raw = parseTemplate('Resources: {}');
    raw.Resources.Fn = {
      Type: 'AWS::Serverless::Function',
      get Properties(): Record<string, unknown> {
        throw new TypeError('a bug');
      },
    };

    // Act / Assess
    expect(() => resolveTemplate(raw, { region: 'us-east-1', parameterOverrides: {} })).toThrow(TypeError);
  });

  it('a value of exactly 120 characters in short form is shown whole', () => {
    // Act
    const form = shortForm({ 'Fn::Sub': 'x'.repeat(115) });

    // Assess
    expect(form).toBe(`!Sub ${'x'.repeat(115)}`);
    expect(form).toHaveLength(120);
  });
});

describe('standInOf', () => {
  it('gives the intrinsic written for a text that holds a stand-in, and nothing for known values', () => {
    const { template } = resolve();
    expect(standInOf(template, 'Table')).toBe('!Ref Table');
    expect(standInOf(template, variablesOf(template).NAMED_ARN as string)).toBe('!GetAtt Named.Arn');
    expect(standInOf(template, 'dev')).toBeUndefined();
    expect(standInOf(template, 'us-east-1')).toBeUndefined();
    expect(standInOf(parseTemplate(TEMPLATE), 'Table')).toBeUndefined();
  });
});
