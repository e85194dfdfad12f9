import {
  cfnLint,
  describeWithAwsTools,
  type Finding,
  AWS_TOOL_HOOK_TIMEOUT_MS,
} from '../../../../tests/template/aws-tools';
import { scratchDirectory, TemplateCopy } from '../../../../tests/template/template-copy';
import { withGoodbye } from './second-function';

// The starter's own lint run (template.yaml reports nothing) is tests/template/lint.test.ts; this one proves
// the run can fail, and that the second function of docs/add-an-endpoint.md lints clean.

/** Copies cfn-lint must object to, each with the rule id it must report: proof the lint run can fail. */
const LINT_CASES: Array<{ change: string; rule: string; edit: (copy: TemplateCopy) => void }> = [
  {
    change: 'a deprecated runtime (nodejs18.x)',
    rule: 'E2533',
    edit: (copy) => copy.set(['Globals', 'Function', 'Runtime'], 'nodejs18.x'),
  },
  {
    change: 'a log group without DeletionPolicy (the default deletes it silently)',
    rule: 'I3011',
    edit: (copy) => copy.delete(['Resources', copy.idsOfType('AWS::Logs::LogGroup')[0] ?? '', 'DeletionPolicy']),
  },
  {
    change: 'LoggingConfig.LogGroupName, a property Lambda does not have (LogGroup is)',
    rule: 'E3002',
    edit: (copy) => {
      const fn = 'HelloWorldFunction';
      copy.set(['Resources', fn, 'Properties', 'LoggingConfig', 'LogGroupName'], '/aws/lambda/x');
    },
  },
];

describeWithAwsTools('cfn-lint with informational rules on copies of template.yaml', () => {
  const scratch = scratchDirectory();
  const copies = LINT_CASES.map((c, i) => {
    const copy = new TemplateCopy();
    c.edit(copy);
    return scratch.write(`lint-case-${i}.yaml`, copy.toString());
  });
  const twoFunctions = scratch.write('two-functions.yaml', withGoodbye('GoodbyeFunctionLogGroup'));
  let findings: Finding[];

  beforeAll(async () => {
    // One run for all: cfn-lint's start-up (about 1.5 s) is most of its cost.
    findings = await cfnLint([...copies, twoFunctions]);
  }, AWS_TOOL_HOOK_TIMEOUT_MS);
  afterAll(() => scratch.remove());

  const of = (path: string) =>
    findings
      .filter((f) => f.Filename === path)
      .map((f) => `${f.Rule.Id} line ${f.Location.Start.LineNumber}: ${f.Message}`);

  it('reports on no other file', () => {
    expect(findings.filter((f) => ![...copies, twoFunctions].includes(f.Filename))).toEqual([]);
  });

  it('reports nothing on a copy with a second function (second-function.test.ts)', () => {
    expect(of(twoFunctions)).toEqual([]);
  });

  it.each(LINT_CASES.map((c, i) => [c.change, c.rule, i] as const))('reports %s as %s', (_change, rule, i) => {
    expect(of(copies[i] ?? '')).toEqual(expect.arrayContaining([expect.stringMatching(new RegExp(`^${rule} `))]));
  });
});
