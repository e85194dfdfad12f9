import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import type { Context } from 'aws-lambda';
import { createHandler, type Handler } from '../../hello-world/app';

/** What template.yaml gives HelloWorldFunction (the bundle test runs the built function with the template's own values). */
export const HELLO = {
  functionName: 'HelloWorldFunction',
  serviceName: 'hello-world',
  namespace: 'SamHelloApi',
  allowedOrigin: '*',
} as const;

/**
 * A handler in a new execution environment: fresh Logger and Metrics, so its first invocation is a cold start
 * (tests/setup/lambda-environment.ts sets AWS_LAMBDA_INITIALIZATION_TYPE as Lambda does).
 */
export function freshHandler({ allowedOrigin }: { allowedOrigin?: string } = HELLO): Handler {
  const { serviceName, namespace } = HELLO;
  return createHandler({
    logger: new Logger({ serviceName }),
    metrics: new Metrics({ namespace, serviceName }),
    allowedOrigin,
  });
}

/** A fixed invocation context, as Lambda passes it to HelloWorldFunction. */
export function helloContext(overrides: Partial<Context> = {}): Context {
  const fail = (): never => {
    throw new Error('callback-style context methods are not used by this function');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: HELLO.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${HELLO.functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
    logGroupName: `/aws/lambda/sam-hello-api-${HELLO.functionName}`,
    logStreamName: '2026/12/03/[$LATEST]abcdef0123456789abcdef0123456789',
    getRemainingTimeInMillis: () => 5000,
    done: fail,
    fail,
    succeed: fail,
    ...overrides,
  };
}
