import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { greet, readName } from './greeting';
import { observability, type Observability } from './observability';
import { jsonResponse } from './responses';
import { WARM_UP_EVENT, warmUp } from './warm-up';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

interface Outcome {
  response: APIGatewayProxyResult;
  /** Why a request was refused, for the log line. */
  reason?: string;
}

/**
 * GET /hello[?name=…] behind an API Gateway REST API (Lambda proxy integration, payload v1).
 * Always resolves to a proxy result: 200 greeting, 400 for a bad request, 500 for anything unexpected.
 */
export function createHandler({ logger, metrics }: Observability): Handler {
  // eslint-disable-next-line @typescript-eslint/require-await -- Lambda's Node runtime expects a handler that returns a promise; nothing here awaits
  return async (event, context) => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    let correlationId: string | undefined;
    try {
      // Inside the try: reading the event can throw, and that must end in a 500, not a rejected invocation.
      correlationId = apiRequestId(event);
      const outcome = handleRequest(event, metrics);
      logHandled(logger, correlationId, outcome);
      return outcome.response;
    } catch (error) {
      logger.error('Request failed', { correlation_id: correlationId, error: error as Error });
      metrics.addMetric('InternalErrors', MetricUnit.Count, 1);
      return jsonResponse(500, { message: 'Internal server error', requestId: context.awsRequestId });
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

export const lambdaHandler = createHandler(observability);

// Lambda's init phase: a request's work, output discarded, on the real Logger and Metrics, so the first invocation
// finds it compiled and set up. Only Logger.addContext and Metrics.captureColdStartMetric are left out: they read
// (and clear) the cold-start state, which must mark the first real invocation. Once: a second run costs more at
// init than it takes off the first invocation (bench/extras.ts measures the warm-up's trade-off).
warmUp(() => {
  logHandled(observability.logger, 'warm-up', handleRequest(WARM_UP_EVENT, observability.metrics));
  observability.metrics.publishStoredMetrics();
});

// Every key in the one call: setCorrelationId/appendKeys and resetKeys would add three Logger calls, each merging
// attribute maps, to every request.
function logHandled(logger: Logger, correlationId: string | undefined, { response, reason }: Outcome): void {
  logger.info('Request handled', { correlation_id: correlationId, reason, statusCode: response.statusCode });
}

function handleRequest(event: unknown, metrics: Metrics): Outcome {
  // Parse the request.
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return badRequest('Malformed request: expected an API Gateway proxy event object', metrics);
  }
  const parsed = readName(event);
  if (!parsed.ok) return badRequest(parsed.reason, metrics);

  // Do the work.
  const message = greet(parsed.name);
  metrics.addDimension('greeting', parsed.name === undefined ? 'anonymous' : 'named');
  metrics.addMetric('GreetingsServed', MetricUnit.Count, 1);

  // Shape the response.
  return { response: jsonResponse(200, { message }) };
}

function badRequest(reason: string, metrics: Metrics): Outcome {
  metrics.addMetric('RejectedRequests', MetricUnit.Count, 1);
  return { response: jsonResponse(400, { message: reason }), reason };
}

function apiRequestId(event: unknown): string | undefined {
  const requestId = (event as Partial<APIGatewayProxyEvent> | null)?.requestContext?.requestId;
  return typeof requestId === 'string' ? requestId : undefined;
}
