/** Records what is written to stdout and stderr (where Powertools' own Console writes) while fn runs. */
export async function captureOutput<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; stdout: string[]; stderr: string[] }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const record = (sink: string[]) =>
    ((chunk: string | Uint8Array): boolean => {
      sink.push(
        ...String(chunk)
          .split('\n')
          .filter((line) => line.length > 0),
      );
      return true;
    }) as typeof process.stdout.write;
  const outSpy = jest.spyOn(process.stdout, 'write').mockImplementation(record(stdout));
  const errSpy = jest.spyOn(process.stderr, 'write').mockImplementation(record(stderr));
  try {
    const result = await fn();
    return { result, stdout, stderr };
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
