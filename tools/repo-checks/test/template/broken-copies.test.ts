import {
  describeWithAwsTools,
  translate,
  translated,
  type Translation,
  AWS_TOOL_HOOK_TIMEOUT_MS,
} from '../../../../tests/template/aws-tools';
import type { Rule } from '../../../../tests/template/cloudformation';
import { deploymentFor } from '../../../../tests/template/conditions';
import { DEPLOYMENT_RULES } from '../../../../tests/template/rules';
import { noLiteralAccountRegionOrPartition, PORTABILITY_REGION } from '../../../../tests/template/rules/portability';
import { scratchDirectory, TemplateCopy } from '../../../../tests/template/template-copy';

/**
 * Each rule must catch a deliberately broken copy of template.yaml, expanded by the real SAM translator
 * (so a change that SAM turns into something else, like a generated role, is judged by what SAM makes of
 * it), and must accept safe changes. Resources are found by type, so the cases follow the template as it grows.
 */
const RULES: Record<string, Rule> = { ...DEPLOYMENT_RULES, noLiteralAccountRegionOrPartition };

interface Case {
  rule: string;
  change: string;
  edit: (copy: TemplateCopy) => void;
  /** Text the rule's report must contain; undefined for a change the rule must accept. */
  culprit?: string;
  parameters?: Record<string, string>;
}

// By name: docs/add-an-endpoint.md adds a function and a role beside these.
const fn = (_copy: TemplateCopy) => 'HelloWorldFunction';
const role = (_copy: TemplateCopy) => 'HelloWorldFunctionRole';
const api = (copy: TemplateCopy) => copy.onlyOfType('AWS::Serverless::Api');
const logGroup = (copy: TemplateCopy) => {
  const id = copy.get(['Resources', fn(copy), 'Properties', 'LoggingConfig', 'LogGroup']);
  if (typeof id !== 'string') throw new Error('the function has no LoggingConfig.LogGroup');
  return id;
};
const logStatement = (copy: TemplateCopy) => [
  'Resources',
  role(copy),
  'Properties',
  'Policies',
  0,
  'PolicyDocument',
  'Statement',
  0,
];
const helloEvent = (copy: TemplateCopy) => {
  const events = copy.get(['Resources', fn(copy), 'Properties', 'Events']) as {
    items: Array<{ key: { value: string } }>;
  };
  return ['Resources', fn(copy), 'Properties', 'Events', events.items[0]?.key.value ?? ''];
};
/**
 * The function without its explicit role, so SAM generates one. The role resource goes too: the translator
 * refuses a copy that keeps it, because the generated role takes the same logical id.
 */
const withoutRole = (copy: TemplateCopy) => {
  copy.delete(['Resources', role(copy)]);
  copy.delete(['Resources', fn(copy), 'Properties', 'Role']);
};
/** The first alarm on a namespace, and the first saved query. */
const alarmOn = (copy: TemplateCopy, namespace: string) => {
  const id = copy
    .idsOfType('AWS::CloudWatch::Alarm')
    .find((a) => copy.get(['Resources', a, 'Properties', 'Namespace']) === namespace);
  if (id === undefined) throw new Error(`no alarm on ${namespace}`);
  return id;
};
const query = (copy: TemplateCopy) => copy.idsOfType('AWS::Logs::QueryDefinition')[0] ?? '';
/** Adds a resource from YAML (short-form tags allowed). */
const add = (copy: TemplateCopy, id: string, yaml: string) => copy.setYaml(['Resources', id], yaml);
const attachedPolicy = (copy: TemplateCopy, type: string, statement: string) => `Type: ${type}
Properties:
  ${type === 'AWS::IAM::Policy' ? 'PolicyName: extra' : ''}
  Roles: [!Ref ${role(copy)}]
  PolicyDocument:
    Version: '2012-10-17'
    Statement:
      - ${statement}`;

const CASES: Case[] = [
  // oneStageNamedByParameter
  {
    rule: 'oneStageNamedByParameter',
    change: 'Globals.Api.OpenApiVersion removed (SAM adds its stray "Stage" stage)',
    edit: (c) => c.delete(['Globals', 'Api', 'OpenApiVersion']),
    culprit: "StageName 'Stage' creates another stage",
  },
  {
    rule: 'oneStageNamedByParameter',
    change: 'an Api event without RestApiId (an implicit API with stage Prod)',
    edit: (c) => c.delete([...helloEvent(c), 'Properties', 'RestApiId']),
    culprit: "stage named 'Prod'",
  },
  {
    rule: 'oneStageNamedByParameter',
    change: 'a literal StageName instead of the parameter',
    edit: (c) => c.set(['Resources', api(c), 'Properties', 'StageName'], 'v1'),
    culprit: "stage named 'v1'",
  },
  // stagesThrottled
  {
    rule: 'stagesThrottled',
    change: 'no MethodSettings',
    edit: (c) => c.delete(['Resources', api(c), 'Properties', 'MethodSettings']),
    culprit: 'no stage-wide throttling',
  },
  {
    rule: 'stagesThrottled',
    change: 'throttling on GET /hello only',
    edit: (c) =>
      c
        .set(['Resources', api(c), 'Properties', 'MethodSettings', 0, 'ResourcePath'], '/hello')
        .set(['Resources', api(c), 'Properties', 'MethodSettings', 0, 'HttpMethod'], 'GET'),
    culprit: 'no stage-wide throttling',
  },
  // routesProxyToFunctions
  {
    rule: 'routesProxyToFunctions',
    change: 'a hand-written alias instead of AutoPublishAlias (the route invokes the function itself)',
    edit: (c) => {
      c.delete(['Resources', fn(c), 'Properties', 'AutoPublishAlias']);
      c.delete(['Resources', fn(c), 'Properties', 'ProvisionedConcurrencyConfig']);
      add(
        c,
        'HandAlias',
        `Type: AWS::Lambda::Alias\nProperties:\n  FunctionName: !Ref ${fn(c)}\n  FunctionVersion: '1'\n  Name: live`,
      );
    },
    culprit: 'not its alias HandAlias',
  },
  {
    rule: 'routesProxyToFunctions',
    change: 'an API whose route forwards to an HTTP backend',
    edit: (c) =>
      add(
        c,
        'ProxyApi',
        `Type: AWS::Serverless::Api
Properties:
  StageName: !Ref StageName
  DefinitionBody:
    openapi: '3.0'
    info: { title: proxy, version: '1' }
    paths:
      /elsewhere:
        get:
          x-amazon-apigateway-integration: { type: http_proxy, httpMethod: GET, uri: 'https://example.com/' }`,
      ),
    culprit: "ProxyApi GET /elsewhere: not a Lambda proxy integration (type 'http_proxy')",
  },
  // corsPreflightOnEveryPath
  {
    rule: 'corsPreflightOnEveryPath',
    change: 'no Cors on the API',
    edit: (c) => c.delete(['Resources', api(c), 'Properties', 'Cors']),
    culprit: 'no OPTIONS preflight',
  },
  {
    rule: 'corsPreflightOnEveryPath',
    change: 'a preflight that allows OPTIONS only',
    edit: (c) => c.set(['Resources', api(c), 'Properties', 'Cors', 'AllowMethods'], "'OPTIONS'"),
    culprit: 'lacks get',
  },
  {
    rule: 'corsPreflightOnEveryPath',
    change: "a preflight with a literal '*' while AllowedOrigin names one origin",
    edit: (c) => c.set(['Resources', api(c), 'Properties', 'Cors', 'AllowOrigin'], "'*'"),
    parameters: { AllowedOrigin: 'https://app.example.com' },
    culprit: "not 'https://app.example.com'",
  },
  // gatewayResponsesCarryCors
  {
    rule: 'gatewayResponsesCarryCors',
    change: 'no GatewayResponses',
    edit: (c) => c.delete(['Resources', api(c), 'Properties', 'GatewayResponses']),
    culprit: 'DEFAULT_4XX',
  },
  // invokePermissionsScopedToRoutes
  {
    rule: 'invokePermissionsScopedToRoutes',
    change: 'an extra permission for every method and path of the API',
    edit: (c) =>
      add(
        c,
        'AnyRouteInvoke',
        `Type: AWS::Lambda::Permission
Properties:
  Action: lambda:InvokeFunction
  FunctionName: !Ref ${fn(c)}
  Principal: apigateway.amazonaws.com
  SourceArn: !Sub arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${${api(c)}}/*/*/*`,
      ),
    culprit: 'AnyRouteInvoke: SourceArn',
  },
  {
    rule: 'invokePermissionsScopedToRoutes',
    change: 'an extra permission without SourceArn',
    edit: (c) =>
      add(
        c,
        'OpenInvoke',
        `Type: AWS::Lambda::Permission\nProperties:\n  Action: lambda:InvokeFunction\n  FunctionName: !Ref ${fn(c)}\n  Principal: apigateway.amazonaws.com`,
      ),
    culprit: 'OpenInvoke: no execute-api SourceArn',
  },
  // noWildcardActions
  {
    rule: 'noWildcardActions',
    change: "the log statement allows Action '*'",
    edit: (c) => c.set([...logStatement(c), 'Action'], '*'),
    culprit: "wildcard action '*'",
  },
  {
    rule: 'noWildcardActions',
    change: 'the log statement adds logs:*',
    edit: (c) => c.set([...logStatement(c), 'Action'], ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:*']),
    culprit: "'logs:*'",
  },
  {
    rule: 'noWildcardActions',
    change: 'no Role, and a SAM Policies statement with s3:* (checked in the role SAM generates)',
    edit: (c) => {
      withoutRole(c);
      c.setYaml(
        ['Resources', fn(c), 'Properties', 'Policies'],
        "- Statement:\n    - Effect: Allow\n      Action: 's3:*'\n      Resource: !Sub 'arn:${AWS::Partition}:s3:::bucket/*'",
      );
    },
    culprit: "'s3:*'",
  },
  {
    rule: 'noWildcardActions',
    change: 'a policy attached to the role with NotAction',
    edit: (c) =>
      add(
        c,
        'NotActionPolicy',
        attachedPolicy(c, 'AWS::IAM::Policy', "{ Effect: Allow, NotAction: 'iam:*', Resource: '*' }"),
      ),
    culprit: 'NotActionPolicy.Statement[0]: Allow with NotAction',
  },
  // noWriteActionsOnWildcardResources
  {
    rule: 'noWriteActionsOnWildcardResources',
    change: "the log statement on Resource '*'",
    edit: (c) => c.set([...logStatement(c), 'Resource'], '*'),
    culprit: "'logs:PutLogEvents' on '*'",
  },
  {
    rule: 'noWriteActionsOnWildcardResources',
    change: 'a managed policy on the role with dynamodb:PutItem on *',
    edit: (c) =>
      add(
        c,
        'TablesPolicy',
        attachedPolicy(c, 'AWS::IAM::ManagedPolicy', "{ Effect: Allow, Action: 'dynamodb:PutItem', Resource: '*' }"),
      ),
    culprit: "'dynamodb:PutItem'",
  },
  // logWritesOnlyToOwnLogGroup
  {
    rule: 'logWritesOnlyToOwnLogGroup',
    change: 'no Role (SAM generates one with AWSLambdaBasicExecutionRole)',
    edit: (c) => withoutRole(c),
    culprit: 'AWSLambdaBasicExecutionRole',
  },
  {
    rule: 'logWritesOnlyToOwnLogGroup',
    change: 'the log statement on another log group of the stack',
    edit: (c) => {
      add(c, 'OtherLogGroup', 'Type: AWS::Logs::LogGroup\nProperties:\n  RetentionInDays: 7');
      c.setYaml([...logStatement(c), 'Resource'], '!GetAtt OtherLogGroup.Arn');
    },
    culprit: 'OtherLogGroup',
  },
  {
    rule: 'logWritesOnlyToOwnLogGroup',
    change: 'no LoggingConfig.LogGroup (Lambda would create /aws/lambda/<name> outside the stack)',
    edit: (c) => c.delete(['Resources', fn(c), 'Properties', 'LoggingConfig', 'LogGroup']),
    culprit: 'LoggingConfig.LogGroup is not a log group of this stack',
  },
  {
    rule: 'logWritesOnlyToOwnLogGroup',
    change: 'a role from outside the stack',
    edit: (c) =>
      c.setYaml(
        ['Resources', fn(c), 'Properties', 'Role'],
        '!Sub arn:${AWS::Partition}:iam::${AWS::AccountId}:role/shared',
      ),
    culprit: 'is not a role of this stack',
  },
  // logGroupsHaveRetention
  {
    rule: 'logGroupsHaveRetention',
    change: "the function's log group without RetentionInDays",
    edit: (c) => c.delete(['Resources', logGroup(c), 'Properties', 'RetentionInDays']),
    culprit: 'HelloWorldFunctionLogGroup: no RetentionInDays',
  },
  {
    rule: 'logGroupsHaveRetention',
    change: 'retention dropped only when access logging is on (judged with EnableAccessLogging=true)',
    edit: (c) =>
      c.setYaml(
        ['Resources', logGroup(c), 'Properties', 'RetentionInDays'],
        '!If [AccessLoggingEnabled, !Ref AWS::NoValue, !Ref LogRetentionInDays]',
      ),
    parameters: { EnableAccessLogging: 'true' },
    culprit: 'no RetentionInDays',
  },
  // noLiteralAccountRegionOrPartition
  {
    rule: 'noLiteralAccountRegionOrPartition',
    change: 'an output naming an account id',
    edit: (c) =>
      c.setYaml(
        ['Outputs', 'Pinned'],
        'Value: !Sub arn:${AWS::Partition}:lambda:${AWS::Region}:123456789012:function:x',
      ),
    culprit: '123456789012',
  },
  {
    rule: 'noLiteralAccountRegionOrPartition',
    change: 'an environment variable naming a region',
    edit: (c) => c.set(['Resources', fn(c), 'Properties', 'Environment', 'Variables', 'HOME_REGION'], 'eu-west-1'),
    culprit: 'eu-west-1',
  },
  {
    rule: 'noLiteralAccountRegionOrPartition',
    change: 'the log statement spelling arn:aws:',
    edit: (c) =>
      c.setYaml(
        [...logStatement(c), 'Resource'],
        `!Sub arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${${logGroup(c)}}:*`,
      ),
    culprit: 'arn:aws:',
  },
  // alarmsWatchThisStack
  {
    rule: 'alarmsWatchThisStack',
    change: 'an API alarm with the dimension ApiId instead of ApiName (a metric API Gateway never publishes)',
    edit: (c) => c.set(['Resources', alarmOn(c, 'AWS/ApiGateway'), 'Properties', 'Dimensions', 0, 'Name'], 'ApiId'),
    culprit: 'dimensions ApiId,Stage, not ApiName and Stage',
  },
  {
    rule: 'alarmsWatchThisStack',
    change: "an API alarm on the API's id rather than its name",
    edit: (c) =>
      c.setYaml(['Resources', alarmOn(c, 'AWS/ApiGateway'), 'Properties', 'Dimensions', 0, 'Value'], `!Ref ${api(c)}`),
    culprit: 'is the Name of no REST API of this stack',
  },
  {
    rule: 'alarmsWatchThisStack',
    change: 'an API alarm on a literal stage name',
    edit: (c) => c.set(['Resources', alarmOn(c, 'AWS/ApiGateway'), 'Properties', 'Dimensions', 1, 'Value'], 'dev'),
    culprit: "Stage 'dev' is not a stage resource",
  },
  {
    rule: 'alarmsWatchThisStack',
    change: 'a Lambda alarm on a function name typed by hand',
    edit: (c) =>
      c.set(['Resources', alarmOn(c, 'AWS/Lambda'), 'Properties', 'Dimensions', 0, 'Value'], 'HelloWorldFunction'),
    culprit: "FunctionName 'HelloWorldFunction' is no function of this stack",
  },
  {
    rule: 'alarmsWatchThisStack',
    change: "the InternalErrors alarm on another service than the function's POWERTOOLS_SERVICE_NAME",
    edit: (c) => c.set(['Resources', alarmOn(c, 'SamHelloApi'), 'Properties', 'Dimensions', 0, 'Value'], 'hello'),
    culprit: "service 'hello' is not the POWERTOOLS_SERVICE_NAME",
  },
  {
    rule: 'alarmsWatchThisStack',
    change: 'the function publishing to another namespace than its alarm watches',
    edit: (c) =>
      c.set(['Resources', fn(c), 'Properties', 'Environment', 'Variables', 'POWERTOOLS_METRICS_NAMESPACE'], 'Other'),
    culprit: "no function of this stack publishes to namespace 'SamHelloApi'",
  },
  // dashboardsWatchThisStack
  {
    rule: 'dashboardsWatchThisStack',
    change: "a dashboard graphing the function's duration by its logical id instead of its name",
    edit: (c) =>
      c.replaceInText(
        ['Resources', c.onlyOfType('AWS::CloudWatch::Dashboard'), 'Properties', 'DashboardBody'],
        '"Duration", "FunctionName", "${HelloWorldFunction}"',
        '"Duration", "FunctionName", "HelloWorldFunction"',
      ),
    parameters: { EnableDashboard: 'true' },
    culprit: "'AWS/Lambda' 'Duration': FunctionName 'HelloWorldFunction' is no function of this stack",
  },
  // alarmsNotifyStackTopic
  {
    rule: 'alarmsNotifyStackTopic',
    change: 'an alarm without AlarmActions',
    edit: (c) => c.delete(['Resources', alarmOn(c, 'AWS/Lambda'), 'Properties', 'AlarmActions']),
    culprit: 'no AlarmActions',
  },
  {
    rule: 'alarmsNotifyStackTopic',
    change: 'an alarm notifying a topic outside the stack',
    edit: (c) =>
      c.setYaml(
        ['Resources', alarmOn(c, 'AWS/ApiGateway'), 'Properties', 'AlarmActions'],
        '[!Sub "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:elsewhere"]',
      ),
    culprit: 'is not an SNS topic of this stack',
  },
  // alarmsQuietWithoutData
  {
    rule: 'alarmsQuietWithoutData',
    change: 'an alarm treating missing data as breaching',
    edit: (c) => c.set(['Resources', alarmOn(c, 'SamHelloApi'), 'Properties', 'TreatMissingData'], 'breaching'),
    culprit: "TreatMissingData 'breaching'",
  },
  // queriesReadStackLogGroups
  {
    rule: 'queriesReadStackLogGroups',
    change: 'a saved query on a log group named by hand',
    edit: (c) => c.set(['Resources', query(c), 'Properties', 'LogGroupNames'], ['/aws/lambda/HelloWorldFunction']),
    culprit: "log group '/aws/lambda/HelloWorldFunction' is not a log group of this stack",
  },
  // Changes the rules must accept: without these, a rule that reports everything would pass the cases above.
  {
    rule: 'noWildcardActions',
    change: 'a Deny of every action',
    edit: (c) =>
      add(c, 'DenyAll', attachedPolicy(c, 'AWS::IAM::Policy', "{ Effect: Deny, Action: '*', Resource: '*' }")),
  },
  {
    rule: 'noWriteActionsOnWildcardResources',
    change: 'reads, and X-Ray writes (which take no resource), on *',
    edit: (c) =>
      add(
        c,
        'ReadAndTrace',
        attachedPolicy(
          c,
          'AWS::IAM::Policy',
          "{ Effect: Allow, Action: [cloudwatch:GetMetricData, xray:PutTraceSegments, xray:PutTelemetryRecords], Resource: '*' }",
        ),
      ),
  },
  {
    rule: 'logWritesOnlyToOwnLogGroup',
    change: "the log statement naming the function's own group by an ARN built from its name",
    edit: (c) =>
      c.setYaml(
        [...logStatement(c), 'Resource'],
        `!Sub arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:\${${logGroup(c)}}:*`,
      ),
  },
];

describeWithAwsTools('each rule on broken copies of template.yaml, expanded by the SAM translator', () => {
  const scratch = scratchDirectory();
  const paths = CASES.map((c, i) => {
    const copy = new TemplateCopy();
    c.edit(copy);
    return scratch.write(`case-${i}.yaml`, copy.toString());
  });
  let results: Translation[];

  beforeAll(async () => {
    results = await translate(
      CASES.map((c, i) => ({
        template: paths[i] ?? '',
        ...(c.rule === 'noLiteralAccountRegionOrPartition' ? { region: PORTABILITY_REGION } : {}),
      })),
    );
  }, AWS_TOOL_HOOK_TIMEOUT_MS);
  afterAll(() => scratch.remove());

  const reportOf = (i: number) => {
    const c = CASES[i] as Case;
    return (RULES[c.rule] as Rule)(deploymentFor(translated(results[i]), c.parameters)).join('\n');
  };

  const broken = CASES.flatMap((c, i) => (c.culprit === undefined ? [] : [[c.rule, c.change, i] as const]));
  it.each(broken)('%s reports %s', (_rule, _change, i) => {
    expect(reportOf(i)).toContain(CASES[i]?.culprit);
  });

  const accepted = CASES.flatMap((c, i) => (c.culprit === undefined ? [[c.rule, c.change, i] as const] : []));
  it.each(accepted)('%s accepts %s', (_rule, _change, i) => {
    expect(reportOf(i)).toBe('');
  });

  it('has a broken copy for every rule', () => {
    expect(new Set(CASES.filter((c) => c.culprit).map((c) => c.rule))).toEqual(new Set(Object.keys(RULES)));
  });
});
