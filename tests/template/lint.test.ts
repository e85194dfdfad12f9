import { cfnLint, describeWithAwsTools, PROJECT_TEMPLATE, type Finding, AWS_TOOL_HOOK_TIMEOUT_MS } from './aws-tools';

// Copies of the template that cfn-lint must object to (proof this run can fail) are in
// tools/repo-checks/test/template/lint-cases.test.ts, with the rest of the repository's own checks.
describeWithAwsTools('cfn-lint with informational rules', () => {
  let findings: Finding[];

  beforeAll(async () => {
    findings = await cfnLint([PROJECT_TEMPLATE]);
  }, AWS_TOOL_HOOK_TIMEOUT_MS);

  it('reports nothing on template.yaml', () => {
    expect(findings.map((f) => `${f.Rule.Id} line ${f.Location.Start.LineNumber}: ${f.Message}`)).toEqual([]);
  });
});
