import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { greet, readName } from './greeting';
import { logger, metrics } from './observability';
import { jsonResponse } from './responses';

/**
 * GET /hello[?name=…] behind an API Gateway REST API (Lambda proxy integration, payload v1).
 * Always resolves to a proxy result: 200 greeting, 400 for a bad request, 500 for anything unexpected.
 */
// eslint-disable-next-line @typescript-eslint/require-await -- Lambda's Node runtime expects a handler that returns a promise; nothing here awaits
export const lambdaHandler = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  logger.addContext(context);
  metrics.captureColdStartMetric(context.functionName);
  try {
    // Inside the try: reading the event can throw, and that must end in a 500, not a rejected invocation.
    logger.setCorrelationId(apiRequestId(event));
    const response = handleRequest(event);
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

function handleRequest(event: unknown): APIGatewayProxyResult {
  // Parse the request.
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return badRequest('Malformed request: expected an API Gateway proxy event object');
  }
  const parsed = readName(event);
  if (!parsed.ok) return badRequest(parsed.reason);

  // Do the work.
  const message = greet(parsed.name);
  metrics.addDimension('greeting', parsed.name === undefined ? 'anonymous' : 'named');
  metrics.addMetric('GreetingsServed', MetricUnit.Count, 1);

  // Shape the response.
  return jsonResponse(200, { message });
}

function badRequest(reason: string): APIGatewayProxyResult {
  metrics.addMetric('RejectedRequests', MetricUnit.Count, 1);
  logger.appendKeys({ reason });
  return jsonResponse(400, { message: reason });
}

function apiRequestId(event: unknown): string | undefined {
  const requestId = (event as Partial<APIGatewayProxyEvent> | null)?.requestContext?.requestId;
  return typeof requestId === 'string' ? requestId : undefined;
}
