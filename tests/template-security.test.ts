import { loadTemplate, type Resource, type Template } from 'sam-local-node';
import { TEMPLATE_PATH } from './helpers/project';
import { referencedIds, TEMPLATE_RULES } from './helpers/template-rules';

const { template } = loadTemplate(TEMPLATE_PATH);
const PRISTINE = JSON.stringify(template);

// Finding what to break by type and by reference, not by logical id, so the cases follow the template as it grows.
type Json = Record<string, unknown>;

function ofType(t: Template, type: string): Array<[string, Resource]> {
  const found = Object.entries(t.Resources).filter(([, resource]) => resource.Type === type);
  if (found.length === 0) throw new Error(`The template has no ${type} to break`);
  return found;
}

function first(t: Template, type: string): [string, Resource] {
  return ofType(t, type)[0] as [string, Resource];
}

function props(resource: Resource): Json {
  return (resource.Properties ??= {});
}

function functionOf(t: Template): [string, Json] {
  const [id, fn] = first(t, 'AWS::Serverless::Function');
  return [id, props(fn)];
}

/** The role the first function runs with, and the log group it logs to. */
function roleOf(t: Template): [string, Json] {
  const [, fn] = functionOf(t);
  const id = [...referencedIds(fn.Role)].find((ref) => t.Resources[ref]?.Type === 'AWS::IAM::Role');
  if (id === undefined) throw new Error('The first function has no role of this template');
  return [id, props(t.Resources[id] as Resource)];
}

function logGroupOf(t: Template): string {
  const [, fn] = functionOf(t);
  const id = [...referencedIds((fn.LoggingConfig as Json | undefined)?.LogGroup)][0];
  if (id === undefined) throw new Error('The first function has no LoggingConfig.LogGroup');
  return id;
}

/** The role's first inline statement with a logs: action. */
function logStatementOf(t: Template): Json {
  const [, role] = roleOf(t);
  const statements = (role.Policies as Array<{ PolicyDocument: { Statement: Json[] } }>).flatMap(
    (policy) => policy.PolicyDocument.Statement,
  );
  const found = statements.find((s) => [s.Action].flat().some((a) => String(a).startsWith('logs:')));
  if (found === undefined) throw new Error('The role has no log statement');
  return found;
}

function apiEventsOf(t: Template): Array<[string, Json]> {
  const [, fn] = functionOf(t);
  const events = Object.entries(fn.Events as Record<string, Json>).filter(([, event]) => event.Type === 'Api');
  if (events.length === 0) throw new Error('The first function has no Api event');
  return events.map(([name, event]) => [name, event.Properties as Json]);
}

function stageWideSetting(t: Template): [string, Json] {
  const [id, api] = first(t, 'AWS::Serverless::Api');
  const setting = (props(api).MethodSettings as Json[]).find((s) => s.ResourcePath === '/*' && s.HttpMethod === '*');
  if (setting === undefined) throw new Error(`${id} has no stage-wide MethodSettings`);
  return [id, setting];
}

const LOG_WRITES_ON = (resource: unknown) => ({
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: resource,
});

function attachPolicy(t: Template, id: string, statement: Json, type = 'AWS::IAM::Policy'): void {
  const [role] = roleOf(t);
  t.Resources[id] = {
    Type: type,
    Properties: {
      ...(type === 'AWS::IAM::Policy' ? { PolicyName: id } : {}),
      Roles: [{ Ref: role }],
      PolicyDocument: { Version: '2012-10-17', Statement: [statement] },
    },
  };
}

const SUB_ARN = (rest: string) => ({ 'Fn::Sub': `arn:\${AWS::Partition}:${rest}` });

/** A broken copy: `breakIt` changes one thing and returns text the rule's report must contain. */
interface BrokenCopy {
  rule: keyof typeof TEMPLATE_RULES;
  change: string;
  breakIt: (copy: Template) => string;
}

const BROKEN_COPIES: BrokenCopy[] = [
  // noWildcardActions
  {
    rule: 'noWildcardActions',
    change: "the role's log statement allows every action ('*')",
    breakIt: (t) => ((logStatementOf(t).Action = '*'), "'*'"),
  },
  {
    rule: 'noWildcardActions',
    change: "the role's log statement adds a service wildcard (logs:*)",
    breakIt: (t) => {
      const statement = logStatementOf(t);
      statement.Action = [...[statement.Action].flat(), 'logs:*'];
      return 'logs:*';
    },
  },
  {
    rule: 'noWildcardActions',
    change: 'an inline SAM policy on the function grants s3:*',
    breakIt: (t) => {
      const [, fn] = functionOf(t);
      fn.Policies = [{ Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: SUB_ARN('s3:::my-bucket') }] }];
      return 's3:*';
    },
  },
  {
    rule: 'noWildcardActions',
    change: 'a policy attached to the role allows NotAction',
    breakIt: (t) => {
      attachPolicy(t, 'NotActionPolicy', { Effect: 'Allow', NotAction: 'iam:*', Resource: SUB_ARN('s3:::b') });
      return 'NotAction';
    },
  },
  {
    rule: 'noWildcardActions',
    change: 'the statement list is conditional and one branch grants *',
    breakIt: (t) => {
      attachPolicy(t, 'ConditionalPolicy', {
        'Fn::If': [
          'AccessLoggingEnabled',
          { Effect: 'Allow', Action: '*', Resource: SUB_ARN('s3:::b') },
          { Ref: 'AWS::NoValue' },
        ],
      });
      return 'ConditionalPolicy';
    },
  },
  // noWriteActionsOnWildcardResources
  {
    rule: 'noWriteActionsOnWildcardResources',
    change: "the role's log statement targets Resource '*'",
    breakIt: (t) => ((logStatementOf(t).Resource = '*'), 'logs:PutLogEvents'),
  },
  {
    rule: 'noWriteActionsOnWildcardResources',
    change: "the role's log statement targets an ARN whose resource part is '*'",
    breakIt: (t) => {
      logStatementOf(t).Resource = SUB_ARN('logs:${AWS::Region}:${AWS::AccountId}:*');
      return 'logs:CreateLogStream';
    },
  },
  {
    rule: 'noWriteActionsOnWildcardResources',
    change: 'a managed policy on the role allows dynamodb:PutItem on *',
    breakIt: (t) => {
      attachPolicy(
        t,
        'TablesPolicy',
        { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: '*' },
        'AWS::IAM::ManagedPolicy',
      );
      return 'dynamodb:PutItem';
    },
  },
  {
    rule: 'noWriteActionsOnWildcardResources',
    change: 'a statement allows a write action with NotResource',
    breakIt: (t) => {
      attachPolicy(t, 'NotResourcePolicy', { Effect: 'Allow', Action: 's3:PutObject', NotResource: SUB_ARN('s3:::b') });
      return 'NotResource';
    },
  },
  // logPermissionsScopedToOwnLogGroup
  {
    rule: 'logPermissionsScopedToOwnLogGroup',
    change: 'the function loses its Role (SAM would generate one with AWSLambdaBasicExecutionRole)',
    breakIt: (t) => {
      const [id, fn] = functionOf(t);
      delete fn.Role;
      return id;
    },
  },
  {
    rule: 'logPermissionsScopedToOwnLogGroup',
    change: "the role's log statement targets every log group (Resource '*')",
    breakIt: (t) => ((logStatementOf(t).Resource = '*'), roleOf(t)[0]),
  },
  {
    rule: 'logPermissionsScopedToOwnLogGroup',
    change: "the role's log statement targets another log group of the template",
    breakIt: (t) => {
      t.Resources.OtherLogGroup = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } };
      logStatementOf(t).Resource = { 'Fn::GetAtt': ['OtherLogGroup', 'Arn'] };
      return 'OtherLogGroup';
    },
  },
  {
    rule: 'logPermissionsScopedToOwnLogGroup',
    change: 'the role also has the managed AWSLambdaBasicExecutionRole',
    breakIt: (t) => {
      roleOf(t)[1].ManagedPolicyArns = [SUB_ARN('iam::aws:policy/service-role/AWSLambdaBasicExecutionRole')];
      return 'AWSLambdaBasicExecutionRole';
    },
  },
  {
    rule: 'logPermissionsScopedToOwnLogGroup',
    change: 'a policy attached to the role writes to a log group by literal name',
    breakIt: (t) => {
      attachPolicy(
        t,
        'ExtraLogs',
        LOG_WRITES_ON(SUB_ARN('logs:${AWS::Region}:${AWS::AccountId}:log-group:/aws/lambda/other:*')),
      );
      return 'ExtraLogs';
    },
  },
  {
    rule: 'logPermissionsScopedToOwnLogGroup',
    change: 'the function loses LoggingConfig.LogGroup (it would log to a group the stack does not own)',
    breakIt: (t) => {
      const [id, fn] = functionOf(t);
      delete (fn.LoggingConfig as Json).LogGroup;
      return id;
    },
  },
  {
    rule: 'logPermissionsScopedToOwnLogGroup',
    change: 'the function runs with a role from outside the template',
    breakIt: (t) => {
      const [id, fn] = functionOf(t);
      fn.Role = SUB_ARN('iam::${AWS::AccountId}:role/shared-lambda-role');
      return id;
    },
  },
  // logGroupsHaveRetention: every log group of the template, and a conditional retention
  ...ofType(template, 'AWS::Logs::LogGroup').map(([id]): BrokenCopy => ({
    rule: 'logGroupsHaveRetention',
    change: `${id} loses RetentionInDays`,
    breakIt: (t) => (delete props(t.Resources[id] as Resource).RetentionInDays, id),
  })),
  {
    rule: 'logGroupsHaveRetention',
    change: "the function's log group keeps logs forever when a condition holds",
    breakIt: (t) => {
      const id = logGroupOf(t);
      const group = props(t.Resources[id] as Resource);
      group.RetentionInDays = { 'Fn::If': ['AccessLoggingEnabled', { Ref: 'AWS::NoValue' }, group.RetentionInDays] };
      return id;
    },
  },
  // apiStagesThrottled
  {
    rule: 'apiStagesThrottled',
    change: 'the stage-wide MethodSettings lose ThrottlingBurstLimit',
    breakIt: (t) => {
      const [id, setting] = stageWideSetting(t);
      delete setting.ThrottlingBurstLimit;
      return id;
    },
  },
  {
    rule: 'apiStagesThrottled',
    change: 'the stage-wide MethodSettings lose ThrottlingRateLimit',
    breakIt: (t) => {
      const [id, setting] = stageWideSetting(t);
      delete setting.ThrottlingRateLimit;
      return id;
    },
  },
  {
    rule: 'apiStagesThrottled',
    change: 'throttling covers GET /hello only, not the whole stage',
    breakIt: (t) => {
      const [id, setting] = stageWideSetting(t);
      Object.assign(setting, { ResourcePath: '/hello', HttpMethod: 'GET' });
      return id;
    },
  },
  {
    rule: 'apiStagesThrottled',
    change: 'a new Api event without RestApiId creates an implicit, unthrottled API',
    breakIt: (t) => {
      const [, fn] = functionOf(t);
      (fn.Events as Json).Implicit = { Type: 'Api', Properties: { Path: '/other', Method: 'get' } };
      return 'implicit REST API';
    },
  },
  {
    rule: 'apiStagesThrottled',
    change: 'a new AWS::ApiGateway::Stage without MethodSettings',
    breakIt: (t) => {
      const [api] = first(t, 'AWS::Serverless::Api');
      t.Resources.ExtraStage = {
        Type: 'AWS::ApiGateway::Stage',
        Properties: { RestApiId: { Ref: api }, StageName: 'beta' },
      };
      return 'ExtraStage';
    },
  },
  {
    rule: 'apiStagesThrottled',
    change: 'a new HTTP API without DefaultRouteSettings',
    breakIt: (t) => ((t.Resources.ExtraHttpApi = { Type: 'AWS::Serverless::HttpApi', Properties: {} }), 'ExtraHttpApi'),
  },
  // noHardCodedAccountRegionOrPartition
  {
    rule: 'noHardCodedAccountRegionOrPartition',
    change: 'an output names an account id',
    breakIt: (t) => {
      t.Outputs = { ...t.Outputs, Pinned: { Value: SUB_ARN('lambda:${AWS::Region}:123456789012:function:x') } };
      return '123456789012';
    },
  },
  {
    rule: 'noHardCodedAccountRegionOrPartition',
    change: 'an output names a region',
    breakIt: (t) => {
      t.Outputs = {
        ...t.Outputs,
        Pinned: { Value: { 'Fn::Sub': 'https://example.execute-api.eu-west-1.amazonaws.com/' } },
      };
      return 'eu-west-1';
    },
  },
  {
    rule: 'noHardCodedAccountRegionOrPartition',
    change: "the role's log statement spells the partition arn:aws:",
    breakIt: (t) => {
      logStatementOf(t).Resource = {
        'Fn::Sub': `arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${${logGroupOf(t)}}:*`,
      };
      return 'arn:aws:';
    },
  },
  {
    rule: 'noHardCodedAccountRegionOrPartition',
    change: 'an environment variable holds an account id as a YAML number',
    breakIt: (t) => {
      const [, fn] = functionOf(t);
      ((fn.Environment as Json).Variables as Json).TRUSTED_ACCOUNT = 210987654321;
      return '210987654321';
    },
  },
  // supportedRuntime
  {
    rule: 'supportedRuntime',
    change: 'Globals set the deprecated nodejs18.x',
    breakIt: (t) => (((t.Globals as { Function: Json }).Function.Runtime = 'nodejs18.x'), 'nodejs18.x'),
  },
  {
    rule: 'supportedRuntime',
    change: 'the function overrides the runtime with nodejs16.x',
    breakIt: (t) => ((functionOf(t)[1].Runtime = 'nodejs16.x'), 'nodejs16.x'),
  },
  {
    rule: 'supportedRuntime',
    change: 'the function switches to python3.12 (not a supported Node.js runtime)',
    breakIt: (t) => ((functionOf(t)[1].Runtime = 'python3.12'), 'python3.12'),
  },
  {
    rule: 'supportedRuntime',
    change: 'the runtime comes from a parameter that allows nodejs18.x',
    breakIt: (t) => {
      t.Parameters = {
        ...t.Parameters,
        NodeRuntime: { Type: 'String', Default: 'nodejs24.x', AllowedValues: ['nodejs24.x', 'nodejs18.x'] },
      };
      functionOf(t)[1].Runtime = { Ref: 'NodeRuntime' };
      return 'nodejs18.x';
    },
  },
  {
    rule: 'supportedRuntime',
    change: 'no runtime is set anywhere',
    breakIt: (t) => {
      delete (t.Globals as { Function: Json }).Function.Runtime;
      delete functionOf(t)[1].Runtime;
      return 'no Runtime';
    },
  },
  {
    rule: 'supportedRuntime',
    change: 'a plain AWS::Lambda::Function runs nodejs14.x',
    breakIt: (t) => {
      t.Resources.LegacyFunction = {
        Type: 'AWS::Lambda::Function',
        Properties: { Runtime: 'nodejs14.x', Handler: 'i.h' },
      };
      return 'nodejs14.x';
    },
  },
  // invokePermissionScopedToApi
  {
    rule: 'invokePermissionScopedToApi',
    change: 'an Api event loses RestApiId (implicit API)',
    breakIt: (t) => {
      const [name, properties] = apiEventsOf(t)[0] as [string, Json];
      delete properties.RestApiId;
      return name;
    },
  },
  {
    rule: 'invokePermissionScopedToApi',
    change: 'an Api event names an API id as a literal string',
    breakIt: (t) => (((apiEventsOf(t)[0] as [string, Json])[1].RestApiId = 'abc123xyz'), 'abc123xyz'),
  },
  {
    rule: 'invokePermissionScopedToApi',
    change: 'an Api event refers to a resource that is not an API',
    breakIt: (t) => {
      const logGroup = logGroupOf(t);
      (apiEventsOf(t)[0] as [string, Json])[1].RestApiId = { Ref: logGroup };
      return logGroup;
    },
  },
  {
    rule: 'invokePermissionScopedToApi',
    change: 'an explicit Lambda permission has no SourceArn',
    breakIt: (t) => {
      const [fn] = functionOf(t);
      t.Resources.OpenInvoke = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: fn },
          Principal: 'apigateway.amazonaws.com',
        },
      };
      return 'OpenInvoke';
    },
  },
  {
    rule: 'invokePermissionScopedToApi',
    change: "an explicit Lambda permission's SourceArn names any API of the account",
    breakIt: (t) => {
      const [fn] = functionOf(t);
      t.Resources.AnyApiInvoke = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: { Ref: fn },
          Principal: 'apigateway.amazonaws.com',
          SourceArn: SUB_ARN('execute-api:${AWS::Region}:${AWS::AccountId}:*/*/GET/hello'),
        },
      };
      return 'AnyApiInvoke';
    },
  },
];

/** Changes the rules must accept: without these, a rule that reports everything would pass the cases above. */
const ACCEPTED_CHANGES: Array<{ rule: keyof typeof TEMPLATE_RULES; change: string; apply: (copy: Template) => void }> =
  [
    {
      rule: 'noWildcardActions',
      change: 'a Deny statement on every action',
      apply: (t) => attachPolicy(t, 'DenyAll', { Effect: 'Deny', Action: '*', Resource: '*' }),
    },
    {
      rule: 'noWriteActionsOnWildcardResources',
      change: 'read-only actions, and X-Ray writes (which take no resource), on *',
      apply: (t) =>
        attachPolicy(t, 'ReadAndTrace', {
          Effect: 'Allow',
          Action: ['cloudwatch:GetMetricData', 'xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
          Resource: '*',
        }),
    },
    {
      rule: 'logPermissionsScopedToOwnLogGroup',
      change: "the log statement names the function's log group by an ARN built from its name",
      apply: (t) => {
        logStatementOf(t).Resource = SUB_ARN(
          `logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${${logGroupOf(t)}}:*`,
        );
      },
    },
    {
      rule: 'supportedRuntime',
      change: 'the runtime comes from a parameter allowing only supported runtimes',
      apply: (t) => {
        t.Parameters = {
          ...t.Parameters,
          NodeRuntime: { Type: 'String', Default: 'nodejs22.x', AllowedValues: ['nodejs22.x', 'nodejs24.x'] },
        };
        functionOf(t)[1].Runtime = { Ref: 'NodeRuntime' };
      },
    },
    {
      rule: 'apiStagesThrottled',
      change: 'throttling set for the whole stage through Globals.Api instead',
      apply: (t) => {
        const [id, api] = first(t, 'AWS::Serverless::Api');
        const settings = props(api).MethodSettings;
        delete props(t.Resources[id] as Resource).MethodSettings;
        (t.Globals as { Api: Json }).Api.MethodSettings = settings;
      },
    },
  ];

describe('template.yaml security rules', () => {
  it.each(Object.keys(TEMPLATE_RULES))('%s: template.yaml has no violations', (name) => {
    expect(TEMPLATE_RULES[name]?.(template)).toEqual([]);
  });
});

describe('each rule reports a deliberately broken copy of template.yaml', () => {
  it.each(BROKEN_COPIES.map((c) => [c.rule, c.change, c] as const))('%s: %s', (rule, _change, brokenCopy) => {
    const copy = structuredClone(template);
    const culprit = brokenCopy.breakIt(copy);
    const violations = TEMPLATE_RULES[rule]?.(copy) ?? [];
    expect(violations).not.toEqual([]);
    expect(violations.join('\n')).toContain(culprit);
    expect(JSON.stringify(template)).toBe(PRISTINE); // only the copy was broken
  });

  it('has broken copies for every rule', () => {
    expect(new Set(BROKEN_COPIES.map((c) => c.rule))).toEqual(new Set(Object.keys(TEMPLATE_RULES)));
  });
});

describe('the rules accept what is safe', () => {
  it.each(ACCEPTED_CHANGES.map((c) => [c.rule, c.change, c] as const))('%s: %s', (rule, _change, accepted) => {
    const copy = structuredClone(template);
    accepted.apply(copy);
    expect(TEMPLATE_RULES[rule]?.(copy)).toEqual([]);
  });
});
