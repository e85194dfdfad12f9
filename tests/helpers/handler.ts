import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createLambdaContext } from '../../scripts/lib/lambda-context';
import { helloEnvironment, helloFunction } from './project';

type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

/**
 * Loads hello-world/app.ts in a fresh module registry (a new execution environment: Powertools
 * is constructed again and the next invocation is a cold start), with the environment
 * template.yaml gives the function.
 */
export function loadFreshHandler(): Handler {
  Object.assign(process.env, helloEnvironment());
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh copy per environment needs require
    handler = (require('../../hello-world/app') as { lambdaHandler: Handler }).lambdaHandler;
  });
  if (!handler) throw new Error('hello-world/app did not export lambdaHandler');
  return handler;
}

export function helloContext(overrides: Partial<Context> = {}): Context {
  const fn = helloFunction();
  return {
    ...createLambdaContext({
      functionName: fn.logicalId,
      memoryLimitInMB: fn.memorySize,
      timeoutSeconds: fn.timeoutSeconds,
    }),
    ...overrides,
  };
}
