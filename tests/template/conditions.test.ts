import type { CfnTemplate } from './cloudformation';
import { deploymentFor } from './conditions';

/** The small part of CloudFormation the template tests do themselves: deciding conditions for parameter values. */
const template: CfnTemplate = {
  Parameters: { Mode: { Type: 'String', Default: 'off' }, Count: { Type: 'Number', Default: 0 } },
  Conditions: {
    On: { 'Fn::Equals': [{ Ref: 'Mode' }, 'on'] },
    Some: { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Count' }, '0'] }] },
    Both: { 'Fn::And': [{ Condition: 'On' }, { Condition: 'Some' }] },
    Either: { 'Fn::Or': [{ Condition: 'On' }, { Condition: 'Some' }] },
  },
  Resources: {
    Always: {
      Type: 'X',
      Properties: {
        Setting: { 'Fn::If': ['Both', { Value: { Ref: 'Count' } }, { Ref: 'AWS::NoValue' }] },
        List: ['a', { 'Fn::If': ['On', 'b', { Ref: 'AWS::NoValue' }] }],
        Text: { 'Fn::Sub': '${Mode}-${Other.Arn}-${AWS::Region}' },
        Plain: { 'Fn::Sub': 'mode ${Mode}' },
      },
    },
    OnlyIfEither: { Type: 'Y', Condition: 'Either' },
  },
  Outputs: { Out: { Value: 1, Condition: 'On' } },
};

describe('deploymentFor', () => {
  it('decides every condition from defaults and overrides', () => {
    expect(deploymentFor(template).conditions).toEqual({ On: false, Some: false, Both: false, Either: false });
    expect(deploymentFor(template, { Mode: 'on', Count: '3' }).conditions).toEqual({
      On: true,
      Some: true,
      Both: true,
      Either: true,
    });
  });

  it('keeps what the conditions keep, takes one branch of Fn::If and puts parameter values in place', () => {
    const off = deploymentFor(template).template;
    expect(Object.keys(off.Resources)).toEqual(['Always']);
    expect(off.Resources.Always?.Properties).toEqual({
      List: ['a'],
      Text: { 'Fn::Sub': 'off-${Other.Arn}-${AWS::Region}' },
      Plain: 'mode off',
    });
    expect(off.Outputs).toEqual({});
    const on = deploymentFor(template, { Mode: 'on', Count: '3' }).template;
    expect(Object.keys(on.Resources)).toEqual(['Always', 'OnlyIfEither']);
    expect(on.Resources.Always?.Properties).toMatchObject({ Setting: { Value: '3' }, List: ['a', 'b'] });
    expect(Object.keys(on.Outputs ?? {})).toEqual(['Out']);
  });

  it('refuses what it does not know instead of guessing', () => {
    expect(() => deploymentFor(template, { Nope: '1' })).toThrow('no such parameter: Nope');
    const unknownFunction = { ...template, Conditions: { ...template.Conditions, On: { 'Fn::Contains': [[], 'x'] } } };
    expect(() => deploymentFor(unknownFunction)).toThrow(/unsupported condition/);
    const withoutDefault = { ...template, Parameters: { ...template.Parameters, Bare: { Type: 'String' } } };
    expect(() => deploymentFor(withoutDefault)).toThrow('parameter Bare has no value and no default');
  });
});
