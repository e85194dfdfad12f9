import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

export interface Observability {
  logger: Logger;
  metrics: Metrics;
}

// Created once per execution environment (Lambda's init phase), reused by every invocation.
// Service name, namespace and log level come from POWERTOOLS_* variables set in template.yaml.
export const observability: Observability = { logger: new Logger(), metrics: new Metrics() };
