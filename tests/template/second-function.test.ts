import { cfnLint, describeWithAwsTools, translate, translated, type Finding } from './aws-tools';
import type { CfnTemplate } from './cloudformation';
import { deploymentFor } from './conditions';
import { label, parameterSets } from './parameter-sets';
import { integrationTarget, invokePermissions, routes } from './rest-api';
import { violations } from './rules';
import { scratchDirectory, TemplateCopy } from './template-copy';

/**
 * The rules are written over every function, role, log group and route, not over HelloWorldFunction: a copy
 * of template.yaml with a second function, added the way the first one is (its own route on the same API,
 * its own role and its own log group), passes them all and cfn-lint; cross-wiring its role to the first
 * function's log group fails.
 */
const goodbye = (logGroupOfRole: string) => ({
  GoodbyeFunction: `Type: AWS::Serverless::Function
Properties:
  CodeUri: goodbye/
  Handler: app.lambdaHandler
  AutoPublishAlias: live
  Role: !GetAtt GoodbyeFunctionRole.Arn
  LoggingConfig:
    LogFormat: JSON
    LogGroup: !Ref GoodbyeFunctionLogGroup
  Events:
    GoodbyeGet:
      Type: Api
      Properties:
        RestApiId: !Ref HelloApi
        Path: /goodbye
        Method: get`,
  GoodbyeFunctionLogGroup: `Type: AWS::Logs::LogGroup
DeletionPolicy: Delete
UpdateReplacePolicy: Delete
Properties:
  LogGroupName: !Sub /aws/lambda/\${AWS::StackName}-GoodbyeFunction
  RetentionInDays: !Ref LogRetentionInDays`,
  GoodbyeFunctionRole: `Type: AWS::IAM::Role
Properties:
  AssumeRolePolicyDocument:
    Version: '2012-10-17'
    Statement:
      - Effect: Allow
        Principal: { Service: lambda.amazonaws.com }
        Action: sts:AssumeRole
  Policies:
    - PolicyName: WriteOwnLogGroup
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [logs:CreateLogStream, logs:PutLogEvents]
            Resource: !GetAtt ${logGroupOfRole}.Arn`,
});

function withGoodbye(logGroupOfRole: string): string {
  const copy = new TemplateCopy();
  for (const [id, yaml] of Object.entries(goodbye(logGroupOfRole))) copy.setYaml(['Resources', id], yaml);
  return copy.toString();
}

describeWithAwsTools('template.yaml with a second function', () => {
  const scratch = scratchDirectory();
  const twoFunctions = scratch.write('two-functions.yaml', withGoodbye('GoodbyeFunctionLogGroup'));
  const crossWired = scratch.write('cross-wired.yaml', withGoodbye('HelloWorldFunctionLogGroup'));
  let template: CfnTemplate;
  let crossWiredTemplate: CfnTemplate;
  let findings: Finding[];

  beforeAll(async () => {
    const [results, lint] = await Promise.all([
      translate([{ template: twoFunctions }, { template: crossWired }]),
      cfnLint([twoFunctions]),
    ]);
    [template, crossWiredTemplate] = results.map(translated) as [CfnTemplate, CfnTemplate];
    findings = lint;
  });
  afterAll(() => scratch.remove());

  it('gets a clean bill from cfn-lint', () => {
    expect(findings.map((f) => `${f.Rule.Id}: ${f.Message}`)).toEqual([]);
  });

  it("routes GET /goodbye to the new function's alias, with an invoke permission for that route only", () => {
    const get = routes(template).find((r) => r.path === '/goodbye' && r.method === 'get');
    const target = integrationTarget(get?.integration ?? {});
    expect(template.Resources[target ?? '']).toMatchObject({
      Type: 'AWS::Lambda::Alias',
      Properties: { FunctionName: { Ref: 'GoodbyeFunction' } },
    });
    expect(
      invokePermissions(template)
        .filter((p) => p.target === target)
        .map((p) => p.arn),
    ).toEqual([{ api: get?.api, stage: '*', method: 'GET', path: '/goodbye' }]);
  });

  it.each(parameterSets().map((set) => [label(set) || 'defaults', set] as const))(
    'passes every rule with %s',
    (_label, parameters) => {
      expect(violations(deploymentFor(template, parameters))).toEqual([]);
    },
  );

  it("fails when the second function's role may write to the first function's log group", () => {
    expect(violations(deploymentFor(crossWiredTemplate))).toEqual([
      expect.stringMatching(
        /^logWritesOnlyToOwnLogGroup: GoodbyeFunctionRole\.Policies\[0\].*HelloWorldFunctionLogGroup/,
      ),
    ]);
  });
});
