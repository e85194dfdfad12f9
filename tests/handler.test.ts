import { captureOutput, isEmf, parseJsonLines } from './helpers/capture-output';
import { freshHandler, HELLO, helloContext } from './helpers/handler';
import { eventFiles, eventFilesFor, loadEvent } from './helpers/project';
import { EXPECTATIONS, expectationFor, greetingTo } from './expectations';

// JSON, readable by a browser on the origin the template allows (its AllowedOrigin parameter).
const RESPONSE_HEADERS = {
  'Content-Type': 'application/json',
  'Access-Control-Allow-Origin': HELLO.allowedOrigin,
};

describe('lambdaHandler with its events/ files', () => {
  const handler = freshHandler();

  it('has an expectation for every event file, and an event file for every expectation', () => {
    expect(eventFiles()).toEqual(Object.keys(EXPECTATIONS).sort());
  });

  it.each(eventFilesFor(HELLO.functionName))('%s gives the expected status and JSON body', async (file) => {
    const expected = expectationFor(file);
    const { result } = await captureOutput(() => handler(loadEvent(file), helloContext()));
    expect(result.statusCode).toBe(expected.statusCode);
    expect(result.headers).toEqual(RESPONSE_HEADERS);
    expect(JSON.parse(result.body)).toEqual(expected.body);
  });
});

describe('lambdaHandler with malformed input', () => {
  const handler = freshHandler();
  const base = loadEvent('hello.json');

  it.each([
    ['null', null],
    ['a string', 'GET /hello'],
    ['an array', [base]],
  ])('answers 400 with a clear message when the event is %s', async (_label, event) => {
    const { result } = await captureOutput(() => handler(event as never, helloContext()));
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({
      message: 'Malformed request: expected an API Gateway proxy event object',
    });
  });

  it('greets the world when the query maps are missing or not objects', async () => {
    for (const value of [undefined, null, 'name=Ada', 42, []]) {
      const event = { ...base, queryStringParameters: value, multiValueQueryStringParameters: value } as never;
      const { result } = await captureOutput(() => handler(event, helloContext()));
      expect([result.statusCode, JSON.parse(result.body)]).toEqual([200, greetingTo()]);
    }
  });

  it('reads name from multiValueQueryStringParameters when the single-value map lacks it', async () => {
    const event = { ...base, queryStringParameters: null, multiValueQueryStringParameters: { name: ['Ada'] } };
    const { result } = await captureOutput(() => handler(event, helloContext()));
    expect(JSON.parse(result.body)).toEqual(greetingTo('Ada'));
  });

  it('rejects a name that is not a string', async () => {
    const event = { ...base, queryStringParameters: { name: 7 } } as never;
    const { result } = await captureOutput(() => handler(event, helloContext()));
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toEqual({ message: "Query parameter 'name' must be a string" });
  });

  it('ignores inherited keys such as __proto__ and constructor', async () => {
    const query = JSON.parse('{"__proto__": {"name": "Mallory"}, "constructor": "x"}') as Record<string, string>;
    const event = { ...base, queryStringParameters: query, multiValueQueryStringParameters: null };
    const { result } = await captureOutput(() => handler(event, helloContext()));
    expect(JSON.parse(result.body)).toEqual(greetingTo());
  });

  it('answers 500 with the request id and no internal detail when reading the event throws', async () => {
    const event = { ...base };
    Object.defineProperty(event, 'multiValueQueryStringParameters', {
      get: () => {
        throw new TypeError('secret internal detail at /var/task/app.js:1');
      },
    });
    const context = helloContext({ awsRequestId: 'req-500' });
    const { result } = await captureOutput(() => handler(event, context));
    expect(result.statusCode).toBe(500);
    expect(result.headers).toEqual(RESPONSE_HEADERS);
    expect(JSON.parse(result.body)).toEqual({ message: 'Internal server error', requestId: 'req-500' });
    expect(result.body).not.toMatch(/TypeError|secret|\/var\/task|at /);
  });
});

describe('createHandler without an allowed origin', () => {
  it('answers with JSON and no CORS header, so no other origin may read it', async () => {
    const handler = freshHandler({});
    const { result } = await captureOutput(() => handler(loadEvent('hello-name.json'), helloContext()));
    expect(result.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(JSON.parse(result.body)).toEqual(greetingTo('Ada'));
  });
});

describe('lambdaHandler, the export template.yaml names', () => {
  // The tests above build their handler with createHandler; this one is built when the module loads, from the
  // environment template.yaml gives the function.
  function loadAppWith(env: Record<string, string>): typeof import('../hello-world/app') {
    const saved = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
    Object.assign(process.env, env);
    try {
      let app: typeof import('../hello-world/app') | undefined;
      jest.isolateModules(() => {
        app = jest.requireActual<typeof import('../hello-world/app')>('../hello-world/app');
      });
      return app as typeof import('../hello-world/app');
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }

  it('takes the CORS origin from ALLOWED_ORIGIN and its names from the POWERTOOLS_* variables', async () => {
    const { lambdaHandler } = loadAppWith({
      ALLOWED_ORIGIN: 'https://app.example.com',
      POWERTOOLS_SERVICE_NAME: HELLO.serviceName,
      POWERTOOLS_METRICS_NAMESPACE: HELLO.namespace,
    });
    const { result, stdout, stderr } = await captureOutput(() =>
      lambdaHandler(loadEvent('hello-name.json'), helloContext()),
    );
    expect(result.headers).toEqual({
      'Content-Type': 'application/json',
      'Access-Control-Allow-Origin': 'https://app.example.com',
    });
    expect(JSON.parse(result.body)).toEqual(greetingTo('Ada'));
    expect(stderr).toEqual([]);
    const documents = parseJsonLines(stdout);
    expect(documents.filter((d) => !isEmf(d))).toMatchObject([
      { message: 'Request handled', service: HELLO.serviceName },
    ]);
    const namespaces = documents
      .filter(isEmf)
      .map((d) => (d._aws as { CloudWatchMetrics: Array<{ Namespace: string }> }).CloudWatchMetrics[0]?.Namespace);
    expect(new Set(namespaces)).toEqual(new Set([HELLO.namespace]));
  });
});
