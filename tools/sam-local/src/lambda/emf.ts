/**
 * One compact terminal line for a CloudWatch embedded metric format (EMF) document, the JSON line Powertools Metrics
 * prints per publish, e.g. `metrics SamHelloApi: GreetingsServed=1 Count (service=hello-world, greeting=named)`.
 * Undefined for any other line. Format: docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/
 * CloudWatch_Embedded_Metric_Format_Specification.html.
 */
export function compactMetrics(line: string): string | undefined {
  if (!line.startsWith('{') || !line.includes('"CloudWatchMetrics"')) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof document !== 'object' || document === null) return undefined;
  const values = document as Record<string, unknown>;
  const directives = (values._aws as { CloudWatchMetrics?: unknown } | undefined)?.CloudWatchMetrics;
  if (!Array.isArray(directives)) return undefined;
  return directives
    .map((directive: { Namespace?: unknown; Dimensions?: unknown; Metrics?: unknown }) => {
      const metrics = (Array.isArray(directive.Metrics) ? directive.Metrics : []) as Array<{
        Name?: unknown;
        Unit?: unknown;
      }>;
      const measured = metrics
        .map(({ Name, Unit }) => {
          const value = values[String(Name)];
          const shown = Array.isArray(value) ? value.join('+') : String(value);
          const unit = typeof Unit === 'string' && Unit !== 'None' ? ` ${Unit}` : '';
          return `${String(Name)}=${shown}${unit}`;
        })
        .join(', ');
      const names = new Set((Array.isArray(directive.Dimensions) ? directive.Dimensions : []).flat().map(String));
      const dimensions = [...names].map((name) => `${name}=${String(values[name])}`).join(', ');
      return `metrics ${String(directive.Namespace)}: ${measured}${dimensions ? ` (${dimensions})` : ''}`;
    })
    .join('\n');
}
