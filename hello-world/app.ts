import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { greet, readName } from './greeting';
import { jsonResponse, responseHeaders } from './responses';

export type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

export interface Dependencies {
  logger: Logger;
  metrics: Metrics;
  /** The web origin allowed to read responses from a browser (CORS); none when undefined. */
  allowedOrigin: string | undefined;
}

/**
 * GET /hello[?name=…] behind an API Gateway REST API (Lambda proxy integration, payload v1).
 * Always resolves to a proxy result: 200 greeting, 400 for a bad request, 500 for anything unexpected.
 */
export function createHandler({ logger, metrics, allowedOrigin }: Dependencies): Handler {
  const headers = responseHeaders(allowedOrigin);

  // eslint-disable-next-line @typescript-eslint/require-await -- Lambda's Node runtime expects a handler that returns a promise; nothing here awaits
  return async (event, context) => {
    logger.addContext(context);
    metrics.captureColdStartMetric(context.functionName);
    let correlationId: string | undefined;
    try {
      // Inside the try: reading a malformed event can throw, and that must end in a 500, not a failed invocation.
      correlationId = apiRequestId(event);

      // Parse the request.
      const parsed = isObject(event)
        ? readName(event)
        : ({ ok: false, reason: 'Malformed request: expected an API Gateway proxy event object' } as const);
      if (!parsed.ok) {
        metrics.addMetric('RejectedRequests', MetricUnit.Count, 1);
        logHandled(logger, correlationId, 400, parsed.reason);
        return jsonResponse(400, { message: parsed.reason }, headers);
      }

      // Do the work.
      const message = greet(parsed.name);
      metrics.addDimension('greeting', parsed.name === undefined ? 'anonymous' : 'named');
      metrics.addMetric('GreetingsServed', MetricUnit.Count, 1);

      // Shape the response.
      logHandled(logger, correlationId, 200);
      return jsonResponse(200, { message }, headers);
    } catch (error) {
      logger.error('Request failed', { correlation_id: correlationId, error: error as Error });
      metrics.addMetric('InternalErrors', MetricUnit.Count, 1);
      return jsonResponse(500, { message: 'Internal server error', requestId: context.awsRequestId }, headers);
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}

// Built once per execution environment (Lambda's init phase) and reused by every invocation. Service name,
// namespace and log level come from the POWERTOOLS_* variables and ALLOWED_ORIGIN from the AllowedOrigin
// parameter, all set in template.yaml.
export const lambdaHandler = createHandler({
  logger: new Logger(),
  metrics: new Metrics(),
  allowedOrigin: process.env.ALLOWED_ORIGIN,
});

// Every key in the one call, so nothing from one request can linger into the next (appended keys would need a reset).
function logHandled(logger: Logger, correlationId: string | undefined, statusCode: number, reason?: string): void {
  logger.info('Request handled', { correlation_id: correlationId, reason, statusCode });
}

function isObject(event: unknown): event is Partial<APIGatewayProxyEvent> {
  return typeof event === 'object' && event !== null && !Array.isArray(event);
}

// API Gateway's request id, the id a caller can quote: the correlation id of the log line.
function apiRequestId(event: unknown): string | undefined {
  const requestId = (event as Partial<APIGatewayProxyEvent> | null)?.requestContext?.requestId;
  return typeof requestId === 'string' ? requestId : undefined;
}
