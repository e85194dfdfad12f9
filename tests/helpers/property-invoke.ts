import type { APIGatewayProxyResult } from 'aws-lambda';
import { captureOutput } from './capture-output';
import { freshHandler, helloContext } from './handler';

export interface Invocation {
  result: APIGatewayProxyResult;
  awsRequestId: string;
  /** Everything Powertools wrote to stdout and stderr during the invocation, one entry per line. */
  lines: string[];
}

/**
 * One execution environment of the function, invoked in-process with its output captured (so thousands of
 * generated events keep the jest log readable). Each call gets its own request id; a rejection or a change to
 * Object.prototype fails the property with a message that says so.
 */
export function propertyInvoker(): (event: unknown) => Promise<Invocation> {
  const handler = freshHandler();
  const context = helloContext();
  let count = 0;
  return async (event) => {
    const awsRequestId = `property-request-${++count}`;
    const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).join();
    let captured: Awaited<ReturnType<typeof captureOutput<APIGatewayProxyResult>>>;
    try {
      captured = await captureOutput(() => handler(event as never, { ...context, awsRequestId }));
    } catch (error) {
      throw new Error(`The handler rejected instead of answering: ${String(error)}`, { cause: error });
    }
    if (Object.getOwnPropertyNames(Object.prototype).join() !== prototypeKeys) {
      throw new Error(`Object.prototype was changed: ${Object.getOwnPropertyNames(Object.prototype).join()}`);
    }
    return { result: captured.result, awsRequestId, lines: [...captured.stdout, ...captured.stderr] };
  };
}
