/**
 * Writes lines to a stream in batches: one write per turn of the event loop instead of one per
 * line, which keeps terminal output off the request path under load.
 */
export function lineWriter(stream: NodeJS.WritableStream): (line: string) => void {
  let pending: string[] = [];
  const flush = (): void => {
    const text = `${pending.join('\n')}\n`;
    pending = [];
    stream.write(text);
  };
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}
