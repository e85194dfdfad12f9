import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplate, parseTemplate } from '../../src/template/template';
import { templateLines } from '../../src/template/template-lines';

// The toolkit's reader of SAM templates: CloudFormation's short-form tags become their long form.
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

  it('rejects a document without Resources', () => {
    expect(() => parseTemplate('Description: nothing')).toThrow(/no Resources/);
    // Repeated keys are read as sam local reads them: see 'a template as sam local reads its YAML' below.
  });
});

// Read as SAM CLI reads YAML (samcli/yamlhelper.py: PyYAML's SafeLoader, each mapping built from its pairs, merge
// keys flattened): a repeated key keeps its last value instead of refusing the template. Found on
// aws-samples/serverless-patterns sam-webapp-cognito (CachePolicyConfig with Name twice), which sam local serves.
describe('a template as sam local reads its YAML', () => {
  const REPEATED = `
Resources:
  CachePolicy:
    Type: AWS::CloudFront::CachePolicy
    Properties:
      CachePolicyConfig:
        Name: !Ref AWS::StackName
        MinTTL: 10800
        Name: 3h
`;

  it('a key written twice in one mapping keeps its last value, and each repeat is reported with its line', () => {
    const repeats: Array<{ line: number; key: string }> = [];
    const parsed = parseTemplate(REPEATED, (repeated) => repeats.push(repeated));
    expect(parsed.Resources.CachePolicy?.Properties).toEqual({ CachePolicyConfig: { Name: '3h', MinTTL: 10800 } });
    expect(repeats).toEqual([{ line: 9, key: 'Name' }]);
  });

  it('loadTemplate names each repeat in a start-up line, with the file and line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'repeated-key-'));
    try {
      writeFileSync(join(dir, 'template.yaml'), REPEATED);
      const loaded = loadTemplate(join(dir, 'template.yaml'));
      expect(templateLines(loaded)).toEqual([
        `${join(dir, 'template.yaml')} line 9: the key Name is written twice in one mapping; the last value is ` +
          'used, as sam local reads YAML (cfn-lint reports it: E0000)',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('merge keys (<<: *anchor) are applied, the mapping’s own keys winning', () => {
    const parsed = parseTemplate(`
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          <<: { TABLE: shared, STAGE: dev }
          STAGE: prod
`);
    expect(parsed.Resources.Fn?.Properties).toEqual({ Environment: { Variables: { TABLE: 'shared', STAGE: 'prod' } } });
  });

  it('a syntax error still refuses the template', () => {
    expect(() => parseTemplate('Resources: [1,')).toThrow(/Flow sequence|Missing|end with a \]/);
  });
});
