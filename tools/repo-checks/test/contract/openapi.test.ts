import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { compileErrors, validate } from '@readme/openapi-parser';
import type { APIGatewayProxyResult } from 'aws-lambda';
import fc from 'fast-check';
import { createHandler } from '../../../../hello-world/app';
import { validateName } from '../../../../hello-world/greeting';
import { captureOutput } from '../../../../tests/helpers/capture-output';
import { assertProperty } from '../../../../tests/helpers/fast-check';
import { freshHandler, HELLO, helloContext } from '../../../../tests/helpers/handler';
import { hostileName } from '../../../../tests/helpers/hostile-strings';
import {
  asParserInput,
  contractProblems,
  OPENAPI_FILE,
  dereferencedOpenApi,
  operation,
  operationKeys,
  readOpenApi,
  schemaProblems,
  type OpenApiDocument,
  type ResponseObject,
} from '../helpers/openapi-contract';
import { eventFilesFor, loadEvent } from '../../../../tests/helpers/project';
import { corsValue, readTemplate, resources, templateRoutes, type TemplateNode } from '../helpers/template-routes';

let contract: OpenApiDocument;
let template: TemplateNode;

beforeAll(async () => {
  contract = await dereferencedOpenApi();
  template = readTemplate();
});

function getHelloResponses(): Record<string, ResponseObject> {
  const get = operation(contract, 'GET', '/hello');
  if (!get) throw new Error('openapi.yaml has no GET /hello');
  return get.responses;
}

/** The handler's answer to an event, its log lines kept out of the test output. */
async function invoke(event: ReturnType<typeof loadEvent>): Promise<APIGatewayProxyResult> {
  const handler = freshHandler();
  return (await captureOutput(() => handler(event, helloContext()))).result;
}

describe('openapi.yaml', () => {
  it('is a valid OpenAPI 3 document', async () => {
    const result = await validate(OPENAPI_FILE);
    expect(result.valid ? 'valid' : compileErrors(result)).toBe('valid');
    expect(readOpenApi().openapi).toMatch(/^3\./);
  });

  it('the validator refuses a broken document (a response without its description)', async () => {
    const broken = readOpenApi();
    delete (broken.components.responses.Greeting as Partial<ResponseObject>).description;
    const result = await validate(asParserInput(broken));
    expect(result.valid).toBe(false);
  });

  it("has exactly the template's routes: its Api events, and the OPTIONS SAM adds for Cors", () => {
    const routes = templateRoutes(template);
    expect(routes).toContain('GET /hello');
    expect(operationKeys(contract)).toEqual(routes);
  });

  it("describes the template's stage and CORS settings", () => {
    const parameters = template.Parameters as Record<string, { Default?: unknown }>;
    const stage = String(parameters.StageName?.Default);
    const [local, deployed] = contract.servers;
    expect(local?.url).toBe(`http://127.0.0.1:3000/${stage}`);
    expect(deployed?.url).toBe('https://{apiId}.execute-api.{region}.amazonaws.com/{stage}');
    expect(deployed?.variables?.stage?.default).toBe(stage);

    const api = resources(template).find(([, resource]) => resource.Type === 'AWS::Serverless::Api')?.[1];
    const cors = (api?.Properties as { Cors: Record<string, unknown> }).Cors;
    const preflight = operation(contract, 'OPTIONS', '/hello')?.responses['200']?.headers ?? {};
    expect(preflight['Access-Control-Allow-Methods']?.example).toBe(corsValue(cors.AllowMethods));
    expect(preflight['Access-Control-Allow-Headers']?.example).toBe(corsValue(cors.AllowHeaders));
    expect(preflight['Access-Control-Max-Age']?.example).toBe(Number(corsValue(cors.MaxAge)));
    expect(preflight['Access-Control-Allow-Origin']?.example).toBe(parameters.AllowedOrigin?.Default);
  });

  it('has examples that follow their own schemas', () => {
    const responses = [
      ...Object.values(contract.paths).flatMap((item) =>
        Object.values(item).flatMap((op) => Object.values(op.responses)),
      ),
      ...Object.values(contract.components.responses),
    ];
    const examples = responses.flatMap((response) =>
      Object.values(response.content ?? {}).flatMap((media) =>
        Object.entries(media.examples ?? {}).map(([name, example]) => ({ name, media, value: example.value })),
      ),
    );
    expect(examples.length).toBeGreaterThanOrEqual(8);
    for (const { name, media, value } of examples) {
      expect({ name, problems: schemaProblems(media.schema ?? {}, value) }).toEqual({ name, problems: [] });
    }
  });
});

describe("the handler's responses to its events keep the contract", () => {
  it.each(eventFilesFor(HELLO.functionName))('events/%s', async (file) => {
    const event = loadEvent(file);
    const responses = operation(contract, event.httpMethod, event.resource)?.responses;
    expect(responses).toBeDefined();
    const result = await invoke(event);
    expect(contractProblems(responses ?? {}, result)).toEqual([]);
  });

  it('the events cover every status the function itself answers but 500', async () => {
    const statuses = new Set<string>();
    for (const file of eventFilesFor(HELLO.functionName))
      statuses.add(String((await invoke(loadEvent(file))).statusCode));
    expect([...statuses].sort()).toEqual(['200', '400']);
  });

  it('500, when the function fails unexpectedly', async () => {
    // A real failure inside the handler's try: the logger throws while the request is being answered.
    const logger = new Logger({ serviceName: HELLO.serviceName });
    jest.spyOn(logger, 'info').mockImplementation(() => {
      throw new Error('simulated failure');
    });
    const handler = createHandler({
      logger,
      metrics: new Metrics({ namespace: HELLO.namespace, serviceName: HELLO.serviceName }),
      allowedOrigin: HELLO.allowedOrigin,
    });
    const { result } = await captureOutput(() => handler(loadEvent('hello-name.json'), helloContext()));
    expect(result.statusCode).toBe(500);
    expect(contractProblems(getHelloResponses(), result)).toEqual([]);
  });
});

describe('a response that drifts from the contract fails it', () => {
  const message = { message: 'Hello, Ada!' };
  const internal = { message: 'Internal server error', requestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678' };
  const json = { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' };

  it.each<[string, Pick<APIGatewayProxyResult, 'statusCode' | 'headers' | 'body'>, RegExp]>([
    ['200 loses message', { statusCode: 200, headers: json, body: '{}' }, /must have required property 'message'/],
    [
      '200 renames message',
      { statusCode: 200, headers: json, body: JSON.stringify({ greeting: 'Hello, Ada!' }) },
      /required property 'message'/,
    ],
    [
      '200 adds a field',
      { statusCode: 200, headers: json, body: JSON.stringify({ ...message, name: 'Ada' }) },
      /must NOT have additional properties/,
    ],
    ['200 message turns a number', { statusCode: 200, headers: json, body: '{"message":42}' }, /must be string/],
    [
      '400 renames message',
      { statusCode: 400, headers: json, body: JSON.stringify({ error: 'bad name' }) },
      /required property 'message'/,
    ],
    [
      '500 loses requestId',
      { statusCode: 500, headers: json, body: JSON.stringify({ message: internal.message }) },
      /required property 'requestId'/,
    ],
    [
      '500 renames requestId',
      { statusCode: 500, headers: json, body: JSON.stringify({ message: internal.message, request_id: 'x' }) },
      /required property 'requestId'/,
    ],
    [
      'loses Access-Control-Allow-Origin',
      { statusCode: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(message) },
      /header Access-Control-Allow-Origin is missing/,
    ],
    [
      'answers text/plain',
      { statusCode: 200, headers: { ...json, 'Content-Type': 'text/plain' }, body: JSON.stringify(message) },
      /Content-Type text\/plain is not documented/,
    ],
    ['answers an undocumented status', { statusCode: 404, headers: json, body: '{}' }, /status 404 is not documented/],
  ])('%s', (_, result, reason) => {
    const problems = contractProblems(getHelloResponses(), result);
    expect(problems.join('\n')).toMatch(reason);
  });

  it("a real handler response with a field renamed, through the same check as the events'", async () => {
    const result = await invoke(loadEvent('hello-name.json'));
    expect(contractProblems(getHelloResponses(), result)).toEqual([]);
    const renamed = result.body.replace('"message"', '"msg"');
    expect(contractProblems(getHelloResponses(), { ...result, body: renamed })).not.toEqual([]);
  });
});

describe('the name parameter', () => {
  const nameSchema = (): object => contract.components.parameters.Name?.schema ?? {};

  // The edges random strings rarely hit exactly: the length limit in code points (not UTF-16 units), padding,
  // blank names, and marks that must follow a letter.
  it.each<[string, string, boolean]>([
    ['64 ASCII letters', 'a'.repeat(64), true],
    ['65 ASCII letters', 'a'.repeat(65), false],
    ['64 astral letters (128 UTF-16 units)', '\u{1D49C}'.repeat(64), true],
    ['65 astral letters', '\u{1D49C}'.repeat(65), false],
    ['64 letters padded with spaces and a tab', ` \t${'a'.repeat(64)}  `, true],
    ['empty', '', false],
    ['blank', '  \u3000 ', false],
    ['a letter with a combining mark', 'e\u0301', true],
    ['a combining mark first', '\u0301e', false],
    ['a tab inside', 'Ada\tLovelace', false],
  ])('%s', (_, raw, allowed) => {
    expect(validateName(raw).ok).toBe(allowed);
    expect(schemaProblems(nameSchema(), raw.trim()).length === 0).toBe(allowed);
  });

  it("its schema, applied after trimming, agrees with the function's rule on any string", async () => {
    const schema = nameSchema();
    await assertProperty(
      fc.asyncProperty(hostileName, async (raw) => {
        const documented = schemaProblems(schema, raw.trim()).length === 0;
        expect({ raw, documented }).toEqual({ raw, documented: validateName(raw).ok });
        return Promise.resolve();
      }),
      500,
    );
  });
});
