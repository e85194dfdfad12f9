// A streaming handler (awslambda.streamifyResponse) behind an API Gateway route: the Lambda proxy integration
// invokes it with Invoke and reads the bytes it wrote as its result (docs/conformance.md, response streaming).
// API Gateway's own response streaming (ResponseTransferMode STREAM, InvokeWithResponseStream) is not emulated: one
// line per function says so, the first time it answers.
import type { InvokeOutcome } from '../lambda/runtime';

export function streamedResultNote(
  source: string,
  log: (line: string) => void,
): (functionId: string, outcome: InvokeOutcome) => void {
  const told = new Set<string>();
  return (functionId, outcome) => {
    if (outcome.kind !== 'result' || !outcome.streamed || told.has(functionId)) return;
    told.add(functionId);
    log(
      `${functionId} streams its response (awslambda.streamifyResponse): the ${source}'s Lambda proxy integration ` +
        'invokes it with Invoke and reads the bytes it wrote as its result; response streaming through API Gateway ' +
        '(ResponseTransferMode STREAM) is not emulated',
    );
  };
}
