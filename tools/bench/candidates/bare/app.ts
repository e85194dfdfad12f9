import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

// The floor of Node itself: no dependencies, no logging, no metrics; the same JSON the project returns for a greeting.
// eslint-disable-next-line @typescript-eslint/require-await -- Lambda's Node runtime expects a handler that returns a promise; nothing here awaits
export const lambdaHandler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => ({
  statusCode: 200,
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ message: `Hello, ${event.queryStringParameters?.name ?? 'World'}!` }),
});
