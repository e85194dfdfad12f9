import { LAMBDA_RESPONSE_LIMIT_BYTES } from './payload-limits';
import type { InvokeOutcome } from './runtime';

export interface InvocationPayload {
  /**
   * The response payload as Lambda's Invoke API returns it: the function's result as JSON, or Lambda's error object;
   * for a streaming handler (awslambda.streamifyResponse) the bytes it wrote, as they are.
   */
  payload: string | Buffer;
  /** Lambda's X-Amz-Function-Error header: present when the function failed. */
  functionError?: 'Unhandled';
}

/**
 * What Lambda answers for one invocation's outcome, in the shape of its Invoke API: the result as JSON, or for a
 * failure `{errorType, errorMessage, trace}` (the Node runtime's error object) with X-Amz-Function-Error. Both
 * `sam-local invoke` and the invoke endpoint print exactly this.
 */
export function invocationPayload(outcome: InvokeOutcome): InvocationPayload {
  switch (outcome.kind) {
    case 'result': {
      // Invoke (RequestResponse) of a streaming function returns its collected bytes (docs: "Invoking a response
      // streaming enabled function using Lambda function URLs": it can still be invoked with Invoke, without
      // streaming); that they come as they were written is this toolkit's choice (docs/conformance.md).
      const payload = outcome.streamed ? outcome.streamed.body : JSON.stringify(outcome.result);
      const bytes = Buffer.byteLength(payload);
      if (bytes <= LAMBDA_RESPONSE_LIMIT_BYTES) return { payload };
      return failed(
        'Function.ResponseSizeTooLarge',
        `Response payload size (${bytes} bytes) exceeded maximum allowed payload size (${LAMBDA_RESPONSE_LIMIT_BYTES} bytes).`,
      );
    }
    case 'error':
      return {
        payload: JSON.stringify({
          errorType: outcome.errorType,
          errorMessage: outcome.errorMessage,
          trace: outcome.stackTrace,
        }),
        functionError: 'Unhandled',
      };
    case 'timeout':
      return failed('Sandbox.Timedout', `Task timed out after ${outcome.timeoutSeconds.toFixed(2)} seconds`);
    case 'crash':
    case 'unavailable':
      return failed('Runtime.ExitError', outcome.reason);
  }
}

function failed(errorType: string, errorMessage: string): InvocationPayload {
  return { payload: JSON.stringify({ errorType, errorMessage }), functionError: 'Unhandled' };
}
