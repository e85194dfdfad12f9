/**
 * Identity sources: the parts of a request an authorizer reads (a header, a query string parameter, a stage
 * variable, a context variable). API Gateway answers 401 without invoking the authorizer when one is missing or
 * empty ("API Gateway returns a 401 Unauthorized response ... if a specified identity source is missing, null, or
 * empty": docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html and
 * http-api-lambda-authorizer.html), and caches the authorizer's answer keyed by their values.
 */
export type IdentitySourceKind = 'header' | 'query' | 'stageVariable' | 'context';

export interface IdentitySource {
  kind: IdentitySourceKind;
  name: string;
}

/** What an identity source is read from: the request as the integration would see it. */
export interface IdentityView {
  /** Header names as sent (looked up without regard to case), last value of each. */
  headers: Record<string, string>;
  query: Record<string, string> | null;
  stageVariables: Record<string, string> | null;
  /** requestContext variables by name (e.g. `stage`, `identity.sourceIp`). */
  context: Record<string, unknown>;
}

export type IdentityValues = { kind: 'present'; values: string[] } | { kind: 'missing'; source: IdentitySource };

/** The value of every source, in order, or the first one missing (absent or empty). */
export function readIdentity(sources: IdentitySource[], view: IdentityView): IdentityValues {
  const values: string[] = [];
  for (const source of sources) {
    const value = valueOf(source, view);
    if (value === undefined || value === '') return { kind: 'missing', source };
    values.push(value);
  }
  return { kind: 'present', values };
}

function valueOf(source: IdentitySource, view: IdentityView): string | undefined {
  switch (source.kind) {
    case 'header': {
      const lower = source.name.toLowerCase();
      return Object.entries(view.headers).find(([name]) => name.toLowerCase() === lower)?.[1];
    }
    case 'query':
      return view.query?.[source.name];
    case 'stageVariable':
      return view.stageVariables?.[source.name];
    case 'context': {
      const value = source.name
        .split('.')
        .reduce<unknown>(
          (at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined),
          view.context,
        );
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : undefined;
    }
  }
}

const REST_PREFIX: Record<IdentitySourceKind, string> = {
  header: 'method.request.header.',
  query: 'method.request.querystring.',
  stageVariable: 'stageVariables.',
  context: 'context.',
};

const HTTP_PREFIX: Record<IdentitySourceKind, string> = {
  header: '$request.header.',
  query: '$request.querystring.',
  stageVariable: '$stageVariables.',
  context: '$context.',
};

/** How API Gateway names a source: `method.request.header.Auth` (REST API) or `$request.header.Auth` (HTTP API). */
export function describeSource(source: IdentitySource, api: 'rest' | 'http'): string {
  return `${(api === 'rest' ? REST_PREFIX : HTTP_PREFIX)[source.kind]}${source.name}`;
}

/** Reads an HTTP API identity source expression (`$request.header.Authorization`); undefined when it is not one. */
export function parseHttpIdentitySource(expression: string): IdentitySource | undefined {
  for (const [kind, prefix] of Object.entries(HTTP_PREFIX) as Array<[IdentitySourceKind, string]>) {
    if (expression.startsWith(prefix) && expression.length > prefix.length) {
      return { kind, name: expression.slice(prefix.length) };
    }
  }
  return undefined;
}
