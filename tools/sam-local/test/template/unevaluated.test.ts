// What stays as written because it is not evaluated locally at all, as under sam local: Fn::Cidr (not in SAM CLI's
// IntrinsicResolver, aws/aws-sam-cli samcli/lib/intrinsic_resolver/intrinsic_property_resolver.py), the
// AWS::LanguageExtensions functions Fn::ForEach, Fn::Length and Fn::ToJsonString (SAM CLI 1.164.0 expands them only
// with --language-extensions or SAM_CLI_ENABLE_LANGUAGE_EXTENSIONS=1: samcli/lib/cfn_language_extensions/
// sam_integration.py, expand_language_extensions) and a macro other than AWS::Include; named in one start-up line.
// The Fn::ForEach shape is AWS's own example (AWS CloudFormation User Guide, "Fn::ForEach", topics per name).
import { resolveTemplate, type ResolutionNote } from '../../src/template/resolve-template';
import { parseTemplate } from '../../src/template/template';
import { unevaluatedLine } from '../../src/template/unevaluated';

const TEMPLATE = `
Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]
Parameters:
  Names: { Type: CommaDelimitedList, Default: "Success,Failure" }
Resources:
  Vpc: { Type: AWS::EC2::VPC, Properties: { CidrBlock: 10.0.0.0/16 } }
  Subnet:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc
      CidrBlock: !Select [0, !Cidr [10.0.0.0/16, 2, 8]]
  Fn::ForEach::Topics:
    - TopicName
    - !Ref Names
    - SnsTopic\${TopicName}:
        Type: AWS::SNS::Topic
        Properties: { TopicName: !Ref TopicName }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          STAGE: !Ref AWS::Region
          NAME_COUNT: !Length [a, b]
          SETTINGS: !ToJsonString { retries: 3 }
`;

function resolve() {
  return resolveTemplate(parseTemplate(TEMPLATE), { region: 'us-east-1', parameterOverrides: {} });
}

describe('functions not evaluated locally', () => {
  it('stay as written where they are; their neighbours are resolved', () => {
    // Act
    const { template } = resolve();

    // Assess
    expect(template.Resources.Subnet?.Properties).toEqual({
      VpcId: 'Vpc',
      CidrBlock: { 'Fn::Select': [0, { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] }] },
    });
    expect(template.Resources.Fn?.Properties?.Environment).toEqual({
      Variables: {
        STAGE: 'us-east-1',
        NAME_COUNT: { 'Fn::Length': ['a', 'b'] },
        SETTINGS: { 'Fn::ToJsonString': { retries: 3 } },
      },
    });
  });

  it('Fn::ForEach in Resources is kept whole, as written, and is not read as a resource', () => {
    // Act
    const { template, notes } = resolve();

    // Assess: the body's ${TopicName} is not taken for a parameter or resource (no note of it).
    expect(template.Resources['Fn::ForEach::Topics']).toEqual([
      'TopicName',
      { Ref: 'Names' },
      { 'SnsTopic${TopicName}': { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'TopicName' } } } },
    ]);
    expect(notes.filter((note) => note.path[1] === 'Fn::ForEach::Topics')).toEqual([
      {
        path: ['Resources', 'Fn::ForEach::Topics'],
        written: 'Fn::ForEach::Topics',
        resolved: false,
        value: template.Resources['Fn::ForEach::Topics'],
        why: 'Fn::ForEach (AWS::LanguageExtensions) is not expanded locally, as sam local does not without --language-extensions',
        unevaluated: 'Fn::ForEach',
      },
    ]);
  });

  it('each note says which function is not evaluated; a value only a deployed stack knows is not one', () => {
    // Act
    const { notes } = resolve();

    // Assess
    expect(notes.map((note) => [note.path.slice(1).join('.'), note.unevaluated])).toEqual([
      ['Subnet.Properties.VpcId', undefined],
      ['Subnet.Properties.CidrBlock', 'Fn::Cidr'],
      ['Fn::ForEach::Topics', 'Fn::ForEach'],
      ['Fn.Properties.Environment.Variables.NAME_COUNT', 'Fn::Length'],
      ['Fn.Properties.Environment.Variables.SETTINGS', 'Fn::ToJsonString'],
    ]);
    expect(notes.find((note) => note.unevaluated === 'Fn::Cidr')?.why).toBe('Fn::Cidr is not evaluated locally');
  });
});

describe('unevaluatedLine: the one start-up line', () => {
  it('names each function with where it is, and says sam local expands the language extensions only when asked', () => {
    // Act
    const line = unevaluatedLine(resolve().notes);

    // Assess
    expect(line).toBe(
      'Not evaluated locally, left as written as under sam local ("" as an environment variable): ' +
        'Fn::Cidr at Resources.Subnet.Properties.CidrBlock; Fn::ForEach at Resources.Fn::ForEach::Topics; ' +
        'Fn::Length at Resources.Fn.Properties.Environment.Variables.NAME_COUNT; ' +
        'Fn::ToJsonString at Resources.Fn.Properties.Environment.Variables.SETTINGS. ' +
        'sam local expands the AWS::LanguageExtensions functions only with --language-extensions.',
    );
  });

  it('shows three places of a function and counts the others; no sentence on language extensions without them', () => {
    // Prepare
    const notes: ResolutionNote[] = ['A', 'B', 'C', 'D', 'E'].map((id) => ({
      path: ['Resources', id, 'Properties', 'CidrBlock'],
      written: '!Cidr …',
      resolved: false,
      value: {},
      why: 'Fn::Cidr is not evaluated locally',
      unevaluated: 'Fn::Cidr',
    }));

    // Act
    const line = unevaluatedLine(notes);

    // Assess
    expect(line).toBe(
      'Not evaluated locally, left as written as under sam local ("" as an environment variable): Fn::Cidr at ' +
        'Resources.A.Properties.CidrBlock, Resources.B.Properties.CidrBlock, Resources.C.Properties.CidrBlock and 2 more.',
    );
  });

  it('no line when everything is evaluated (a value only a deployed stack knows is named elsewhere)', () => {
    // Act
    const line = unevaluatedLine([
      { path: ['Outputs', 'Arn'], written: '!GetAtt T.StreamArn', resolved: false, value: {}, why: 'deployed' },
    ]);

    // Assess
    expect(line).toBeUndefined();
  });
});
