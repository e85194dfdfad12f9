import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';

// The required-work floor: the work every request must do by this project's requirements, and nothing else.
// Logger and Metrics constructed at module load; per invocation one INFO line, the ColdStart metric (first
// invocation only) and one business metric; the same JSON the project returns for a greeting.
const logger = new Logger();
const metrics = new Metrics();

// eslint-disable-next-line @typescript-eslint/require-await -- Lambda's Node runtime expects a handler that returns a promise; nothing here awaits
export const lambdaHandler = async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
  metrics.captureColdStartMetric(context.functionName);
  logger.info('Request handled');
  metrics.addMetric('GreetingsServed', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message: `Hello, ${event.queryStringParameters?.name ?? 'World'}!` }),
  };
};
