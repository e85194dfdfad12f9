import { TemplateCopy } from '../../../../tests/template/template-copy';

/**
 * template.yaml with a second function added the way the first one is: its own route (GET /goodbye) on the
 * same API, its own role and its own log group. `logGroupOfRole` is the log group its role may write to: its
 * own, or another function's to cross-wire it.
 */
const goodbye = (logGroupOfRole: string) => ({
  GoodbyeFunction: `Type: AWS::Serverless::Function
Properties:
  CodeUri: goodbye/
  Handler: app.lambdaHandler
  AutoPublishAlias: live
  Role: !GetAtt GoodbyeFunctionRole.Arn
  LoggingConfig:
    LogFormat: JSON
    LogGroup: !Ref GoodbyeFunctionLogGroup
  Events:
    GoodbyeGet:
      Type: Api
      Properties:
        RestApiId: !Ref HelloApi
        Path: /goodbye
        Method: get`,
  GoodbyeFunctionLogGroup: `Type: AWS::Logs::LogGroup
DeletionPolicy: Delete
UpdateReplacePolicy: Delete
Properties:
  LogGroupName: !Sub /aws/lambda/\${AWS::StackName}-GoodbyeFunction
  RetentionInDays: !Ref LogRetentionInDays`,
  GoodbyeFunctionRole: `Type: AWS::IAM::Role
Properties:
  AssumeRolePolicyDocument:
    Version: '2012-10-17'
    Statement:
      - Effect: Allow
        Principal: { Service: lambda.amazonaws.com }
        Action: sts:AssumeRole
  Policies:
    - PolicyName: WriteOwnLogGroup
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [logs:CreateLogStream, logs:PutLogEvents]
            Resource: !GetAtt ${logGroupOfRole}.Arn`,
});

export function withGoodbye(logGroupOfRole: string): string {
  const copy = new TemplateCopy();
  for (const [id, yaml] of Object.entries(goodbye(logGroupOfRole))) copy.setYaml(['Resources', id], yaml);
  return copy.toString();
}
