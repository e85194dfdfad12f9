// The starter's own capture helpers: the bench measures the starter's function, so it reads its output the same way.
import { isEmf, type JsonObject } from '../../../../tests/helpers/capture-output';

export { captureOutput, isEmf, parseJsonLines, type JsonObject } from '../../../../tests/helpers/capture-output';

/** The metric names an EMF document declares. */
export function metricNames(document: JsonObject): string[] {
  if (!isEmf(document)) return [];
  const { CloudWatchMetrics } = document._aws as { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }> }> };
  return CloudWatchMetrics.flatMap((directive) => directive.Metrics.map((metric) => metric.Name));
}
