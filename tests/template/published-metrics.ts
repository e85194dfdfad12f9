import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

/**
 * The EMF metrics the real function publishes, as CloudWatch will know them: namespace, metric name and each
 * dimension set with its values. Runs the template's handler (app.lambdaHandler) in this process, with the
 * environment the template gives it, on a named greeting, an anonymous one and a request that fails inside.
 */
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

const ROOT = join(__dirname, '..', '..');

function event(file: string): APIGatewayProxyEvent {
  return JSON.parse(readFileSync(join(ROOT, 'events', file), 'utf8')) as APIGatewayProxyEvent;
}

function context(functionName: string, awsRequestId: string): Context {
  return {
    functionName,
    functionVersion: '1',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${functionName}:live`,
    memoryLimitInMB: '256',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => 5000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An event whose reading throws inside the handler, the way an unexpected failure would. */
function failingEvent(): APIGatewayProxyEvent {
  const broken = event('hello.json');
  Object.defineProperty(broken, 'multiValueQueryStringParameters', {
    get: () => {
      throw new RangeError('boom');
    },
  });
  return broken;
}

/** Keys `namespace|metric|dim=value,dim=value` (dimensions sorted), one per metric and dimension set. */
export async function publishedMetrics(
  environment: Record<string, string>,
  functionName: string,
): Promise<Set<string>> {
  const saved = { ...process.env };
  // Lambda sets AWS_LAMBDA_INITIALIZATION_TYPE in every environment; Powertools counts a ColdStart only when it is
  // "on-demand" (a provisioned environment is not cold when it serves).
  Object.assign(process.env, environment, { AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand' });
  const lines: string[] = [];
  const record = ((chunk: string | Uint8Array): boolean => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  }) as typeof process.stdout.write;
  const out = jest.spyOn(process.stdout, 'write').mockImplementation(record);
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(record);
  try {
    let handler: Handler | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module reads this environment, as a new execution environment would
      handler = (require('../../hello-world/app') as { lambdaHandler: Handler }).lambdaHandler;
    });
    for (const [i, request] of [event('hello-name.json'), event('hello.json'), failingEvent()].entries()) {
      await handler?.(request, context(functionName, `request-${i}`));
    }
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env = saved;
  }
  const keys = new Set<string>();
  for (const line of lines) {
    const document = JSON.parse(line) as Record<string, unknown> & {
      _aws?: {
        CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }>;
      };
    };
    for (const directive of document._aws?.CloudWatchMetrics ?? []) {
      for (const { Name } of directive.Metrics) {
        for (const set of directive.Dimensions) {
          keys.add(metricKey(directive.Namespace, Name, Object.fromEntries(set.map((d) => [d, document[d]]))));
        }
      }
    }
  }
  return keys;
}

export function metricKey(namespace: unknown, metric: unknown, dimensions: Record<string, unknown>): string {
  const dims = Object.entries(dimensions)
    .map(([name, value]) => `${name}=${String(value)}`)
    .sort()
    .join(',');
  return `${String(namespace)}|${String(metric)}|${dims}`;
}
