import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

// Created once per execution environment (Lambda's init phase), reused by every invocation.
// Service name, namespace and log level come from POWERTOOLS_* variables set in template.yaml.
export const logger = new Logger();
export const metrics = new Metrics();
