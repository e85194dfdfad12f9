import { isDeepStrictEqual } from 'node:util';

/** One request to the API and what its answer must be. */
export interface Check {
  name: string;
  url: URL;
  status: number;
  /** Checks the parsed JSON body; returns what is wrong with it, or undefined when it is right. */
  body: (body: unknown) => string | undefined;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was received (on success) or what was wrong (on failure). */
  detail: string;
}

// A Lambda cold start behind API Gateway takes about a second; ten leaves room for a slow network.
const REQUEST_TIMEOUT_MS = 10_000;

/** The checks for the hello API whose GET /hello URL is helloUrl (deployed or local). */
export function helloChecks(helloUrl: URL): Check[] {
  const base = new URL(helloUrl);
  base.search = '';
  base.hash = '';
  const withName = (name: string): URL => {
    const url = new URL(base);
    url.searchParams.set('name', name);
    return url;
  };
  return [
    {
      name: 'no name: 200 greeting World',
      url: base,
      status: 200,
      body: greets('World'),
    },
    {
      name: 'name=Ada: 200 greeting Ada',
      url: withName('Ada'),
      status: 200,
      body: greets('Ada'),
    },
    {
      name: 'invalid name: 400 with a message',
      url: withName('<script>alert(1)</script>'),
      status: 400,
      body: hasMessage,
    },
    {
      // A sibling of /hello under the same stage: API Gateway answers routes it doesn't know with 403.
      name: 'unknown path: 403 with a message',
      url: new URL('no-such-route', base),
      status: 403,
      body: hasMessage,
    },
  ];
}

/** Runs one check over real HTTP(S). Never throws: a network error is a failed check. */
export async function runCheck(check: Check): Promise<CheckResult> {
  const fail = (detail: string): CheckResult => ({ name: check.name, ok: false, detail });
  let response: Response;
  let text: string;
  try {
    response = await fetch(check.url, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    text = await response.text();
  } catch (error) {
    return fail(`GET ${check.url.href} failed: ${errorText(error)}`);
  }
  const problems: string[] = [];
  if (response.status !== check.status) problems.push(`status ${response.status}, expected ${check.status}`);
  const contentType = response.headers.get('content-type');
  if (mediaType(contentType) !== 'application/json') {
    problems.push(`Content-Type ${JSON.stringify(contentType)}, expected application/json`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push(`body is not JSON: ${abbreviate(text)}`);
  }
  if (body !== undefined) {
    const wrong = check.body(body);
    if (wrong) problems.push(wrong);
  }
  return problems.length > 0
    ? fail(problems.join('; '))
    : { name: check.name, ok: true, detail: `${response.status} ${abbreviate(text)}` };
}

export async function runChecks(checks: Check[]): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  // One at a time: the output reads in order, and a deployed stage's throttling is never hit.
  for (const check of checks) results.push(await runCheck(check));
  return results;
}

// A greeting is checked by its shape and the name in it, not by its words: the owner may change those (only
// tests/greeting.test.ts pins them).
function greets(name: string): (body: unknown) => string | undefined {
  return (body) => {
    const keys = typeof body === 'object' && body !== null && !Array.isArray(body) ? Object.keys(body) : [];
    const message = (body as { message?: unknown } | null)?.message;
    return isDeepStrictEqual(keys, ['message']) && typeof message === 'string' && message.includes(name)
      ? undefined
      : `body ${abbreviate(JSON.stringify(body))}, expected only a "message" that greets ${JSON.stringify(name)}`;
  };
}

function hasMessage(body: unknown): string | undefined {
  const message = typeof body === 'object' && body !== null ? (body as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message.trim() !== ''
    ? undefined
    : `body ${abbreviate(JSON.stringify(body))} has no "message" string`;
}

/** `application/json; charset=utf-8` → `application/json`. */
function mediaType(contentType: string | null): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

function abbreviate(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch wraps the socket error (ECONNREFUSED, ENOTFOUND, ...) in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
