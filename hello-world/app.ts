import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { greet, readName } from './greeting';
import { createObservability, observability, type Observability } from './observability';
import { jsonResponse } from './responses';
import { warmUp } from './warm-up';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * GET /hello[?name=…] behind an API Gateway REST API (Lambda proxy integration, payload v1).
 * Always resolves to a proxy result: 200 greeting, 400 for a bad request, 500 for anything unexpected.
 */
export function createHandler(obs: Observability): Handler {
  const { logger, metrics } = obs;
  // eslint-disable-next-line @typescript-eslint/require-await -- Lambda's Node runtime expects a handler that returns a promise; nothing here awaits
  return async (event, context) => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    try {
      // Inside the try: reading the event can throw, and that must end in a 500, not a rejected invocation.
      logger.setCorrelationId(apiRequestId(event));
      const response = handleRequest(event, obs);
      logger.info('Request handled', { statusCode: response.statusCode });
      return response;
    } catch (error) {
      logger.error('Request failed', error as Error);
      metrics.addMetric('InternalErrors', MetricUnit.Count, 1);
      return jsonResponse(500, { message: 'Internal server error', requestId: context.awsRequestId });
    } finally {
      metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}

export const lambdaHandler = createHandler(observability);

// Lambda's init phase: run every first-use cost of a request now, on a handler with its own Logger and Metrics,
// so the first real invocation starts warm and the real instances still report the cold start.
warmUp(createHandler(createObservability()));

function handleRequest(event: unknown, { metrics, logger }: Observability): APIGatewayProxyResult {
  // Parse the request.
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return badRequest('Malformed request: expected an API Gateway proxy event object', { metrics, logger });
  }
  const parsed = readName(event);
  if (!parsed.ok) return badRequest(parsed.reason, { metrics, logger });

  // Do the work.
  const message = greet(parsed.name);
  metrics.addDimension('greeting', parsed.name === undefined ? 'anonymous' : 'named');
  metrics.addMetric('GreetingsServed', MetricUnit.Count, 1);

  // Shape the response.
  return jsonResponse(200, { message });
}

function badRequest(reason: string, { metrics, logger }: Observability): APIGatewayProxyResult {
  metrics.addMetric('RejectedRequests', MetricUnit.Count, 1);
  logger.appendKeys({ reason });
  return jsonResponse(400, { message: reason });
}

function apiRequestId(event: unknown): string | undefined {
  const requestId = (event as Partial<APIGatewayProxyEvent> | null)?.requestContext?.requestId;
  return typeof requestId === 'string' ? requestId : undefined;
}
