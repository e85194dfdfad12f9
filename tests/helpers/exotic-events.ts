import type { APIGatewayProxyEvent } from 'aws-lambda';
import fc from 'fast-check';
import { apiGatewayEvent } from './event-arbitraries';

/**
 * Events whose reading throws: a getter or a Proxy trap somewhere on the path to the name or the request id.
 * Lambda hands over JSON-parsed events, so this cannot come from a client; it stands for any unexpected
 * failure inside the handler, which must still end in a clean 500. Described as plain data, so fast-check
 * can print and shrink the case; `buildExoticEvent` makes the real thing inside the property.
 */
export interface ExoticEventCase {
  event: APIGatewayProxyEvent;
  trap: { kind: 'getter'; path: string[] } | { kind: 'proxy'; at: string | null; traps: ProxyTrap[] };
  thrown: ThrownKind;
  secret: string;
}

type ProxyTrap = 'get' | 'has' | 'ownKeys' | 'getOwnPropertyDescriptor' | 'getPrototypeOf';
type ThrownKind =
  'Error' | 'TypeError' | 'RangeError' | 'CustomError' | 'string' | 'number' | 'null' | 'undefined' | 'object';

const READ_PATHS = [
  ['queryStringParameters'],
  ['multiValueQueryStringParameters'],
  ['requestContext'],
  ['queryStringParameters', 'name'],
  ['multiValueQueryStringParameters', 'name'],
  ['requestContext', 'requestId'],
];

export const exoticEventCase: fc.Arbitrary<ExoticEventCase> = fc.record({
  event: apiGatewayEvent,
  trap: fc.oneof(
    fc.record({ kind: fc.constant('getter' as const), path: fc.constantFrom(...READ_PATHS) }),
    fc.record({
      kind: fc.constant('proxy' as const),
      at: fc.constantFrom(null, 'queryStringParameters', 'multiValueQueryStringParameters', 'requestContext'),
      traps: fc.subarray<ProxyTrap>(['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf'], {
        minLength: 1,
      }),
    }),
  ),
  thrown: fc.constantFrom<ThrownKind>(
    'Error', 'TypeError', 'RangeError', 'CustomError', 'string', 'number', 'null', 'undefined', 'object',
  ), // prettier-ignore
  secret: fc.stringMatching(/^[A-Za-z0-9]{12}$/).map((s) => `SECRET-${s}`),
});

class DatabaseConnectionError extends Error {
  override name = 'DatabaseConnectionError';
}

function thrownValue(kind: ThrownKind, secret: string): unknown {
  const detail = `${secret} at /var/task/node_modules/internal/lib.js:12:34`;
  switch (kind) {
    case 'Error':
      return new Error(detail);
    case 'TypeError':
      return new TypeError(detail);
    case 'RangeError':
      return new RangeError(detail);
    case 'CustomError':
      return new DatabaseConnectionError(detail);
    case 'string':
      return detail;
    case 'number':
      return 42;
    case 'null':
      return null;
    case 'undefined':
      return undefined;
    case 'object':
      return { message: detail, stack: `Error: ${detail}\n    at handler (/var/task/app.js:1:1)` };
  }
}

/** The event for a case, and a flag telling whether reading it actually hit the trap. */
export function buildExoticEvent(exotic: ExoticEventCase): { event: unknown; trapped: () => boolean } {
  let fired = false;
  const fire = (): never => {
    fired = true;
    throw thrownValue(exotic.thrown, exotic.secret);
  };
  const event: Record<string, unknown> = { ...exotic.event };
  const { trap } = exotic;
  if (trap.kind === 'getter') {
    const [first, second] = trap.path as [string, string | undefined];
    if (second === undefined) {
      Object.defineProperty(event, first, { get: fire, enumerable: true });
    } else {
      const inner = { ...((event[first] as object | null) ?? {}) };
      Object.defineProperty(inner, second, { get: fire, enumerable: true });
      event[first] = inner;
    }
    return { event, trapped: () => fired };
  }
  const handlers: ProxyHandler<object> = Object.fromEntries(trap.traps.map((name) => [name, fire]));
  if (trap.at === null) return { event: new Proxy(event, handlers), trapped: () => fired };
  event[trap.at] = new Proxy((event[trap.at] as object | null) ?? {}, handlers);
  return { event, trapped: () => fired };
}
