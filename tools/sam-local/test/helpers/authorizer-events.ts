// For the `generate-event --authorizer` suites: the event a served request hands a fixture's authorizer (which prints
// `event <json>`), and events compared without what differs from request to request.
import { httpRequest, type RunningApi } from './local-api';

export async function servedAuthorizerEvent(
  running: RunningApi,
  path: string,
  headers: Array<[string, string]>,
): Promise<Record<string, unknown>> {
  const before = running.output.length;
  await httpRequest(running.api.url, path, { headers });
  const line = running.output.slice(before).find((l) => l.startsWith('[AuthorizerFunction] event '));
  if (!line) throw new Error(`the authorizer printed no event for ${path}: ${running.output.slice(before).join('\n')}`);
  return JSON.parse(line.slice('[AuthorizerFunction] event '.length)) as Record<string, unknown>;
}

// Ids, times and the trace differ from request to request.
const VARYING = ['requestId', 'extendedRequestId', 'requestTime', 'requestTimeEpoch', 'time', 'timeEpoch'];

export function withoutIdsAndTimes(event: Record<string, unknown>): unknown {
  return JSON.parse(
    JSON.stringify(event, (key, value: unknown) =>
      VARYING.includes(key) || key.toLowerCase() === 'x-amzn-trace-id' ? '…' : value,
    ),
  );
}
