// Globals.Function applied to each function as SAM applies it (aws/serverless-application-model
// samtranslator/plugins/globals/globals.py, _do_merge): maps merged key by key, lists joined, the function's own
// single values winning.
import { listFunctions } from '../../src/template/functions';
import { parseTemplate } from '../../src/template/template';

function functionsOf(yaml: string): ReturnType<typeof listFunctions> {
  return listFunctions({ path: 'template.yaml', dir: '/project', template: parseTemplate(yaml) });
}

describe('functions with Globals.Function applied', () => {
  it('adds up Environment.Variables from Globals and the function, the function’s value winning', () => {
    const [fn] = functionsOf(`
Globals:
  Function:
    Environment: { Variables: { LOG_LEVEL: INFO, POWERTOOLS_SERVICE_NAME: shared } }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs24.x
      Environment: { Variables: { POWERTOOLS_SERVICE_NAME: hello, TABLE: items } }
`);

    expect(fn?.environment).toEqual({ LOG_LEVEL: 'INFO', POWERTOOLS_SERVICE_NAME: 'hello', TABLE: 'items' });
  });

  it('takes Runtime, Timeout and MemorySize from Globals unless the function sets its own', () => {
    const fns = functionsOf(`
Globals:
  Function: { Runtime: nodejs24.x, Timeout: 5, MemorySize: 256, CodeUri: src/ }
Resources:
  Plain: { Type: AWS::Serverless::Function, Properties: { Handler: a.handler } }
  Own: { Type: AWS::Serverless::Function, Properties: { Handler: b.handler, Timeout: 30, Runtime: nodejs22.x } }
`);

    expect(fns.map((fn) => [fn.logicalId, fn.runtime, fn.timeoutSeconds, fn.memorySize, fn.codeDir])).toEqual([
      ['Plain', 'nodejs24.x', 5, 256, '/project/src'],
      ['Own', 'nodejs22.x', 30, 256, '/project/src'],
    ]);
  });

  it('joins lists such as Layers, Globals’ items first', () => {
    const [fn] = functionsOf(`
Globals:
  Function: { Layers: [arn:aws:lambda:us-east-1:123456789012:layer:shared:1] }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/, Handler: app.handler, Runtime: nodejs24.x, Layers: [arn:aws:lambda:us-east-1:123456789012:layer:own:2] }
`);

    expect(fn?.properties.Layers).toEqual([
      'arn:aws:lambda:us-east-1:123456789012:layer:shared:1',
      'arn:aws:lambda:us-east-1:123456789012:layer:own:2',
    ]);
  });
});
