// Which function of the template an authorizer's FunctionArn (or an integration's ARN) names, as sam local resolves
// it: SAM's own examples write `!GetAtt Fn.Arn` (sam-property-api-lambdarequestauthorizer.html); SAM CLI finds the
// function by the name in the ARN (samcli/commands/local/lib/swagger/integration_uri.py, LambdaUri).
import { functionIdOfArn } from '../../src/authorizers/function-arn';
import { resolvedResources } from '../helpers/template-resources';

const RESOURCES = `
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.handler, Runtime: nodejs24.x }
  Named:
    Type: AWS::Serverless::Function
    Properties: { Handler: a.handler, Runtime: nodejs24.x, FunctionName: named-fn }
  Plain:
    Type: AWS::Lambda::Function
    Properties: { Code: src/, Handler: a.handler, Runtime: nodejs24.x }
  Table:
    Type: AWS::DynamoDB::Table
`;

describe('functionIdOfArn', () => {
  it.each([
    ['!GetAtt as a list', { 'Fn::GetAtt': ['Fn', 'Arn'] }, 'Fn'],
    ['!GetAtt as a dotted string', { 'Fn::GetAtt': 'Fn.Arn' }, 'Fn'],
    ['!GetAtt of a function with a FunctionName', { 'Fn::GetAtt': ['Named', 'Arn'] }, 'Named'],
    ['!GetAtt of an AWS::Lambda::Function', { 'Fn::GetAtt': ['Plain', 'Arn'] }, 'Plain'],
    ['!Sub ${Fn.Arn}', { 'Fn::Sub': '${Fn.Arn}' }, 'Fn'],
    ['a literal ARN naming the logical id', 'arn:aws:lambda:eu-west-1:123456789012:function:Fn', 'Fn'],
    ['a literal ARN naming the FunctionName', 'arn:aws:lambda:eu-west-1:123456789012:function:named-fn', 'Named'],
    ['a literal ARN with a qualifier', 'arn:aws:lambda:eu-west-1:123456789012:function:Fn:live', 'Fn'],
  ])('finds the function of %s', (_what, value, id) => {
    expect(functionIdOfArn(resolvedResources(RESOURCES), value, {})).toBe(id);
  });

  it.each([
    ['a function deployed elsewhere', 'arn:aws:lambda:eu-west-1:123456789012:function:elsewhere'],
    ['another resource named in the ARN', 'arn:aws:lambda:eu-west-1:123456789012:function:Table'],
    ['!GetAtt of another resource', { 'Fn::GetAtt': ['Table', 'Arn'] }],
    ['!GetAtt of something not an ARN', { 'Fn::GetAtt': ['Fn', 'Version'] }],
    ['a !Sub that names more than the function', { 'Fn::Sub': '${Fn.Arn}x' }],
    ['text that is not a Lambda ARN', 'Fn'],
    ['a value only the deployed stack knows', { 'Fn::ImportValue': 'SharedAuthorizerArn' }],
  ])('finds nothing for %s', (_what, value) => {
    expect(functionIdOfArn(resolvedResources(RESOURCES), value, {})).toBeUndefined();
  });

  it('resolves a parameter given as an override', () => {
    const template = resolvedResources(RESOURCES);
    expect(
      functionIdOfArn(template, { Ref: 'AuthArn' }, { AuthArn: 'arn:aws:lambda:eu-west-1:1:function:named-fn' }),
    ).toBe('Named');
  });
});
