import { Writable } from 'node:stream';
import type { APIGatewayProxyEvent } from 'aws-lambda';

/** A greeting request: only the fields the handler reads. */
export const WARM_UP_EVENT = {
  queryStringParameters: { name: 'Warm Up' },
  multiValueQueryStringParameters: { name: ['Warm Up'] },
  requestContext: { requestId: 'warm-up' },
} as unknown as APIGatewayProxyEvent;

/**
 * Runs `work` during module load (Lambda's init phase) with stdout discarded. V8 compiles each function on its
 * first call, and Powertools and Node's streams set themselves up on first use; doing that here takes those costs
 * out of the first real invocation. `work` must be synchronous, so all its output is written, and dropped, before
 * stdout is restored.
 */
export function warmUp(work: () => void): void {
  const stdout = process.stdout;
  // A stream that drops what it gets, so Node's stream code runs as it will for a real line.
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  const own = Object.getOwnPropertyDescriptor(stdout, 'write');
  stdout.write = discard.write.bind(discard) as typeof stdout.write;
  try {
    work();
  } finally {
    if (own) Object.defineProperty(stdout, 'write', own);
    else delete (stdout as Partial<typeof stdout>).write;
  }
  // An empty write goes down to the file descriptor and prints nothing: that path is warm too.
  stdout.write('');
}
