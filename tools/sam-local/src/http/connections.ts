import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

// What a client error is answered with; the connection is closed after it.
const CLIENT_ERROR_STATUS: Record<string, string> = {
  HPE_HEADER_OVERFLOW: '431 Request Header Fields Too Large',
  ERR_HTTP_REQUEST_TIMEOUT: '408 Request Timeout',
};

/** The raw answer to CONNECT: the server's answer to a method it does not define. */
export interface ConnectAnswer {
  /** Status line after the version, e.g. `403 Forbidden`. */
  status: string;
  body: string;
}

// A REST API's answer to a method it does not define.
const MISSING_TOKEN_ANSWER: ConnectAnswer = {
  status: '403 Forbidden',
  body: JSON.stringify({ message: 'Missing Authentication Token' }),
};

/**
 * Connection-level behaviour of the local API: answers for requests Node's parser rejects (sent only after the
 * answers to requests pipelined ahead of them), CONNECT refused, and a graceful stop in which every answer closes
 * its connection.
 */
export function guardConnections(
  server: Server,
  log: (line: string) => void,
  connectAnswer: ConnectAnswer = MISSING_TOKEN_ANSWER,
): { beginStop: () => void; isStopping: () => boolean } {
  const exchanges = new WeakMap<Duplex, Array<{ req: IncomingMessage; res: ServerResponse }>>();
  const pendingError = new WeakMap<Duplex, string>();
  let stopping = false;

  // Answers owed to requests received whole: a parse error behind them must wait for them.
  const owed = (socket: Duplex): number =>
    (exchanges.get(socket) ?? []).filter(({ req, res }) => req.complete && !res.writableFinished).length;

  // A response has started on this connection and is not finished.
  const answering = (socket: Duplex): boolean =>
    (exchanges.get(socket) ?? []).some(({ res }) => res.headersSent && !res.writableEnded);

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const list = exchanges.get(socket) ?? [];
    exchanges.set(socket, list);
    const exchange = { req, res };
    list.push(exchange);
    res.once('close', () => {
      list.splice(list.indexOf(exchange), 1);
      const error = pendingError.get(socket);
      if (error !== undefined && owed(socket) === 0) endWith(socket, error);
    });
  });

  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      log(`Client error (${error.code ?? 'unknown'}): the client went away (${error.message})`);
      socket.destroy();
      return;
    }
    log(`Client error (${error.code ?? 'unknown'}): ${error.message}`);
    // An answer already under way (a 413 whose body is being drained when the request times out) is the answer:
    // a second status line after it would corrupt the connection. It is let out, then the connection closes.
    if (answering(socket)) {
      socket.end();
      return;
    }
    const status = CLIENT_ERROR_STATUS[error.code ?? ''] ?? '400 Bad Request';
    // Answers to earlier pipelined requests are still due on this connection: this one goes after them.
    if (owed(socket) > 0) pendingError.set(socket, status);
    else endWith(socket, status);
  });

  // No local server opens tunnels: CONNECT gets the answer of a method the server does not define.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    log(`${connectAnswer.status.split(' ')[0]!} for CONNECT ${req.url ?? '?'}: the local API does not open tunnels`);
    const { body } = connectAnswer;
    socket.end(
      `HTTP/1.1 ${connectAnswer.status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  });

  return {
    beginStop: () => {
      stopping = true;
      server.closeIdleConnections();
    },
    // While stopping, every answer closes its connection, so no keep-alive connection holds the stop up.
    isStopping: () => stopping,
  };
}

function endWith(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** RFC 9112 §3.2: an HTTP/1.1 request carries exactly one Host header. Returns the problem, if any. */
export function hostProblem(req: IncomingMessage): string | undefined {
  if (req.httpVersionMajor !== 1 || req.httpVersionMinor < 1) return undefined;
  let hosts = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === 'host') hosts += 1;
  if (hosts === 0) return 'an HTTP/1.1 request without a Host header';
  if (hosts > 1) return `an HTTP/1.1 request with ${hosts} Host headers`;
  return undefined;
}
