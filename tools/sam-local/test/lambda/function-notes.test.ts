// The lines said at start-up for what a function has that runs differently offline.
import { functionNotes } from '../../src/lambda/function-notes';
import { listFunctions } from '../../src/template/functions';
import { parseTemplate } from '../../src/template/template';

function notesOf(yaml: string): string[] {
  const functions = listFunctions({ path: '/project/template.yaml', dir: '/project', template: parseTemplate(yaml) });
  return functions.flatMap((fn) => functionNotes(fn));
}

describe('functionNotes', () => {
  it('names a durable function (DurableConfig), as `sam init` nodejs24.x/hello-durable-ts writes it', () => {
    // aws/aws-sam-cli-app-templates nodejs24.x/hello-durable-ts: an esbuild function with DurableConfig behind an Api.
    const notes = notesOf(`
Resources:
  HelloWorldFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: hello-world/
      Handler: app.lambdaHandler
      Runtime: nodejs24.x
      AutoPublishAlias: Live
      DurableConfig: { ExecutionTimeout: 900, RetentionPeriodInDays: 7 }
    Metadata: { BuildMethod: esbuild }
  Plain: { Type: AWS::Serverless::Function, Properties: { CodeUri: src/, Handler: app.handler, Runtime: nodejs24.x } }
`);
    expect(notes).toEqual([
      expect.stringMatching(/^HelloWorldFunction: DurableConfig is not emulated .*the function gets the plain event/),
    ]);
  });

  it('names the layers that cannot be had offline, and says nothing for a function without either', () => {
    const notes = notesOf(`
Resources:
  WithLayer:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs24.x
      Layers: [arn:aws:lambda:us-east-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:1]
  Plain: { Type: AWS::Serverless::Function, Properties: { CodeUri: src/, Handler: app.handler, Runtime: nodejs24.x } }
`);
    expect(notes).toEqual([
      'WithLayer: layer arn:aws:lambda:us-east-1:094274105915:layer:AWSLambdaPowertoolsTypeScriptV2:1 cannot be ' +
        'fetched offline (given by ARN or not local); the function runs without it',
    ]);
  });
});
