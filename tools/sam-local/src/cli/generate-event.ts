// sam-local generate-event (the starter's npm run event): the template-aware `sam local generate-event apigateway
// aws-proxy` (and `http-api-proxy`). Prints the complete event the local API builds for a request (REST proxy v1,
// or an HTTP API route's payload 2.0 or 1.0), or writes it to --out.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generateAnyAuthorizerEvent, generateAnyEvent } from '../http/generate-any-event';
import { parseParameterOverrides } from '../template/parameters';
import { loadTemplate } from '../template/template';
import { resolveRegion } from '../lambda/region';
import { eventJson } from '../api-gateway/event-json';

const USAGE = `Usage: sam-local generate-event <METHOD> <PATH-OR-URL> [-H 'Name: value']... [--body TEXT | --body-file FILE]
                          [--source-ip IP] [--template template.yaml] [--parameter-overrides 'Key=Value ...']
                          [--region us-east-1] [--out events/x.json] [--authorizer]
  sam-local generate-event GET '/dev/hello?name=Ada' -H 'Accept: application/json'
  sam-local generate-event GET /api/orders -H 'Authorization: allow' --authorizer
--authorizer prints the input event of the route's Lambda authorizer instead, as API Gateway sends it to the
authorizer function (a REST API's TOKEN or REQUEST authorizer; an HTTP API's, in its payload format 2.0 or 1.0).
For an HTTP API route the event is in the route's payload format (2.0, or 1.0). A path (/stage/resource?query)
is a request to the deployed API (https, port 443, its execute-api Host, client
203.0.113.10); a URL (http://127.0.0.1:3000/dev/hello) is a request to that server, as the local API sees it.
Exit codes: 0 written, 2 bad usage or a request no route of the template serves.`;

class UsageError extends Error {}

/** Resolves to the exit code. */
export function generateEventCommand(argv: string[]): Promise<number> {
  try {
    generate(argv);
    return Promise.resolve(0);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof UsageError ? `${message}\n${USAGE}` : `sam-local generate-event: ${message}`);
    return Promise.resolve(2);
  }
}

function generate(argv: string[]): void {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        header: { type: 'string', short: 'H', multiple: true },
        body: { type: 'string', short: 'd' },
        'body-file': { type: 'string' },
        'source-ip': { type: 'string' },
        template: { type: 'string', short: 't' },
        'parameter-overrides': { type: 'string' },
        region: { type: 'string' },
        out: { type: 'string', short: 'o' },
        authorizer: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [method, target, ...extra] = positionals;
  if (!method || !target) throw new UsageError('Give a method and a path or URL');
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(' ')}`);
  if (!/^[A-Za-z]+$/.test(method)) throw new UsageError(`"${method}" is not an HTTP method`);
  if (values.body !== undefined && values['body-file'] !== undefined) {
    throw new UsageError('Give --body or --body-file, not both');
  }

  const options = {
    loaded: loadTemplate(values.template ?? 'template.yaml', {
      ...(values['parameter-overrides']
        ? { parameterOverrides: parseParameterOverrides(values['parameter-overrides']) }
        : {}),
      region: resolveRegion(values.region).region,
    }),
    method,
    target,
    headers: (values.header ?? []).map(parseHeader),
    ...(values.body !== undefined ? { body: Buffer.from(values.body) } : {}),
    ...(values['body-file'] !== undefined ? { body: readBodyFile(values['body-file']) } : {}),
    ...(values['source-ip'] ? { sourceIp: values['source-ip'] } : {}),
  };
  if (values.authorizer) {
    write(eventJson(generateAnyAuthorizerEvent(options)), values.out, 'the authorizer event');
    return;
  }
  const { event } = generateAnyEvent(options);
  write(eventJson(event), values.out, describe(event));
}

function write(text: string, out: string | undefined, what: string): void {
  if (out) {
    writeFileSync(out, text);
    console.error(`Wrote ${out} (${what})`);
  } else {
    process.stdout.write(text);
  }
}

/** `PUT /test/files/a/b.txt → /files/{proxy+}` (REST, 1.0) or `GET /items/1 → GET /items/{id}` (2.0). */
function describe(event: ReturnType<typeof generateAnyEvent>['event']): string {
  if ('httpMethod' in event) return `${event.httpMethod} ${event.requestContext.path} → ${event.resource}`;
  return `${event.requestContext.http.method} ${event.rawPath} → ${event.routeKey}`;
}

// `Name: value`, as curl's -H takes it.
function parseHeader(text: string): [string, string] {
  const at = text.indexOf(':');
  const name = at < 0 ? '' : text.slice(0, at).trim();
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`Header "${text}" is not "Name: value"`);
  return [name, text.slice(at + 1).trim()];
}

function readBodyFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw new UsageError(`Cannot read --body-file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
