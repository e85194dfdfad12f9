import { parseTemplate } from '../scripts/lib/template';

// The template itself is checked by AWS's own tools in tests/template/ (cfn-lint and the SAM translator's
// output); this file tests the local toolkit's reader of it.
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
