import { greet } from '../hello-world/greeting';

/** What each file in events/ must produce. A file missing here fails the handler tests. */
export interface Expectation {
  statusCode: number;
  body: { message: string };
  /** HelloWorldFunction's business metric for the invocation, and the greeting dimension for a 200. */
  metric?: 'GreetingsServed' | 'RejectedRequests';
  greeting?: 'named' | 'anonymous';
}

/**
 * A 200's body greets the name (or the world): in the function's own words, which tests/greeting.test.ts alone
 * pins, so changing the wording breaks that one test, not every test that checks a greeting.
 */
export function greetingTo(name?: string): { message: string } {
  return { message: greet(name) };
}

const NAME_CHARACTERS =
  "Query parameter 'name' may contain only letters, digits, spaces, hyphens, apostrophes and periods";
const NAME_LENGTH = "Query parameter 'name' must be 1 to 64 characters long";

export const EXPECTATIONS: Record<string, Expectation> = {
  'hello.json': {
    statusCode: 200,
    body: greetingTo(),
    metric: 'GreetingsServed',
    greeting: 'anonymous',
  },
  'hello-name.json': {
    statusCode: 200,
    body: greetingTo('Ada'),
    metric: 'GreetingsServed',
    greeting: 'named',
  },
  'hello-name-padded.json': {
    statusCode: 200,
    body: greetingTo('Grace Hopper'),
    metric: 'GreetingsServed',
    greeting: 'named',
  },
  'hello-name-non-latin.json': {
    statusCode: 200,
    body: greetingTo('Мария-José 李'),
    metric: 'GreetingsServed',
    greeting: 'named',
  },
  'hello-name-invalid.json': { statusCode: 400, body: { message: NAME_CHARACTERS }, metric: 'RejectedRequests' },
  'hello-name-empty.json': { statusCode: 400, body: { message: NAME_LENGTH }, metric: 'RejectedRequests' },
  'hello-name-too-long.json': { statusCode: 400, body: { message: NAME_LENGTH }, metric: 'RejectedRequests' },
  'hello-name-repeated.json': {
    statusCode: 400,
    body: { message: "Query parameter 'name' must be given at most once" },
    metric: 'RejectedRequests',
  },
};

export function expectationFor(file: string): Expectation {
  const expectation = EXPECTATIONS[file];
  if (!expectation) throw new Error(`events/${file} has no expectation in tests/expectations.ts: add one`);
  return expectation;
}
