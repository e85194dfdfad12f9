import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  url: string;
  close: () => Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 at a free port. */
export async function startLoopbackServer(listener: RequestListener): Promise<LoopbackServer> {
  const server: Server = createServer(listener);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A loopback URL nothing listens on: a server's port, freed again. */
export async function closedLoopbackUrl(): Promise<string> {
  const server = await startLoopbackServer((_, res) => res.end());
  await server.close();
  return server.url;
}
