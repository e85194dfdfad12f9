import {
  contractProblems,
  dereferencedOpenApi,
  operation,
  operationKeys,
  type OpenApiDocument,
  type ResponseObject,
} from '../helpers/openapi-contract';
import {
  assertedGreetingName,
  assertedMessage,
  assertedStatuses,
  greetedName,
  environmentValue,
  readCollection,
  readEnvironment,
  requestRoute,
  testScript,
  type PostmanCollection,
  type PostmanItem,
} from '../helpers/postman-collection';

// API Gateway's answer to a route the API does not have: openapi.yaml documents it as a reusable response,
// since it belongs to no operation, and the collection requests a path that is no operation's.
const UNKNOWN_ROUTE = 'unknown route';
const UNKNOWN_ROUTE_RESPONSE = 'MissingAuthenticationToken';
const UNKNOWN_ROUTE_STATUS = 403;

let contract: OpenApiDocument;
let collection: PostmanCollection;

beforeAll(async () => {
  contract = await dereferencedOpenApi();
  collection = readCollection();
});

/** The responses a request is answered from: its operation's, or API Gateway's for an unknown route. */
function responsesFor(item: PostmanItem): { route: string; responses: Record<string, ResponseObject> } {
  const [method = '', path = ''] = requestRoute(item).split(' ');
  const op = operation(contract, method, path);
  if (op) return { route: requestRoute(item), responses: op.responses };
  const gateway = contract.components.responses[UNKNOWN_ROUTE_RESPONSE];
  return { route: UNKNOWN_ROUTE, responses: gateway ? { [UNKNOWN_ROUTE_STATUS]: gateway } : {} };
}

describe('the Postman collection and openapi.yaml are in step', () => {
  it('every operation and documented response in one appears in the other', () => {
    const documented = [
      ...operationKeys(contract).flatMap((key) => {
        const [method = '', path = ''] = key.split(' ');
        return Object.keys(operation(contract, method, path)?.responses ?? {}).map((status) => `${key} ${status}`);
      }),
      `${UNKNOWN_ROUTE} ${UNKNOWN_ROUTE_STATUS}`,
    ];
    const exercised = collection.item.flatMap((item) => {
      const { route } = responsesFor(item);
      const statuses = [...assertedStatuses(item), ...(item.response ?? []).map((example) => example.code)];
      return statuses.map((status) => `${route} ${status}`);
    });
    expect([...new Set(exercised)].sort()).toEqual([...new Set(documented)].sort());
  });

  it.each(readCollection().item.map((item) => [item.name, item] as const))(
    '%s: asserts one documented status, the Content-Type and the CORS header',
    (_, item) => {
      const statuses = assertedStatuses(item);
      expect(statuses).toHaveLength(1);
      expect(Object.keys(responsesFor(item).responses)).toContain(String(statuses[0]));
      expect(testScript(item)).toMatch(/headers\.get\('Content-Type'\)/);
      expect(testScript(item)).toMatch(/headers\.get\('Access-Control-Allow-Origin'\)/);
    },
  );

  it.each(readCollection().item.map((item) => [item.name, item] as const))(
    '%s: the body it expects keeps the contract',
    (_, item) => {
      const message = assertedMessage(item);
      const greeted = assertedGreetingName(item);
      const { responses } = responsesFor(item);
      const status = assertedStatuses(item)[0] ?? 0;
      const documentedBody = responses[String(status)]?.content !== undefined;
      // A documented body is asserted (an error in full, a greeting by the name in it); a response documented
      // without one (the preflight) has no message.
      expect(message !== undefined || greeted !== undefined).toBe(documentedBody);
      if (greeted !== undefined) {
        expect({ status, message, greeted }).toEqual({ status: 200, message: undefined, greeted: greetedName(item) });
        return;
      }
      if (message === undefined) return;
      const result = {
        statusCode: status,
        headers: { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' },
        body: JSON.stringify({ message }),
      };
      expect(contractProblems(responses, result)).toEqual([]);
    },
  );

  it('its saved example responses keep the contract', () => {
    const examples = collection.item.flatMap((item) => (item.response ?? []).map((example) => ({ item, example })));
    expect(examples.map(({ example }) => example.code)).toContain(500);
    for (const { item, example } of examples) {
      const headers = Object.fromEntries((example.header ?? []).map(({ key, value }) => [key, value]));
      const problems = contractProblems(responsesFor(item).responses, {
        statusCode: example.code,
        headers,
        body: example.body,
      });
      expect({ example: example.name, problems }).toEqual({ example: example.name, problems: [] });
    }
  });

  it("each request sends its operation's required parameters and only documented query parameters", () => {
    for (const item of collection.item) {
      const [method = '', path = ''] = requestRoute(item).split(' ');
      const parameters = operation(contract, method, path)?.parameters ?? [];
      const sent = [
        ...(item.request.url.query ?? []).map(({ key }) => `query ${key}`),
        ...(item.request.header ?? []).map(({ key }) => `header ${key.toLowerCase()}`),
      ];
      const documented = parameters.map((p) => `${p.in} ${p.in === 'header' ? p.name.toLowerCase() : p.name}`);
      const required = parameters
        .filter((p) => (p as { required?: boolean }).required)
        .map((p) => `${p.in} ${p.in === 'header' ? p.name.toLowerCase() : p.name}`);
      expect({ request: item.name, missing: required.filter((p) => !sent.includes(p)) }).toEqual({
        request: item.name,
        missing: [],
      });
      const undocumentedQuery = sent.filter((p) => p.startsWith('query ') && !documented.includes(p));
      expect({ request: item.name, undocumentedQuery }).toEqual({ request: item.name, undocumentedQuery: [] });
    }
  });
});

describe('the Postman environments', () => {
  it("local points at openapi.yaml's local server, deployed is left for the stack's URL", () => {
    expect(environmentValue(readEnvironment('local'), 'baseUrl')).toBe(contract.servers[0]?.url);
    expect(environmentValue(readEnvironment('deployed'), 'baseUrl')).toBe('');
  });

  it("both expect the template's default AllowedOrigin", () => {
    const origin = contract.paths['/hello']?.get?.responses['200']?.headers?.['Access-Control-Allow-Origin']?.example;
    for (const which of ['local', 'deployed'] as const) {
      expect(environmentValue(readEnvironment(which), 'allowedOrigin')).toBe(origin);
    }
  });

  it('every {{variable}} the collection uses is defined in both', () => {
    const used = new Set([...JSON.stringify(collection).matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]));
    const usedInScripts = [...JSON.stringify(collection).matchAll(/pm\.variables\.get\('(\w+)'\)/g)].map((m) => m[1]);
    for (const name of usedInScripts) used.add(name);
    expect(used.size).toBeGreaterThan(0);
    for (const which of ['local', 'deployed'] as const) {
      const defined = readEnvironment(which).values.map((variable) => variable.key);
      expect({ which, undefined: [...used].filter((name) => !defined.includes(name ?? '')) }).toEqual({
        which,
        undefined: [],
      });
    }
  });
});
