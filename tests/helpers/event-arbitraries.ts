import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';
import { hostileKey, hostileName, plausibleName } from './hostile-strings';
import { loadEvent } from './project';

const BASE: APIGatewayProxyEvent = loadEvent('hello.json');

/** Values of the wrong type for any field of a proxy event. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 10 }),
  fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1, maxKeys: 3 }),
);

/** A field that keeps its valid value, is null, has the wrong type, or takes a hostile value. */
function field<T>(valid: T, hostile: fc.Arbitrary<unknown>, hostileWeight = 2): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.constant(valid), weight: 2 },
    { arbitrary: fc.constant(null), weight: 1 },
    { arbitrary: wrongType, weight: 1 },
    { arbitrary: hostile, weight: hostileWeight },
  );
}

type Prototype = 'object' | 'null' | 'inherited-name';

/** Builds a map with own keys from entries, `__proto__` included, on one of several prototypes. */
function mapFrom(entries: Array<[string, unknown]>, prototype: Prototype): Record<string, unknown> {
  const map = Object.fromEntries(entries) as Record<string, unknown>; // CreateDataProperty: `__proto__` stays an own key
  if (prototype === 'null') Object.setPrototypeOf(map, null);
  // An inherited `name` must never be read as if the client had sent it.
  if (prototype === 'inherited-name') Object.setPrototypeOf(map, { name: 'Mallory' });
  return map;
}

const prototypeKind = fc.constantFrom<Prototype>('object', 'object', 'object', 'null', 'inherited-name');

const queryKey = fc.oneof({ arbitrary: fc.constant('name'), weight: 3 }, { arbitrary: hostileKey, weight: 2 });

const queryValue = fc.oneof(
  { arbitrary: hostileName, weight: 8 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: wrongType, weight: 1 },
);

/** queryStringParameters: hostile keys and values, not necessarily consistent with the multi-value map. */
export const queryMap = fc
  .tuple(fc.array(fc.tuple(queryKey, queryValue), { maxLength: 5 }), prototypeKind)
  .map(([entries, prototype]) => mapFrom(entries, prototype));

/** multiValueQueryStringParameters: lists of hostile values (empty, one, repeated), or wrong types. */
export const multiValueQueryMap = fc
  .tuple(
    fc.array(
      fc.tuple(
        queryKey,
        fc.oneof(
          { arbitrary: fc.array(hostileName, { maxLength: 3 }), weight: 6 },
          { arbitrary: fc.array(queryValue, { maxLength: 3 }), weight: 2 },
          { arbitrary: queryValue, weight: 1 },
        ),
      ),
      { maxLength: 5 },
    ),
    prototypeKind,
  )
  .map(([entries, prototype]) => mapFrom(entries, prototype));

const headerName = fc.oneof(
  fc.constantFrom('Content-Type', 'content-type', 'CONTENT-TYPE', 'Accept', 'Host', 'Cookie', 'Authorization'),
  fc.constantFrom('X-Forwarded-For', 'X-Amzn-Trace-Id', 'Origin', 'Referer', 'Accept-Language', 'X-Amz-Date'),
  hostileKey,
);
const headerValue = fc.oneof(hostileName, hostileKey, fc.constant(null), wrongType);

const oddHeaders = fc
  .tuple(fc.array(fc.tuple(headerName, headerValue), { maxLength: 6 }), prototypeKind)
  .map(([entries, prototype]) => mapFrom(entries, prototype));

const oddMultiValueHeaders = fc
  .tuple(
    fc.array(fc.tuple(headerName, fc.oneof(fc.array(headerValue, { maxLength: 3 }), headerValue)), { maxLength: 6 }),
    prototypeKind,
  )
  .map(([entries, prototype]) => mapFrom(entries, prototype));

const requestId = fc.oneof(fc.uuid(), hostileKey, hostileName, wrongType);

const oddRequestContext = fc.oneof(
  requestId.map((id) => ({ ...BASE.requestContext, requestId: id })),
  fc.record(
    { requestId, stage: fc.oneof(fc.constant('dev'), hostileKey), path: fc.oneof(hostileKey, wrongType) },
    { requiredKeys: [] },
  ),
);

// Extra top-level keys: `__proto__` as an own key carrying a name, and near-miss field names.
const extraKeys = fc.array(
  fc.tuple(
    fc.constantFrom('__proto__', 'constructor', 'QueryStringParameters', 'query', 'name', 'rawQueryString'),
    fc.oneof(fc.constant({ queryStringParameters: { name: 'Mallory' } }), fc.constant('name=Mallory'), hostileName),
  ),
  { maxLength: 2 },
);

/**
 * REST (v1) proxy events with any field missing (the record leaves keys out), null, wrongly typed or hostile:
 * query maps unrelated to each other, odd headers, odd or missing requestContext, stray top-level keys.
 */
export const hostileRestEvent: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.record(
      {
        resource: field(BASE.resource, hostileKey, 1),
        path: field(BASE.path, fc.constantFrom('/dev/hello', '/hello/../admin', '//hello', '/hello%00', ''), 1),
        httpMethod: field(BASE.httpMethod, fc.constantFrom('POST', 'get', 'OPTIONS', 'GET ', ''), 1),
        headers: field(BASE.headers, oddHeaders),
        multiValueHeaders: field(BASE.multiValueHeaders, oddMultiValueHeaders),
        queryStringParameters: field(BASE.queryStringParameters, queryMap, 6),
        multiValueQueryStringParameters: field(BASE.multiValueQueryStringParameters, multiValueQueryMap, 6),
        pathParameters: field(BASE.pathParameters, fc.dictionary(hostileKey, hostileName, { maxKeys: 2 }), 1),
        stageVariables: field(BASE.stageVariables, fc.dictionary(hostileKey, hostileName, { maxKeys: 2 }), 1),
        requestContext: field(BASE.requestContext, oddRequestContext),
        body: field(BASE.body, hostileName, 1),
        isBase64Encoded: field(BASE.isBase64Encoded, fc.boolean(), 1),
      },
      { requiredKeys: [] },
    ),
    extraKeys,
  )
  .map(([fields, extras]) => Object.fromEntries([...Object.entries(fields), ...extras]) as Record<string, unknown>);

const nameValue = fc.oneof({ arbitrary: plausibleName, weight: 3 }, { arbitrary: hostileName, weight: 2 });

/**
 * Events as API Gateway builds them from a query string: each key's last value in queryStringParameters,
 * all of its values in multiValueQueryStringParameters, both null when there is no query string. Other keys may
 * be `name` look-alikes (`Name`, `name `, `__proto__`, …), which must not count as the name.
 */
export const apiGatewayEvent: fc.Arbitrary<APIGatewayProxyEvent> = fc
  .tuple(
    fc.array(fc.tuple(hostileKey, hostileName), { maxLength: 3 }),
    // Mostly one name; sometimes none, sometimes repeated.
    fc.oneof(
      { arbitrary: fc.constant([]), weight: 2 },
      { arbitrary: fc.tuple(nameValue), weight: 6 },
      { arbitrary: fc.array(nameValue, { minLength: 2, maxLength: 3 }), weight: 2 },
    ),
    fc.boolean(),
    fc.uuid(),
  )
  .map(([others, names, namesFirst, id]) => {
    const named = names.map((value): [string, string] => ['name', value]);
    const pairs = namesFirst ? [...named, ...others] : [...others, ...named];
    const grouped = new Map<string, string[]>();
    for (const [key, value] of pairs) grouped.set(key, [...(grouped.get(key) ?? []), value]);
    return {
      ...BASE,
      queryStringParameters: pairs.length === 0 ? null : Object.fromEntries(pairs),
      multiValueQueryStringParameters: pairs.length === 0 ? null : Object.fromEntries(grouped),
      requestContext: { ...BASE.requestContext, requestId: id },
    };
  });

/** Anything a misconfigured integration or direct invoke could pass that is not an event object. */
export const notAnObject: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.string(),
  hostileName,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.bigInt(),
  fc.constant(Symbol('event')),
  fc.array(fc.anything({ maxDepth: 2 }), { maxLength: 3 }),
  fc.array(apiGatewayEvent, { minLength: 1, maxLength: 2 }),
);
