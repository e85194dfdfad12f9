// Response streaming (awslambda.streamifyResponse) on the response-streaming fixture, modelled on the sam init
// template aws/aws-sam-cli-app-templates nodejs24.x/response-streaming: its function URL served over real HTTP, the
// function invoked by `sam-local invoke` and by the Invoke API. Sources: aws-lambda-nodejs-runtime-interface-client
// (src/UserFunction.js, src/Runtime.js, src/ResponseStream.js, src/HttpResponseStream.js); AWS docs "Configuring a
// Lambda function to stream responses", "Invoking Lambda function URLs", "Invoking a response streaming enabled
// function using Lambda function URLs". Before the awslambda global, every request here failed with
// "ReferenceError: awslambda is not defined".
import { httpRequest, type HttpResult } from '../helpers/local-api';
import { copyProject, invokeProject, serveProject, startLambdaApi, type ProjectCopy } from '../helpers/project';
import type { TestApi } from '../../src/http/test-api';
import type { LambdaApiOnProject } from '../helpers/project';

const PRELUDE = '{"statusCode":200,"headers":{"Content-Type":"text/html","X-Custom-Header":"Example-Custom-Header"}}';
const NULS = '\0'.repeat(8);
const page = (requestId: string): string =>
  '<html><p>First write!</p><h1>Streaming h1</h1><h2>Streaming h2</h2><h3>Streaming h3</h3>' +
  `<p>${requestId}</p><p>DONE!</p></html>`;
// A SigV4 Authorization header's shape (the URL is AuthType AWS_IAM; the signature's value is not checked locally).
const SIGNED: [string, string] = [
  'Authorization',
  'AWS4-HMAC-SHA256 Credential=AKIDLOCALEXAMPLE/20261207/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00',
];

let project: ProjectCopy;
let api: TestApi;
beforeAll(async () => {
  project = copyProject('response-streaming');
  api = await serveProject(project);
});
afterAll(async () => {
  await api?.stop();
  project?.remove();
});

const urlOf = (functionId: string): string => {
  const found = api.api.functionUrls.find((url) => url.functionId === functionId);
  if (!found) throw new Error(`no function URL for ${functionId}`);
  return found.url;
};
const shapes = (path: string): Promise<HttpResult> => httpRequest(urlOf('StreamShapesFunction'), path);

describe('a function URL with InvokeMode RESPONSE_STREAM (served buffered)', () => {
  it('serves the sam init template: the prelude’s status and headers, the written bytes as the body', async () => {
    const response = await httpRequest(urlOf('StreamingFunction'), '/', { headers: [SIGNED] });
    const requestId = String(response.headers['x-amzn-requestid']);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/html');
    expect(response.headers['x-custom-header']).toBe('Example-Custom-Header');
    expect(response.text).toBe(page(requestId));
  });

  it('still refuses an unsigned request to the AWS_IAM URL without invoking it', async () => {
    const response = await httpRequest(urlOf('StreamingFunction'), '/');
    expect(response.status).toBe(403);
  });

  it('without a prelude: status 200, the stream’s default content type application/octet-stream', async () => {
    const response = await shapes('/echo?x=1');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/octet-stream');
    expect(response.json()).toMatchObject({ version: '2.0', rawPath: '/echo', rawQueryString: 'x=1' });
  });

  it('without a prelude: the content type the handler set (setContentType)', async () => {
    const response = await shapes('/text');
    expect([response.status, response.headers['content-type'], response.text]).toEqual([
      200,
      'text/plain',
      'Hello, world!',
    ]);
  });

  it('the prelude’s statusCode, headers and each cookie as a Set-Cookie', async () => {
    const response = await shapes('/created');
    expect(response.status).toBe(201);
    expect(response.headers).toMatchObject({ 'content-type': 'application/json', location: '/items/7' });
    expect(response.headers['set-cookie']).toEqual(['session=abc; Path=/', 'theme=dark']);
    expect(response.json()).toEqual({ id: 7 });
  });

  it('bytes as written, and an object written as its JSON text', async () => {
    const response = await shapes('/bytes');
    expect(
      response.body.equals(
        Buffer.concat([Buffer.from([0x00, 0xff, 0x10]), Buffer.from('{"note":"objects are written as JSON"}')]),
      ),
    ).toBe(true);
  });

  it.each([
    ['/throws', 'TypeError: the upstream answer was cut short'],
    ['/destroyed', 'RangeError: the stream broke'],
    ['/late-type', 'Runtime.InvalidStreamingOperation: Cannot set content-type, too late.'],
    ['/bad-prelude', 'no 8 NUL bytes after a JSON prelude'],
  ])(
    '%s: a function error (or a malformed stream) is Lambda’s 502, the reason in the terminal',
    async (path, reason) => {
      const response = await shapes(path);
      expect([response.status, response.text]).toEqual([502, 'Internal Server Error']);
      expect(api.lines.join('\n')).toContain(reason);
    },
  );

  it('a handler that never ends its stream runs into its Timeout: 502', async () => {
    const response = await shapes('/never-ended');
    expect(response.status).toBe(502);
    expect(api.lines.join('\n')).toMatch(/StreamShapesFunction timed out after 2\.00 seconds/);
  });
});

describe('a streaming handler behind a BUFFERED function URL', () => {
  it('is invoked with Invoke: its bytes, prelude included, are read as a buffered result, and the terminal says so', async () => {
    const response = await httpRequest(urlOf('BufferedUrlFunction'), '/');
    const requestId = String(response.headers['x-amzn-requestid']);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.text).toBe(`${PRELUDE}${NULS}${page(requestId)}`);
    expect(api.lines.join('\n')).toContain(
      "BufferedUrlFunction streams its response (awslambda.streamifyResponse) but its function URL's InvokeMode is BUFFERED",
    );
  });
});

describe('a streaming handler behind API Gateway routes (invoked with Invoke, its bytes read as the result)', () => {
  it('REST API: the bytes are not a proxy result, 502; the terminal names the function and what is not emulated', async () => {
    const response = await httpRequest(api.api.url, '/Prod/created');
    expect(response.status).toBe(502);
    expect(api.lines.join('\n')).toContain(
      "StreamShapesFunction streams its response (awslambda.streamifyResponse): the REST API's Lambda proxy integration invokes it with Invoke",
    );
  });

  it('HTTP API (2.0): bytes that are not JSON are the body of a 200, as the 2.0 rules read a string', async () => {
    const response = await httpRequest(api.api.url, '/text');
    expect([response.status, response.text]).toEqual([200, 'Hello, world!']);
    expect(api.lines.join('\n')).toContain("the HTTP API's Lambda proxy integration invokes it with Invoke");
  });
});

describe('sam-local invoke of a streaming function', () => {
  it('prints the collected bytes, prelude and all, exit 0', () => {
    const run = invokeProject(project, 'StreamingFunction', {});
    expect(run.status).toBe(0);
    const [prelude, body] = run.stdout.split(NULS);
    expect(prelude).toBe(PRELUDE);
    expect(body).toMatch(/^<html><p>First write!<\/p>.*<p>DONE!<\/p><\/html>\n$/);
  });

  it('a thrown error is the function’s error, exit 1', () => {
    const run = invokeProject(project, 'StreamShapesFunction', { rawPath: '/throws' });
    expect(run.status).toBe(1);
    expect(run.result()).toMatchObject({ errorType: 'TypeError', errorMessage: 'the upstream answer was cut short' });
  });

  it('a streaming mark other than "response" is Lambda’s Runtime.MalformedStreamingHandler at init', () => {
    const run = invokeProject(project, 'MalformedStreamingFunction', {});
    expect(run.status).toBe(1);
    expect(run.result()).toMatchObject({
      errorType: 'Runtime.MalformedStreamingHandler',
      errorMessage: 'Only response streaming is supported.',
    });
  });
});

describe('the Invoke API (start-lambda) on a streaming function', () => {
  let lambda: LambdaApiOnProject;
  beforeAll(async () => {
    lambda = await startLambdaApi(project);
  });
  afterAll(async () => {
    await lambda?.stop();
  });
  const post = (path: string, payload: unknown): Promise<Response> =>
    fetch(`${lambda.endpoint.url}${path}`, { method: 'POST', body: JSON.stringify(payload) });

  it('Invoke (RequestResponse) returns the collected bytes as the payload', async () => {
    const response = await post('/2015-03-31/functions/StreamShapesFunction/invocations', { rawPath: '/created' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-amz-function-error')).toBeNull();
    const bytes = Buffer.from(await response.arrayBuffer());
    const [prelude, body] = bytes.toString('latin1').split(NULS);
    expect(JSON.parse(prelude!)).toEqual({
      statusCode: 201,
      headers: { 'Content-Type': 'application/json', Location: '/items/7' },
      cookies: ['session=abc; Path=/', 'theme=dark'],
    });
    expect(body).toBe('{"id":7}');
  });

  it('binary bytes come back unchanged', async () => {
    const response = await post('/2015-03-31/functions/StreamShapesFunction/invocations', { rawPath: '/bytes' });
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 3).equals(Buffer.from([0x00, 0xff, 0x10]))).toBe(true);
  });

  it('a stream destroyed with an error is the function’s error (X-Amz-Function-Error)', async () => {
    const response = await post('/2015-03-31/functions/StreamShapesFunction/invocations', { rawPath: '/destroyed' });
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await response.json()).toMatchObject({ errorType: 'RangeError', errorMessage: 'the stream broke' });
  });

  it('a streaming handler that returns no promise fails as on Lambda', async () => {
    const response = await post('/2015-03-31/functions/SyncStreamingFunction/invocations', {});
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await response.json()).toMatchObject({
      errorType: 'string',
      errorMessage: 'Streaming does not support non-async handlers.',
    });
  });

  it('AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA=true leaves the global out, as Lambda’s runtime does', async () => {
    const response = await post('/2015-03-31/functions/NoGlobalFunction/invocations', {});
    expect(response.headers.get('x-amz-function-error')).toBe('Unhandled');
    expect(await response.json()).toMatchObject({
      errorType: 'ReferenceError',
      errorMessage: 'awslambda is not defined',
    });
  });

  it('InvokeWithResponseStream answers 501 naming it', async () => {
    const response = await post('/2021-11-15/functions/StreamingFunction/response-streaming-invocations', {});
    expect(response.status).toBe(501);
    expect(response.headers.get('x-amzn-errortype')).toBe('NotImplementedException');
    expect(((await response.json()) as { Message: string }).Message).toContain('InvokeWithResponseStream');
  });
});
