import { Writable } from 'node:stream';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * Invokes a handler built on throw-away Logger and Metrics instances during module load (Lambda's init phase),
 * its stdout discarded. V8 compiles each function on its first call and Powertools builds its objects on first use;
 * doing that here takes those costs out of the first real invocation. The handler's work is synchronous, so all
 * its output has been written, and dropped, when each call returns.
 */
export function warmUp(handler: Handler): void {
  // A greeting reaches every function a request calls (a refusal differs only in its strings).
  withStdoutDiscarded(() => void handler(sampleEvent('Warm Up'), sampleContext()));
  // An empty write goes down to the file descriptor and prints nothing: that path is warm too.
  process.stdout.write('');
}

// Into a stream that drops what it gets, so Node's stream code runs as it will for a real line.
function withStdoutDiscarded(fn: () => void): void {
  const stdout = process.stdout;
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const own = Object.getOwnPropertyDescriptor(stdout, 'write');
  stdout.write = discard.write.bind(discard) as typeof stdout.write;
  try {
    fn();
  } finally {
    if (own) Object.defineProperty(stdout, 'write', own);
    else delete (stdout as Partial<typeof stdout>).write;
  }
}

// Only what the handler reads.
function sampleEvent(name: string): APIGatewayProxyEvent {
  return {
    queryStringParameters: { name },
    multiValueQueryStringParameters: { name: [name] },
    requestContext: { requestId: 'warm-up' },
  } as unknown as APIGatewayProxyEvent;
}

function sampleContext(): Context {
  return {
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    invokedFunctionArn: 'warm-up',
    awsRequestId: 'warm-up',
  } as Context;
}
