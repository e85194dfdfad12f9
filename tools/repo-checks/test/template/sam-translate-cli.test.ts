import { join } from 'node:path';
import { describeWithAwsTools, translateCli, AWS_TOOL_HOOK_TIMEOUT_MS } from '../../../../tests/template/aws-tools';
import type { CfnTemplate } from '../../../../tests/template/cloudformation';
import { scratchDirectory } from '../../../../tests/template/template-copy';

/** scripts/sam-translate.py as a user runs it: plain CloudFormation out, or one clear line and a nonzero exit. */
describeWithAwsTools('python3 scripts/sam-translate.py', () => {
  const scratch = scratchDirectory();
  const rejected = scratch.write(
    'rejected.yaml',
    `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs24.x
      Events:
        Get:
          Type: Api
          Properties: { RestApiId: !Ref NoSuchApi, Path: /x, Method: get }
`,
  );
  let runs: Array<{ code: number; stdout: string; stderr: string }>;

  beforeAll(async () => {
    runs = await Promise.all([
      translateCli(['--parameter-overrides', 'StageName=prod']),
      translateCli([rejected]),
      translateCli([join(scratch.dir, 'does-not-exist.yaml')]),
      translateCli(['--parameter-overrides', 'StageName']),
      // -S: without site-packages, as on a machine where the translator was never installed.
      translateCli([], ['-S']),
    ]);
  }, AWS_TOOL_HOOK_TIMEOUT_MS);
  afterAll(() => scratch.remove());

  it('prints template.yaml as plain CloudFormation: no SAM resource types left', () => {
    const [ok] = runs;
    expect({ code: ok?.code, stderr: ok?.stderr }).toEqual({ code: 0, stderr: '' });
    const types = Object.values((JSON.parse(ok?.stdout ?? '') as CfnTemplate).Resources).map((r) => r.Type);
    expect(types).toEqual(expect.arrayContaining(['AWS::Lambda::Function', 'AWS::ApiGateway::RestApi']));
    expect(types.filter((type) => type.startsWith('AWS::Serverless::'))).toEqual([]);
  });

  it.each([
    ['a template the translator rejects', 1, /^sam-translate: .*rejected\.yaml: .*RestApiId must be a valid reference/],
    ['a missing file', 2, /^sam-translate: .*does-not-exist\.yaml: .*No such file or directory/],
    ['an override without =', 3, /^sam-translate: --parameter-overrides takes KEY=VALUE, got 'StageName'$/],
    [
      'a python3 without the translator',
      4,
      /^sam-translate: aws-sam-translator is not installed; run: pip install cfn-lint==1\.51\.0$/,
    ],
  ] as const)('fails on %s with one line and no traceback', (_case, i, message) => {
    const run = runs[i];
    expect(run?.code).toBe(1);
    expect(run?.stdout).toBe('');
    expect(run?.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)]);
  });
});
