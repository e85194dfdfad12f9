import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export interface ContextOptions {
  functionName: string;
  memoryLimitInMB?: number;
  timeoutSeconds?: number;
  region?: string;
  accountId?: string;
  awsRequestId?: string;
  logGroupName?: string;
}

const LOG_STREAM_DATE = (): string => new Date().toISOString().slice(0, 10).replaceAll('-', '/');

/** A Lambda-like invocation context whose remaining time counts down from the function's timeout. */
export function createLambdaContext(options: ContextOptions): Context {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '123456789012';
  const deadline = Date.now() + (options.timeoutSeconds ?? 3) * 1000;
  const unsupported = (): never => {
    throw new Error('The callback-style done/fail/succeed methods are not supported; return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:${accountId}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 128),
    awsRequestId: options.awsRequestId ?? randomUUID(),
    logGroupName: options.logGroupName ?? `/aws/lambda/${options.functionName}`,
    logStreamName: `${LOG_STREAM_DATE()}/[$LATEST]${randomUUID().replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
