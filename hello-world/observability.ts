import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export interface Observability {
  logger: Logger;
  metrics: Metrics;
}

/** Service name, namespace and log level come from POWERTOOLS_* variables set in template.yaml. */
export function createObservability(): Observability {
  return { logger: new Logger(), metrics: new Metrics() };
}

// Created once per execution environment (Lambda's init phase), reused by every invocation.
export const observability = createObservability();
