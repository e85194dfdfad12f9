import { connect, type Socket } from 'node:net';

/** One HTTP response as it came off the wire, parsed no more than needed to check it. */
export interface RawResponse {
  status: number;
  /** Header names lower-cased; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

export interface RawExchange {
  /** Final (non-1xx) responses in the order they arrived; interim 1xx responses are skipped. */
  responses: RawResponse[];
  /** Every byte the server sent. */
  raw: Buffer;
  /** The server closed (or reset) the connection before the exchange's timeout. */
  closed: boolean;
  /** A socket error (e.g. ECONNRESET when the server resets with unread data), if any. */
  error?: NodeJS.ErrnoException;
}

/**
 * What to send: bytes, a pause in milliseconds, or `{ afterResponses: n }` to wait until n final responses
 * have arrived (so the next request surely follows them rather than being pipelined behind them).
 */
export type Chunk = string | Buffer | number | { afterResponses: number };

export interface RawOptions {
  /** Give up after this long; the exchange then reports what arrived (default 10 s). */
  timeoutMs?: number;
  /** Stop reading once this many final responses have arrived, without waiting for the close (default: wait). */
  responses?: number;
}

/**
 * Writes the chunks to a fresh TCP connection, each a separate write, and reads what the server sends
 * back until it closes, the expected number of responses has arrived, or the timeout runs out.
 */
export function rawExchange(port: number, chunks: Chunk[], options: RawOptions = {}): Promise<RawExchange> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const received: Buffer[] = [];
    let error: NodeJS.ErrnoException | undefined;
    let settled = false;
    const finish = (closed: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      const raw = Buffer.concat(received);
      resolve({ responses: parseResponses(raw).responses, raw, closed, ...(error ? { error } : {}) });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    let responseCount = 0;
    const onResponses: Array<() => void> = [];
    socket.on('data', (chunk: Buffer) => {
      received.push(chunk);
      const parsed = parseResponses(Buffer.concat(received));
      responseCount = parsed.responses.length;
      for (const notify of onResponses.splice(0)) notify();
      if (options.responses !== undefined && responseCount >= options.responses && parsed.rest.length === 0) {
        finish(false);
      }
    });
    const responsesArrived = async (count: number): Promise<void> => {
      while (responseCount < count && !settled) await new Promise<void>((resolve) => onResponses.push(resolve));
    };
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e;
      finish(true);
    });
    socket.on('close', () => finish(true));
    socket.on('close', () => onResponses.splice(0).forEach((notify) => notify()));
    socket.once('connect', () => void writeChunks(socket, chunks, responsesArrived));
  });
}

async function writeChunks(
  socket: Socket,
  chunks: Chunk[],
  responsesArrived: (count: number) => Promise<void> = () => Promise.resolve(),
): Promise<void> {
  for (const chunk of chunks) {
    if (socket.destroyed) return;
    if (typeof chunk === 'number') await new Promise((resolve) => setTimeout(resolve, chunk));
    else if (typeof chunk === 'object' && !Buffer.isBuffer(chunk)) await responsesArrived(chunk.afterResponses);
    else if (!socket.write(chunk)) await new Promise((resolve) => socket.once('drain', resolve));
  }
}

/** Opens a connection, writes the chunks, then resets the connection instead of reading an answer. */
export function sendAndAbort(port: number, chunks: Chunk[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('error', reject);
    socket.once('connect', () => {
      void writeChunks(socket, chunks).then(() => {
        socket.resetAndDestroy();
        resolve();
      });
    });
  });
}

/** Whether a TCP connection to the port is accepted (false on ECONNREFUSED). */
export function canConnect(port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`connecting to port ${port} neither succeeded nor was refused in ${timeoutMs} ms`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(true);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      // A reset before the connection is established is a refusal too: the kernel queued the connection on the
      // listening socket, and the server closed that socket (it is stopping) before accepting it.
      if (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET') resolve(false);
      else reject(error);
    });
  });
}

/** A request as raw bytes: the request line as given, the headers verbatim, CRLF line ends. */
export function rawRequest(requestLine: string, headers: Array<string> = [], body: string | Buffer = ''): Buffer {
  const head = `${[requestLine, ...headers].join('\r\n')}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), Buffer.isBuffer(body) ? body : Buffer.from(body)]);
}

/**
 * Splits a byte stream into HTTP/1.1 responses. Bodies are delimited by Content-Length, by chunked
 * encoding, or (with neither) by the end of the stream. Whatever does not form a complete response is `rest`.
 */
export function parseResponses(raw: Buffer): { responses: RawResponse[]; rest: Buffer } {
  const responses: RawResponse[] = [];
  let at = 0;
  for (;;) {
    const headEnd = raw.indexOf('\r\n\r\n', at);
    if (headEnd < 0) break;
    const [statusLine = '', ...headerLines] = raw.subarray(at, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? NaN);
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    let bodyStart = headEnd + 4;
    let body: Buffer;
    if (status >= 100 && status < 200) {
      at = bodyStart;
      continue;
    }
    if (headers['content-length'] !== undefined) {
      const end = bodyStart + Number(headers['content-length']);
      if (end > raw.length) break;
      body = raw.subarray(bodyStart, end);
      at = end;
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const parts: Buffer[] = [];
      let complete = false;
      for (;;) {
        const lineEnd = raw.indexOf('\r\n', bodyStart);
        if (lineEnd < 0) break;
        const size = parseInt(raw.subarray(bodyStart, lineEnd).toString('latin1'), 16);
        if (size === 0) {
          const trailerEnd = raw.indexOf('\r\n\r\n', lineEnd);
          if (trailerEnd < 0) break;
          bodyStart = trailerEnd + 4;
          complete = true;
          break;
        }
        if (lineEnd + 2 + size + 2 > raw.length) break;
        parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
        bodyStart = lineEnd + 2 + size + 2;
      }
      if (!complete) break;
      body = Buffer.concat(parts);
      at = bodyStart;
    } else {
      body = raw.subarray(bodyStart);
      at = raw.length;
    }
    responses.push({ status, headers, body, text: body.toString('utf8') });
  }
  return { responses, rest: raw.subarray(at) };
}
