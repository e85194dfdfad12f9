import type { InvokeOutcome } from './runtime';

/** Why an invocation gave no result, for the terminal (every event source says it the same way). */
export function describeFailure(functionId: string, outcome: Exclude<InvokeOutcome, { kind: 'result' }>): string {
  switch (outcome.kind) {
    case 'error':
      return `${functionId} failed: ${outcome.errorType}: ${outcome.errorMessage}`;
    case 'timeout':
      return `${functionId} timed out after ${outcome.timeoutSeconds.toFixed(2)} seconds (the template's Timeout)`;
    case 'crash':
      return `${functionId}: ${outcome.reason}; a fresh environment serves the next request`;
    case 'unavailable':
      return `${functionId} cannot run: ${outcome.reason}`;
  }
}
