// The Lambda Invoke endpoint, called the way a test suite of the user's would call it: the AWS SDK v3 Lambda
// client with its endpoint pointed at `sam-local start-lambda`, compared with `sam-local invoke` on the same event.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  InvokeCommand,
  LambdaClient,
  ResourceNotFoundException,
  type InvocationType,
  type InvokeCommandOutput,
} from '@aws-sdk/client-lambda';
import { copyFixture, type FixtureCopy } from '../helpers/fixture-copy';
import { httpRequest } from '../helpers/local-api';
import { SAM_LOCAL_BIN } from '../helpers/paths';
import { startSamLocalProcess, type StartedProcess } from '../helpers/start-process';

// The SDK warns once on Node below 22 that its releases from January 2027 will need Node 22; this toolkit still
// supports Node 20, and the pinned SDK works there.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

function client(port: number): LambdaClient {
  return new LambdaClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

function invokeWith(
  lambda: LambdaClient,
  FunctionName: string,
  event: unknown,
  InvocationType?: InvocationType,
  Qualifier?: string,
): Promise<InvokeCommandOutput> {
  return lambda.send(
    new InvokeCommand({
      FunctionName,
      Payload: Buffer.from(JSON.stringify(event)),
      ...(InvocationType ? { InvocationType } : {}),
      ...(Qualifier ? { Qualifier } : {}),
    }),
  );
}

function payloadOf(output: InvokeCommandOutput): unknown {
  return JSON.parse(Buffer.from(output.Payload ?? []).toString('utf8'));
}

/** `sam-local invoke` on the same event, in another copy of the fixture (its own build output). */
function invokeCli(template: string, functionId: string, event: unknown): { status: number | null; stdout: string } {
  const eventPath = join(template, '..', 'event.json');
  writeFileSync(eventPath, JSON.stringify(event));
  const run = spawnSync(process.execPath, [SAM_LOCAL_BIN, 'invoke', functionId, eventPath, '--template', template], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout + run.stderr };
}

interface EndpointOnFixture {
  /** The copy start-lambda serves. */
  served: FixtureCopy;
  /** A second copy for `sam-local invoke`, so the two never share build output. */
  cli: FixtureCopy;
  endpoint: () => StartedProcess;
  lambda: () => LambdaClient;
}

/** `sam-local start-lambda` on a copy of a fixture for the describe block it is called in, and an SDK client for it. */
function startLambdaFor(fixture: Parameters<typeof copyFixture>[0]): EndpointOnFixture {
  const served = copyFixture(fixture);
  const cli = copyFixture(fixture);
  let endpoint: StartedProcess | undefined;
  let lambda: LambdaClient | undefined;
  beforeAll(async () => {
    endpoint = await startSamLocalProcess([
      'start-lambda',
      ...['--template', served.template, '--port', '0', '--no-watch', '--json-logs'],
    ]);
    lambda = client(endpoint.port);
  });
  afterAll(async () => {
    lambda?.destroy();
    endpoint?.child.kill('SIGTERM');
    await endpoint?.exited;
    served.remove();
    cli.remove();
  });
  return {
    served,
    cli,
    endpoint: () => endpoint!,
    lambda: () => lambda!,
  };
}

describe('sam-local start-lambda with the AWS SDK: the greeting function', () => {
  const { cli, endpoint, lambda } = startLambdaFor('hello-api');
  const event = { queryStringParameters: { name: 'Ada' }, multiValueQueryStringParameters: { name: ['Ada'] } };

  it('answers a RequestResponse invocation with 200 and the result sam-local invoke prints', async () => {
    const output = await invokeWith(lambda(), 'GreetingFunction', event);
    expect(output.StatusCode).toBe(200);
    expect(output.FunctionError).toBeUndefined();
    expect(output.ExecutedVersion).toBe('$LATEST');
    const viaCli = invokeCli(cli.template, 'GreetingFunction', event);
    expect(viaCli.status).toBe(0);
    const printed = JSON.parse(viaCli.stdout.split('\n')[0]!) as unknown;
    expect(payloadOf(output)).toEqual(printed);
    expect(JSON.parse((printed as { body: string }).body)).toEqual({ message: 'Hello, Ada!' });
  });

  // The Invoke API refuses requests with Origin or a cross-site Sec-Fetch-Site (issue 21): the SDK sends neither,
  // as recorded here from the request it puts on the wire, and is served.
  it('the SDK sends no Origin or Sec-Fetch-Site header, and is served', async () => {
    const sent: Array<Record<string, string>> = [];
    const recording = client(endpoint().port);
    recording.middlewareStack.add(
      (next) => async (args) => {
        sent.push({ ...(args.request as { headers: Record<string, string> }).headers });
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'recordHeaders' },
    );
    try {
      expect((await invokeWith(recording, 'GreetingFunction', event)).StatusCode).toBe(200);
    } finally {
      recording.destroy();
    }
    expect(sent).toHaveLength(1);
    const names = Object.keys(sent[0]!).map((name) => name.toLowerCase());
    expect(names).toContain('authorization'); // the signed request as it goes out
    expect(names).not.toContain('origin');
    expect(names).not.toContain('sec-fetch-site');
  });

  it('takes the function as an ARN, a partial ARN, or with $LATEST or its alias as qualifier', async () => {
    const names = [
      'arn:aws:lambda:us-east-1:123456789012:function:GreetingFunction',
      '123456789012:function:GreetingFunction',
      'GreetingFunction:$LATEST',
      'GreetingFunction:live',
    ];
    for (const name of names) expect((await invokeWith(lambda(), name, event)).StatusCode).toBe(200);
    expect((await invokeWith(lambda(), 'GreetingFunction', event, undefined, 'live')).StatusCode).toBe(200);
  });

  it('answers an unknown function with 404 ResourceNotFoundException naming its ARN, where invoke exits 2', async () => {
    const failure = await invokeWith(lambda(), 'NopeFunction', event).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ResourceNotFoundException);
    expect(failure).toMatchObject({
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:NopeFunction',
      Type: 'User',
      $metadata: { httpStatusCode: 404 },
    });
    const unknownAlias = await invokeWith(lambda(), 'GreetingFunction:staging', event).catch((error: unknown) => error);
    expect(unknownAlias).toMatchObject({
      name: 'ResourceNotFoundException',
      message: 'Function not found: arn:aws:lambda:us-east-1:123456789012:function:GreetingFunction:staging',
    });

    const viaCli = invokeCli(cli.template, 'NopeFunction', event);
    expect(viaCli.status).toBe(2);
    expect(viaCli.stdout).toMatch(/No function NopeFunction in .*template\.yaml; it has: GreetingFunction/);
  });

  it('answers DryRun with 204 without running the function', async () => {
    const before = endpoint().stdout();
    const output = await invokeWith(lambda(), 'GreetingFunction', event, 'DryRun');
    expect(output.StatusCode).toBe(204);
    expect(endpoint().stdout().slice(before.length)).not.toMatch(/Invoke GreetingFunction/);
  });

  it.each([
    [
      'a body that is not JSON',
      '/2015-03-31/functions/GreetingFunction/invocations',
      '{nope',
      400,
      'InvalidRequestContentException',
      /^Could not parse request body into json: /,
    ],
    [
      'another operation',
      '/2015-03-31/functions/GreetingFunction',
      '{}',
      404,
      'UnknownOperationException',
      /serves Lambda's Invoke operation only/,
    ],
    [
      'a name Lambda would refuse',
      '/2015-03-31/functions/no%20spaces/invocations',
      '{}',
      400,
      'ValidationException',
      /Value 'no spaces' at 'functionName' failed to satisfy constraint/,
    ],
  ])('answers %s in Lambda’s error shape', async (_, path, body, status, errorType, message) => {
    const response = await httpRequest(`http://127.0.0.1:${endpoint().port}`, path, { method: 'POST', body });
    expect(response.status).toBe(status);
    expect(response.headers['x-amzn-errortype']).toBe(errorType);
    const answer = response.json() as { Type: string; Message: string };
    expect(Object.keys(answer)).toEqual(['Type', 'Message']);
    expect(answer.Message).toMatch(message);
  });

  it('refuses a payload over 6 MB with 413 RequestEntityTooLargeException, which the client can read', async () => {
    const body = JSON.stringify({ padding: 'x'.repeat(6 * 1024 * 1024) });
    const response = await httpRequest(
      `http://127.0.0.1:${endpoint().port}`,
      '/2015-03-31/functions/GreetingFunction/invocations',
      { method: 'POST', body },
    );
    expect([response.status, response.headers['x-amzn-errortype']]).toEqual([413, 'RequestEntityTooLargeException']);
    expect(response.json()).toEqual({
      Type: 'User',
      Message: 'Request must be smaller than 6291456 bytes for the InvokeFunction operation',
    });
  });
});

describe('sam-local start-lambda with the AWS SDK: functions that fail, and Event invocations', () => {
  const { served, cli, endpoint, lambda } = startLambdaFor('routes-api');

  it('answers a throwing function with 200, X-Amz-Function-Error: Unhandled and the error invoke prints', async () => {
    const event = { pathParameters: { kind: 'throw' } };
    const output = await invokeWith(lambda(), 'FaultsFunction', event);
    expect([output.StatusCode, output.FunctionError]).toEqual([200, 'Unhandled']);
    const payload = payloadOf(output) as { errorType: string; errorMessage: string; trace: string[] };
    expect(payload).toMatchObject({ errorType: 'Error', errorMessage: 'thrown on purpose' });
    // Source maps: the stack points into the TypeScript source, not the bundle, at its place under /var/task
    // (CodeUri functions/ is the task root), as Lambda shows a function's files.
    expect(payload.trace[1]).toMatch(/^ {4}at handler \(\/var\/task\/faults\.ts:\d+:\d+\)$/);

    const viaCli = invokeCli(cli.template, 'FaultsFunction', event);
    expect(viaCli.status).toBe(1);
    const printed = JSON.parse(viaCli.stdout.split('\n')[0]!) as typeof payload;
    const withoutCopyDir = (value: typeof payload, dir: string): unknown =>
      JSON.parse(JSON.stringify(value).replaceAll(dir, '<fixture>'));
    expect(withoutCopyDir(payload, served.dir)).toEqual(withoutCopyDir(printed, cli.dir));
  });

  it('answers a timeout the way invoke prints it', async () => {
    const output = await invokeWith(lambda(), 'FaultsFunction', { pathParameters: { kind: 'timeout' } });
    expect(output.FunctionError).toBe('Unhandled');
    expect(payloadOf(output)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
  });

  it('answers an Event invocation with 202 at once, and the function still runs to its end', async () => {
    const event = { pathParameters: { kind: 'slow' }, queryStringParameters: { ms: '600' } };
    const output = await invokeWith(lambda(), 'FaultsFunction', event, 'Event');
    expect(output.StatusCode).toBe(202);
    expect(Buffer.from(output.Payload ?? []).length).toBe(0);
    const requestId = output.$metadata.requestId!;
    const finished = new RegExp(`Event invocation of FaultsFunction \\(${requestId}\\) succeeded`);
    // Answered before the function finished (it takes 600 ms) ...
    expect(endpoint().stdout()).not.toMatch(finished);
    // ... and it runs: its own output line, then the end of the invocation.
    await endpoint().waitFor('stderr', /\[FaultsFunction\] .*slow: started, answering in 600 ms/, 10_000);
    await endpoint().waitFor('stdout', finished, 10_000);
  });
});

describe('sam-local start-api --lambda-port: the HTTP API and the Invoke API share the execution environments', () => {
  const served = copyFixture('routes-api');
  let server: StartedProcess;
  let lambda: LambdaClient;
  let lambdaPort: number;

  beforeAll(async () => {
    server = await startSamLocalProcess([
      'start-api',
      '--template',
      served.template,
      '--port',
      '0',
      '--lambda-port',
      '0',
      '--no-watch',
    ]);
    await server.waitFor('stdout', /Lambda Invoke API on http/);
    lambdaPort = Number(/Lambda Invoke API on http:\/\/127\.0\.0\.1:(\d+)/.exec(server.stdout())?.[1]);
    lambda = client(lambdaPort);
  });
  afterAll(async () => {
    lambda.destroy();
    server.child.kill('SIGTERM');
    await server.exited;
    served.remove();
  });

  it('runs an HTTP request and an SDK invocation in the same worker process', async () => {
    const overHttp = await fetch(`http://127.0.0.1:${server.port}/test/faults/ok`);
    const { pid } = (await overHttp.json()) as { pid: number };
    const output = await invokeWith(lambda, 'FaultsFunction', { pathParameters: { kind: 'ok' } });
    const result = payloadOf(output) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ pid });
  });
});
