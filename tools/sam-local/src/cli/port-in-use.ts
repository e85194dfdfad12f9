// A port another process holds, said with how to pick another, instead of Node's bare EADDRINUSE.

/** Rethrows EADDRINUSE on one of `ports` (port → how to change it) as a message naming the flag; else as it is. */
export function explainPortInUse(error: unknown, ports: Record<number, string>): never {
  const failure = error as NodeJS.ErrnoException & { port?: number };
  const how = failure.port === undefined ? undefined : ports[failure.port];
  if (failure.code !== 'EADDRINUSE' || how === undefined) throw error;
  throw new Error(
    `port ${failure.port} is already in use (another sam-local, or another server). ` +
      `Pick another port with ${how}, or stop whatever holds ${failure.port}.`,
    { cause: error },
  );
}
