import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { createHandler, type Handler } from '../../../../hello-world/app';
import { EVENTS_DIR } from '../../lib/paths';

const FUNCTION_NAME = 'HelloWorldFunction';

/** The project's handler in a new execution environment: fresh Powertools, so its first invocation is a cold start. */
export function projectHandler(): Handler {
  return createHandler({
    logger: new Logger({ serviceName: 'hello-world' }),
    metrics: new Metrics({ namespace: 'SamHelloApi', serviceName: 'hello-world' }),
    allowedOrigin: '*',
  });
}

/** A fixed invocation context, as Lambda passes it to the function. */
export function lambdaContext(): Context {
  const unused = (): never => {
    throw new Error('callback-style context methods are not used by these handlers');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: FUNCTION_NAME,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${FUNCTION_NAME}`,
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/${FUNCTION_NAME}`,
    logStreamName: '2026/12/03/[$LATEST]abcdef0123456789abcdef0123456789',
    getRemainingTimeInMillis: () => 5000,
    done: unused,
    fail: unused,
    succeed: unused,
  };
}

export function loadEvent(file: string): APIGatewayProxyEvent {
  return JSON.parse(readFileSync(join(EVENTS_DIR, file), 'utf8')) as APIGatewayProxyEvent;
}
