// One request to Lambda's Invoke API (POST /2015-03-31/functions/{FunctionName}/invocations), answered the way
// the Lambda service answers it (https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html): 200 with the
// payload for RequestResponse, 202 for Event (the invocation then runs in the background), 204 for DryRun.
import { randomUUID } from 'node:crypto';
import { printable } from '../http/printable';
import { invocationPayload } from '../lambda/invoke-payload';
import { LAMBDA_EVENT_REQUEST_LIMIT_BYTES, LAMBDA_REQUEST_LIMIT_BYTES } from '../lambda/payload-limits';
import type { FunctionPool } from '../lambda/pool';
import type { InvokeOutcome } from '../lambda/runtime';
import type { InvokableFunction } from './function-directory';
import { FUNCTION_NAME_PATTERN, functionArn, parseFunctionName, type FunctionReference } from './function-name';
import { errorBody, serviceError, type ServiceError } from './service-errors';

export interface InvokeRequest {
  method: string;
  /** The request target (path and query) as sent. */
  target: string;
  /** Header lookup, case-insensitive. */
  header: (name: string) => string | undefined;
  /** The body, kept up to a little over the largest payload Invoke accepts. */
  body: Buffer;
  /** The body's full size in bytes, also when more was sent than was kept. */
  bodySize: number;
}

export interface InvokeResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string | Buffer;
}

export interface InvokeDependencies {
  find: (name: string) => InvokableFunction | undefined;
  pool: (functionId: string) => FunctionPool | undefined;
  region: string;
  accountId: string;
  /** One line per invocation and per rejected request. */
  log: (line: string) => void;
  /** Receives each Event invocation's promise, so closing can wait for them. */
  background: (running: Promise<unknown>) => void;
}

const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;
// InvokeWithResponseStream (https://docs.aws.amazon.com/lambda/latest/api/API_InvokeWithResponseStream.html): its
// answer is an event stream of payload chunks, not served here; Invoke returns a streaming function's whole response.
const INVOKE_WITH_RESPONSE_STREAM_PATH = /^\/2021-11-15\/functions\/[^/]+\/response-streaming-invocations$/;
const INVOCATION_TYPES = ['RequestResponse', 'Event', 'DryRun'] as const;
type InvocationType = (typeof INVOCATION_TYPES)[number];

export async function handleInvoke(request: InvokeRequest, deps: InvokeDependencies): Promise<InvokeResponse> {
  const requestId = randomUUID();
  const checked = checkRequest(request, deps);
  if ('statusCode' in checked) {
    // The message may quote the decoded function name: every control character (line breaks too) is escaped.
    deps.log(
      printable(
        `${checked.statusCode} ${checked.errorType} for ${request.method} ${request.target}: ${checked.message}`,
      ),
    );
    return errorResponse(checked, requestId);
  }
  const { functionId, pool, invocationType, event } = checked;
  if (invocationType === 'DryRun') return { statusCode: 204, headers: { 'x-amzn-RequestId': requestId }, body: '' };

  if (invocationType === 'Event') {
    const running = pool.invoke(event, requestId).then((outcome) => {
      deps.log(`Event invocation of ${functionId} (${requestId}) ${describe(outcome)}`);
    });
    deps.background(running);
    return { statusCode: 202, headers: { 'x-amzn-RequestId': requestId }, body: '' };
  }

  const started = process.hrtime.bigint();
  const outcome = await pool.invoke(event, requestId);
  const ms = (Number(process.hrtime.bigint() - started) / 1e6).toFixed(1);
  deps.log(`Invoke ${functionId} (${requestId}) ${describe(outcome)} in ${ms}ms`);
  const { payload, functionError } = invocationPayload(outcome);
  return {
    statusCode: 200,
    headers: {
      'Content-Type': 'application/json',
      'x-amzn-RequestId': requestId,
      'X-Amz-Executed-Version': '$LATEST',
      ...(functionError ? { 'X-Amz-Function-Error': functionError } : {}),
    },
    body: payload,
  };
}

type CheckedRequest = {
  functionId: string;
  pool: FunctionPool;
  invocationType: InvocationType;
  event: unknown;
};

function checkRequest(request: InvokeRequest, deps: InvokeDependencies): CheckedRequest | ServiceError {
  const queryAt = request.target.indexOf('?');
  const path = queryAt < 0 ? request.target : request.target.slice(0, queryAt);
  const query = new URLSearchParams(queryAt < 0 ? '' : request.target.slice(queryAt + 1));
  const pathMatch = INVOKE_PATH.exec(path);
  if (INVOKE_WITH_RESPONSE_STREAM_PATH.test(path)) {
    return serviceError(
      501,
      'NotImplementedException',
      `${request.method} ${path}: InvokeWithResponseStream is not served by this local endpoint; call Invoke ` +
        "(POST /2015-03-31/functions/{FunctionName}/invocations), which returns a streaming function's whole response",
      'LocalService',
    );
  }
  if (!pathMatch?.[1]) {
    return serviceError(
      404,
      'UnknownOperationException',
      `${request.method} ${path}: this local endpoint serves Lambda's Invoke operation only (POST /2015-03-31/functions/{FunctionName}/invocations)`,
      'LocalService',
    );
  }
  if (request.method !== 'POST') {
    return serviceError(405, 'MethodNotAllowedException', `Invoke takes POST, not ${request.method}`, 'LocalService');
  }

  let nameText: string;
  try {
    nameText = decodeURIComponent(pathMatch[1]);
  } catch {
    nameText = pathMatch[1];
  }
  const reference = parseFunctionName(nameText);
  if (!reference) {
    return serviceError(
      400,
      'ValidationException',
      `1 validation error detected: Value '${nameText}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`,
    );
  }
  const qualifier = query.get('Qualifier') ?? undefined;
  if (qualifier !== undefined && reference.qualifier !== undefined && qualifier !== reference.qualifier) {
    return serviceError(
      400,
      'InvalidParameterValueException',
      'The derived qualifier from the function name does not match the specified qualifier.',
    );
  }
  const wanted: FunctionReference = { ...reference, ...(qualifier !== undefined ? { qualifier } : {}) };
  const found = deps.find(wanted.name);
  const pool = found ? deps.pool(found.functionId) : undefined;
  if (!found || !pool || (wanted.qualifier !== undefined && !found.qualifiers.has(wanted.qualifier))) {
    return serviceError(
      404,
      'ResourceNotFoundException',
      `Function not found: ${functionArn(deps.region, deps.accountId, wanted)}`,
    );
  }

  const invocationType = request.header('X-Amz-Invocation-Type') ?? 'RequestResponse';
  if (!isInvocationType(invocationType)) {
    return serviceError(
      400,
      'ValidationException',
      `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [${INVOCATION_TYPES.join(', ')}]`,
    );
  }
  const limit = invocationType === 'Event' ? LAMBDA_EVENT_REQUEST_LIMIT_BYTES : LAMBDA_REQUEST_LIMIT_BYTES;
  if (request.bodySize > limit) {
    return serviceError(
      413,
      'RequestEntityTooLargeException',
      invocationType === 'Event'
        ? `${request.bodySize} byte payload is too large for the Event invocation type (limit ${limit} bytes)`
        : `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
    );
  }
  // No payload is an empty object, as `sam local start-lambda` passes it.
  const text = request.body.length === 0 ? '{}' : request.body.toString('utf8');
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch (error) {
    return serviceError(
      400,
      'InvalidRequestContentException',
      `Could not parse request body into json: ${(error as Error).message}`,
    );
  }
  return { functionId: found.functionId, pool, invocationType, event };
}

function isInvocationType(value: string): value is InvocationType {
  return (INVOCATION_TYPES as readonly string[]).includes(value);
}

function errorResponse(error: ServiceError, requestId: string): InvokeResponse {
  return {
    statusCode: error.statusCode,
    headers: { 'Content-Type': 'application/json', 'x-amzn-ErrorType': error.errorType, 'x-amzn-RequestId': requestId },
    body: errorBody(error),
  };
}

function describe(outcome: InvokeOutcome): string {
  switch (outcome.kind) {
    case 'result':
      return 'succeeded';
    case 'error':
      return `failed: ${outcome.errorType}: ${outcome.errorMessage}`;
    case 'timeout':
      return `timed out after ${outcome.timeoutSeconds.toFixed(2)} seconds`;
    case 'crash':
    case 'unavailable':
      return `failed: ${outcome.reason}`;
  }
}
