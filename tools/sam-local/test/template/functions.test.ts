// Globals.Function applied to each function as SAM applies it (aws/serverless-application-model
// samtranslator/plugins/globals/globals.py, _do_merge): maps merged key by key, lists joined, the function's own
// single values winning.
import { findFunction, listFunctions, readFunctions, skippedLines, splitHandler } from '../../src/template/functions';
import { layerNodePath } from '../../src/template/layers';
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

// Which functions sam-local runs and how (issue 19): SAM CLI runs a function without build metadata from its
// CodeUri (the template's folder without one), InlineCode as index.js, esbuild functions from their build; image
// functions, other runtimes, makefile builds and code in S3 cannot run here and are skipped with a reason.
describe('readFunctions', () => {
  const read = (yaml: string): ReturnType<typeof readFunctions> =>
    readFunctions({ path: '/project/template.yaml', dir: '/project', template: parseTemplate(yaml) });

  it('tells the code kinds apart, and takes the template’s folder for a missing CodeUri', () => {
    const { functions, skipped } = read(`
Globals: { Function: { Runtime: nodejs24.x } }
Resources:
  Built: { Type: AWS::Serverless::Function, Properties: { CodeUri: src/, Handler: app.handler }, Metadata: { BuildMethod: esbuild } }
  Plain: { Type: AWS::Serverless::Function, Properties: { CodeUri: hello-world/, Handler: app.lambdaHandler } }
  NoCodeUri: { Type: AWS::Serverless::Function, Properties: { Handler: src/handlers/get.handler } }
  Npm: { Type: AWS::Serverless::Function, Properties: { CodeUri: fn/, Handler: a.b }, Metadata: { BuildMethod: nodejs24.x } }
  Inline: { Type: AWS::Serverless::Function, Properties: { Handler: index.handler, InlineCode: "exports.handler = 1" } }
`);
    expect(skipped).toEqual([]);
    expect(functions.map((fn) => [fn.logicalId, fn.code, fn.codeDir])).toEqual([
      ['Built', { kind: 'esbuild' }, '/project/src'],
      ['Plain', { kind: 'directory' }, '/project/hello-world'],
      ['NoCodeUri', { kind: 'directory' }, '/project'],
      ['Npm', { kind: 'directory' }, '/project/fn'],
      ['Inline', { kind: 'inline', source: 'exports.handler = 1' }, '/project'],
    ]);
  });

  it('skips what cannot run here, each with its reason, and keeps the rest', () => {
    const { functions, skipped } = read(`
Resources:
  Node: { Type: AWS::Serverless::Function, Properties: { CodeUri: a/, Handler: a.h, Runtime: nodejs22.x } }
  Py: { Type: AWS::Serverless::Function, Properties: { CodeUri: b/, Handler: b.h, Runtime: python3.13 } }
  Image: { Type: AWS::Serverless::Function, Properties: { PackageType: Image } }
  Make: { Type: AWS::Serverless::Function, Properties: { CodeUri: c/, Handler: c.h, Runtime: nodejs24.x }, Metadata: { BuildMethod: makefile } }
  S3: { Type: AWS::Serverless::Function, Properties: { CodeUri: s3://bucket/key.zip, Handler: d.h, Runtime: nodejs24.x } }
  S3Map: { Type: AWS::Serverless::Function, Properties: { CodeUri: { Bucket: b, Key: k }, Handler: d.h, Runtime: nodejs24.x } }
  Zip: { Type: AWS::Serverless::Function, Properties: { CodeUri: dist/function.zip, Handler: d.h, Runtime: nodejs24.x } }
  NoHandler: { Type: AWS::Serverless::Function, Properties: { CodeUri: e/, Runtime: nodejs24.x } }
  NoRuntime: { Type: AWS::Serverless::Function, Properties: { CodeUri: e/, Handler: e.h } }
`);
    expect(functions.map((fn) => fn.logicalId)).toEqual(['Node']);
    expect(Object.fromEntries(skipped.map((fn) => [fn.logicalId, fn.reason]))).toEqual({
      Py: 'its runtime is python3.13; sam-local runs Node.js functions only',
      Image: 'it is an image function (PackageType: Image); sam-local runs .zip functions',
      Make: 'BuildMethod: makefile is not supported; sam-local builds esbuild functions and runs the others from CodeUri',
      S3: 'its CodeUri is in S3; only local code can run offline',
      S3Map: 'its CodeUri is in S3; only local code can run offline',
      Zip: 'its CodeUri is an archive (dist/function.zip); sam-local runs a folder',
      NoHandler: 'it has no Handler',
      NoRuntime: 'it has no Runtime',
    });
    expect(skippedLines(skipped.slice(0, 1))).toEqual([
      'Skipping Py: its runtime is python3.13; sam-local runs Node.js functions only. The other functions are served.',
    ]);
  });

  it('finds a function beside a skipped one, and explains a skipped one', () => {
    const loaded = {
      path: '/project/template.yaml',
      dir: '/project',
      template: parseTemplate(`
Resources:
  Node: { Type: AWS::Serverless::Function, Properties: { CodeUri: a/, Handler: a.h, Runtime: nodejs22.x } }
  Py: { Type: AWS::Serverless::Function, Properties: { CodeUri: b/, Handler: b.h, Runtime: python3.13 } }
`),
    };
    expect(findFunction(loaded, 'Node').logicalId).toBe('Node');
    expect(() => findFunction(loaded, 'Py')).toThrow(
      'Py cannot run in sam-local: its runtime is python3.13; sam-local runs Node.js functions only',
    );
    expect(() => findFunction(loaded)).toThrow('The template has 2 functions; name one: Node, Py');
  });

  it('reads local layers (as they are, or built by the npm builder) and keeps ARN layers apart', () => {
    const [fn] = read(`
Resources:
  Plain: { Type: AWS::Serverless::LayerVersion, Properties: { ContentUri: layers/plain/ } }
  Built: { Type: AWS::Serverless::LayerVersion, Properties: { ContentUri: layers/built/ }, Metadata: { BuildMethod: nodejs24.x } }
  Made: { Type: AWS::Serverless::LayerVersion, Properties: { ContentUri: layers/made/ }, Metadata: { BuildMethod: makefile } }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: a/
      Handler: a.h
      Runtime: nodejs24.x
      Layers: [!Ref Plain, !Ref Built, !Ref Made, !Sub 'arn:aws:lambda:\${AWS::Region}:123456789012:layer:x:1']
`).functions;
    expect(fn?.layers).toEqual([
      { logicalId: 'Plain', nodejsDir: '/project/layers/plain/nodejs' },
      { logicalId: 'Built', nodejsDir: '/project/layers/built' },
    ]);
    expect(fn?.remoteLayers).toEqual([
      'Made (BuildMethod: "makefile", which sam-local does not build)',
      'arn:aws:lambda:us-east-1:123456789012:layer:x:1',
    ]);
    expect(layerNodePath(fn?.layers ?? [], 'nodejs24.x')).toEqual([
      '/project/layers/built/node24/node_modules',
      '/project/layers/plain/nodejs/node24/node_modules',
      '/project/layers/built/node_modules',
      '/project/layers/plain/nodejs/node_modules',
    ]);
  });
});

// Lambda's reading of a Handler (aws-lambda-nodejs-runtime-interface-client src/UserFunction.js).
describe('AWS::Lambda::Function', () => {
  // As sam local reads it (aws/aws-sam-cli samcli/lib/providers/sam_function_provider.py,
  // _convert_lambda_function_resource; CDK assets: samcli/lib/samlib/resource_metadata_normalizer.py).
  const read = (): ReturnType<typeof readFunctions> =>
    readFunctions({
      path: 'template.yaml',
      dir: '/project',
      template: parseTemplate(`
Globals:
  Function: { Timeout: 30, Environment: { Variables: { FROM_GLOBALS: 'yes' } } }
Resources:
  Local:
    Type: AWS::Lambda::Function
    Properties: { Code: dist/, Handler: app.handler, Runtime: nodejs24.x, Environment: { Variables: { A: '1' } } }
  Inline:
    Type: AWS::Lambda::Function
    Properties: { Code: { ZipFile: 'exports.handler = async () => 1;' }, Handler: index.handler, Runtime: nodejs22.x, MemorySize: 512 }
  Asset:
    Type: AWS::Lambda::Function
    Metadata: { aws:cdk:path: Stack/Fn/Resource, aws:asset:path: asset.0123abcd, aws:asset:property: Code }
    Properties: { Code: { S3Bucket: cdk-assets, S3Key: 0123abcd.zip }, Handler: index.handler, Runtime: nodejs24.x }
  InS3:
    Type: AWS::Lambda::Function
    Properties: { Code: { S3Bucket: my-bucket, S3Key: fn.zip }, Handler: index.handler, Runtime: nodejs24.x }
`),
    });

  it('runs Code as a path, Code.ZipFile as index.js, a CDK asset from its folder; with CloudFormation defaults, no Globals', () => {
    const { functions } = read();
    expect(
      functions.map((fn) => [fn.logicalId, fn.code.kind, fn.codeDir, fn.timeoutSeconds, fn.memorySize, fn.environment]),
    ).toEqual([
      ['Local', 'directory', '/project/dist', 3, 128, { A: '1' }],
      ['Inline', 'inline', '/project', 3, 512, {}],
      ['Asset', 'directory', '/project/asset.0123abcd', 3, 128, {}],
    ]);
  });

  it('skips one whose code is in S3, saying so', () => {
    expect(read().skipped.map((fn) => [fn.logicalId, fn.reason])).toEqual([
      ['InS3', 'its Code is in S3; only local code can run offline'],
    ]);
  });
});

describe('splitHandler', () => {
  it('takes folders before the last slash, the module up to the first dot, the export path after it', () => {
    expect(splitHandler('src/handlers/get-all-items.getAllItemsHandler')).toEqual({
      moduleRoot: 'src/handlers/',
      module: 'get-all-items',
      exportName: 'getAllItemsHandler',
    });
    expect(splitHandler('index.handlers.get')).toEqual({ moduleRoot: '', module: 'index', exportName: 'handlers.get' });
    expect(() => splitHandler('../up.handler')).toThrow('is not of the form file.export');
    expect(() => splitHandler('nodot')).toThrow('is not of the form file.export');
  });
});
