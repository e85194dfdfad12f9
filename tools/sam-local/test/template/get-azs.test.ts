// Fn::GetAZs as sam local answers it (aws/aws-sam-cli samcli/lib/intrinsic_resolver/intrinsic_property_resolver.py,
// handle_fn_get_azs): the zones of its fixed region table (intrinsics_symbol_table.py, IntrinsicsSymbolTable.REGIONS),
// "" meaning the template's own region, and a region outside the table left as written. A deployed stack gets its
// account's zones (AWS CloudFormation User Guide, "Fn::GetAZs"), so each answer is named as sam local's stand-in.
import { resolveTemplate } from '../../src/template/resolve-template';
import { parseTemplate } from '../../src/template/template';

const TEMPLATE = `
Parameters:
  Zone: { Type: String, Default: eu-west-1 }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          OWN: !GetAZs ""
          BY_REF: !GetAZs { Ref: AWS::Region }
          NAMED: { "Fn::GetAZs": !Ref Zone }
          FIRST: !Select [0, !GetAZs ""]
          JOINED: !Join [",", !GetAZs ap-northeast-1]
          CHINA: !GetAZs cn-north-1
          UNKNOWN: !GetAZs eu-south-1
          NOT_TEXT: !GetAZs [us-east-1]
`;

function resolve(region: string) {
  const { template, notes } = resolveTemplate(parseTemplate(TEMPLATE), { region, parameterOverrides: {} });
  const variables = (template.Resources.Fn?.Properties?.Environment as { Variables: Record<string, unknown> })
    .Variables;
  return { variables, notes };
}

describe('Fn::GetAZs', () => {
  it('lists the zones of sam local’s table: "" and Ref AWS::Region are the template’s region', () => {
    // Act
    const { variables } = resolve('us-west-1');

    // Assess
    expect(variables).toMatchObject({
      OWN: ['us-west-1b', 'us-west-1c'],
      BY_REF: ['us-west-1b', 'us-west-1c'],
      NAMED: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      FIRST: 'us-west-1b',
      JOINED: 'ap-northeast-1a,ap-northeast-1c,ap-northeast-1d',
      CHINA: [],
    });
  });

  it('us-east-1 has six zones there; each region gives its own', () => {
    // Act
    const east = resolve('us-east-1').variables;
    const sydney = resolve('ap-southeast-2').variables;

    // Assess
    expect(east.OWN).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
    expect(sydney.FIRST).toBe('ap-southeast-2a');
  });

  it('a region outside the table, or an argument that is not a region name, stays as written and says why', () => {
    // Act
    const { variables, notes } = resolve('us-east-1');

    // Assess
    expect([variables.UNKNOWN, variables.NOT_TEXT]).toEqual([
      { 'Fn::GetAZs': 'eu-south-1' },
      { 'Fn::GetAZs': ['us-east-1'] },
    ]);
    const why: Record<string, unknown> = Object.fromEntries(
      notes.map((note) => [note.path.at(-1), [note.resolved, note.why]]),
    );
    expect(why.UNKNOWN).toEqual([false, 'Fn::GetAZs: sam local has no availability zones for region "eu-south-1"']);
    expect(why.NOT_TEXT).toEqual([false, 'Fn::GetAZs needs a string here']);
  });

  it('an answered Fn::GetAZs is named once as sam local’s fixed list, not the account’s zones', () => {
    // Act
    const { notes } = resolve('us-west-1');

    // Assess
    const own = notes.find((note) => note.path.at(-1) === 'OWN');
    expect(own).toEqual({
      path: ['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'OWN'],
      written: '!GetAZs ""',
      resolved: true,
      value: ['us-west-1b', 'us-west-1c'],
      why: "Fn::GetAZs us-west-1 is the account's availability zones; sam local uses a fixed list for the region",
    });
    expect(notes.find((note) => note.path.at(-1) === 'NAMED')?.why).toContain('Fn::GetAZs eu-west-1 is');
  });
});
