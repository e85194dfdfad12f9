/** Records the lines written to stdout and stderr (where Powertools writes its logs and metrics) while fn runs. */
export async function captureOutput<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const record = (sink: string[]) =>
    ((chunk: string | Uint8Array): boolean => {
      sink.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    }) as typeof process.stdout.write;
  const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation(record(stdout));
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation(record(stderr));
  try {
    return { result: await fn(), stdout, stderr };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
}

export type JsonObject = Record<string, unknown>;

export function parseJsonLines(lines: string[]): JsonObject[] {
  return lines.map((line) => {
    try {
      return JSON.parse(line) as JsonObject;
    } catch {
      throw new Error(`Not a JSON line: ${line}`);
    }
  });
}

/** EMF documents carry an `_aws.CloudWatchMetrics` block; everything else is a log line. */
export function isEmf(document: JsonObject): boolean {
  return typeof document._aws === 'object' && document._aws !== null;
}

/** The metric names an EMF document declares. */
export function metricNames(document: JsonObject): string[] {
  const { CloudWatchMetrics } = document._aws as { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }> }> };
  return CloudWatchMetrics.flatMap((directive) => directive.Metrics.map((metric) => metric.Name));
}
