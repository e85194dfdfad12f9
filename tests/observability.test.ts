import { captureOutput, isEmf, parseJsonLines, type JsonObject } from './helpers/capture-output';
import { freshHandler, HELLO, helloContext } from './helpers/handler';
import { eventFilesFor, loadEvent } from './helpers/project';
import { expectationFor } from './expectations';

interface EmfDirective {
  Namespace: string;
  Dimensions: string[][];
  Metrics: Array<{ Name: string; Unit: string }>;
}

function directiveOf(document: JsonObject): EmfDirective {
  const aws = document._aws as { CloudWatchMetrics: EmfDirective[]; Timestamp: number };
  expect(typeof aws.Timestamp).toBe('number');
  expect(aws.CloudWatchMetrics).toHaveLength(1);
  return aws.CloudWatchMetrics[0] as EmfDirective;
}

async function invoke(handler: ReturnType<typeof freshHandler>, file: string, requestId = 'lambda-req-1') {
  const captured = await captureOutput(() => handler(loadEvent(file), helloContext({ awsRequestId: requestId })));
  // Lambda ships both streams to CloudWatch: Powertools writes INFO to stdout, WARN and ERROR to stderr.
  const documents = parseJsonLines([...captured.stdout, ...captured.stderr]);
  return { ...captured, logs: documents.filter((d) => !isEmf(d)), emf: documents.filter(isEmf) };
}

describe('what Logger and Metrics write', () => {
  it('on a cold start: one ColdStart EMF document, one log line, one business EMF document', async () => {
    const handler = freshHandler();
    const { logs, emf, stderr } = await invoke(handler, 'hello-name.json');

    expect(stderr).toEqual([]);
    expect(logs).toHaveLength(1);
    expect(emf).toHaveLength(2);

    const coldStart = emf.find((d) => 'ColdStart' in d) as JsonObject;
    expect(directiveOf(coldStart)).toEqual({
      Namespace: HELLO.namespace,
      Dimensions: [['service', 'function_name']],
      Metrics: [{ Name: 'ColdStart', Unit: 'Count' }],
    });
    expect(coldStart).toMatchObject({
      ColdStart: 1,
      service: HELLO.serviceName,
      function_name: 'HelloWorldFunction',
    });

    const business = emf.find((d) => !('ColdStart' in d)) as JsonObject;
    expect(directiveOf(business)).toEqual({
      Namespace: HELLO.namespace,
      Dimensions: [['service', 'greeting']],
      Metrics: [{ Name: 'GreetingsServed', Unit: 'Count' }],
    });
    expect(business).toMatchObject({ GreetingsServed: 1, service: 'hello-world', greeting: 'named' });

    const event = loadEvent('hello-name.json');
    expect(logs[0]).toMatchObject({
      level: 'INFO',
      message: 'Request handled',
      service: 'hello-world',
      cold_start: true,
      function_name: 'HelloWorldFunction',
      function_request_id: 'lambda-req-1',
      correlation_id: event.requestContext.requestId,
      statusCode: 200,
    });
    expect(typeof logs[0]?.timestamp).toBe('string');
  });

  it('on a warm invocation: no ColdStart metric, cold_start false, the new request ids', async () => {
    const handler = freshHandler();
    await invoke(handler, 'hello.json', 'first');
    const { logs, emf } = await invoke(handler, 'hello.json', 'second');
    expect(emf).toHaveLength(1);
    expect(emf[0]).not.toHaveProperty('ColdStart');
    expect(emf[0]).toMatchObject({ GreetingsServed: 1, greeting: 'anonymous' });
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ cold_start: false, function_request_id: 'second' });
  });

  it.each(eventFilesFor(HELLO.functionName))(
    '%s: one concise log line and the expected business metric, no warnings',
    async (file) => {
      const expected = expectationFor(file);
      const handler = freshHandler();
      await invoke(handler, 'hello.json'); // spend the cold start
      const { logs, emf, stderr } = await invoke(handler, file);

      expect(stderr).toEqual([]);
      expect(logs).toHaveLength(1);
      const line = logs[0] as JsonObject;
      expect(line).toMatchObject({ level: 'INFO', message: 'Request handled', statusCode: expected.statusCode });
      expect(line.correlation_id).toBe(loadEvent(file).requestContext.requestId);
      // Concise: the event itself is never logged.
      expect(JSON.stringify(line)).not.toContain('multiValueHeaders');
      if (expected.statusCode === 400) expect(line.reason).toBe(expected.body.message);

      expect(emf).toHaveLength(1);
      const document = emf[0] as JsonObject;
      const metric = expected.metric ?? `no metric in tests/expectations.ts for ${file}`;
      expect(directiveOf(document).Metrics).toEqual([{ Name: metric, Unit: 'Count' }]);
      expect(document[metric]).toBe(1);
      expect(document.greeting).toBe(expected.greeting);
    },
  );

  it('a failure is logged once at ERROR with the Error object and counted, and nothing warns', async () => {
    const handler = freshHandler();
    const event = { ...loadEvent('hello.json') };
    Object.defineProperty(event, 'multiValueQueryStringParameters', {
      get: () => {
        throw new RangeError('boom');
      },
    });
    const { stdout, stderr } = await captureOutput(() => handler(event, helloContext({ awsRequestId: 'r-err' })));
    const documents = parseJsonLines([...stdout, ...stderr]);
    const logs = documents.filter((d) => !isEmf(d));
    expect(stdout.join('\n')).not.toContain('WARN');
    expect(stderr).toHaveLength(1);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      level: 'ERROR',
      message: 'Request failed',
      function_request_id: 'r-err',
      correlation_id: event.requestContext.requestId,
      error: { name: 'RangeError', message: 'boom' },
    });
    expect(String((logs[0]?.error as JsonObject).stack)).toContain('RangeError: boom');
    const business = documents.filter(isEmf).find((d) => !('ColdStart' in d)) as JsonObject;
    expect(directiveOf(business).Metrics).toEqual([{ Name: 'InternalErrors', Unit: 'Count' }]);
  });

  it('does not leak one request’s correlation id or reason into the next', async () => {
    const handler = freshHandler();
    await invoke(handler, 'hello-name-invalid.json');
    const event = loadEvent('hello.json');
    const withoutContext = { ...event, requestContext: undefined } as never;
    const { logs } = await captureOutput(() => handler(withoutContext, helloContext())).then((c) => ({
      logs: parseJsonLines(c.stdout).filter((d) => !isEmf(d)),
    }));
    expect(logs).toHaveLength(1);
    expect(logs[0]).not.toHaveProperty('correlation_id');
    expect(logs[0]).not.toHaveProperty('reason');
  });

  // API Gateway always sends a string; a hand-made event (sam local invoke -e, the console's test button) may not.
  // The log field stays a string or is absent, so a query on it never meets a number or a nested object.
  it.each([
    ['a number', 42],
    ['an object', { forged: 'x'.repeat(100) }],
    ['an array', ['req-1']],
  ])('logs no correlation id when requestContext.requestId is %s, and still answers', async (_label, requestId) => {
    const handler = freshHandler();
    const event = loadEvent('hello.json');
    const forged = { ...event, requestContext: { ...event.requestContext, requestId } } as never;
    const captured = await captureOutput(() => handler(forged, helloContext()));
    const logs = parseJsonLines(captured.stdout).filter((d) => !isEmf(d));
    expect(captured.result.statusCode).toBe(200);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({ message: 'Request handled', statusCode: 200 });
    expect(logs[0]).not.toHaveProperty('correlation_id');
  });
});
