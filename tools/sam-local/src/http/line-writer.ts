/**
 * Writes lines to a stream in batches: one write per turn of the event loop instead of one per
 * line, which keeps terminal output off the request path under load. flush() writes what is pending
 * now (before the process exits).
 */
export function lineWriter(stream: NodeJS.WritableStream): { write: (line: string) => void; flush: () => void } {
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    const text = `${pending.join('\n')}\n`;
    pending = [];
    stream.write(text);
  };
  return {
    write: (line) => {
      if (pending.push(line) === 1) setImmediate(flush);
    },
    flush,
  };
}
