import { functionArn, parseFunctionName } from '../../src/lambda-api/function-name';

// The FunctionName forms of the Invoke API reference (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html).
describe('parseFunctionName', () => {
  it.each([
    ['my-function', { name: 'my-function' }],
    ['my-function:v1', { name: 'my-function', qualifier: 'v1' }],
    ['my-function:$LATEST', { name: 'my-function', qualifier: '$LATEST' }],
    ['arn:aws:lambda:us-west-2:123456789012:function:my-function', { name: 'my-function' }],
    ['arn:aws:lambda:us-west-2:123456789012:function:my-function:live', { name: 'my-function', qualifier: 'live' }],
    ['arn:aws-cn:lambda:cn-north-1:123456789012:function:f', { name: 'f' }],
    ['123456789012:function:my-function', { name: 'my-function' }],
  ])('reads %s', (text, expected) => {
    expect(parseFunctionName(text)).toEqual(expected);
  });

  it.each([[''], ['has space'], ['a'.repeat(65)], ['arn:aws:s3:::bucket'], ['name:bad/qualifier']])(
    'refuses %j',
    (text) => {
      expect(parseFunctionName(text)).toBeUndefined();
    },
  );

  it('names the function in an ARN, with its qualifier', () => {
    expect(functionArn('eu-west-1', '123456789012', { name: 'F', qualifier: 'live' })).toBe(
      'arn:aws:lambda:eu-west-1:123456789012:function:F:live',
    );
  });
});
