import { parseTemplate } from '../../src/template/template';

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

  it('rejects a document without Resources and duplicate keys', () => {
    expect(() => parseTemplate('Description: nothing')).toThrow(/no Resources/);
    expect(() => parseTemplate('Resources: {}\nResources: {}')).toThrow();
  });
});
