/** What each file in events/ must produce. A file missing here fails the handler tests. */
export interface Expectation {
  statusCode: number;
  body: { message: string };
  /** HelloWorldFunction's business metric for the invocation, and the greeting dimension for a 200. */
  metric?: 'GreetingsServed' | 'RejectedRequests';
  greeting?: 'named' | 'anonymous';
}

const NAME_CHARACTERS =
  "Query parameter 'name' may contain only letters, digits, spaces, hyphens, apostrophes and periods";
const NAME_LENGTH = "Query parameter 'name' must be 1 to 64 characters long";

export const EXPECTATIONS: Record<string, Expectation> = {
  'hello.json': {
    statusCode: 200,
    body: { message: 'Hello, World!' },
    metric: 'GreetingsServed',
    greeting: 'anonymous',
  },
  'hello-name.json': {
    statusCode: 200,
    body: { message: 'Hello, Ada!' },
    metric: 'GreetingsServed',
    greeting: 'named',
  },
  'hello-name-padded.json': {
    statusCode: 200,
    body: { message: 'Hello, Grace Hopper!' },
    metric: 'GreetingsServed',
    greeting: 'named',
  },
  'hello-name-non-latin.json': {
    statusCode: 200,
    body: { message: 'Hello, Мария-José 李!' },
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
