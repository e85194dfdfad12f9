/** What every event source knows about a request before its body is read. */
export interface RequestHead {
  method: string;
  /** The request target in origin form (`/path?query`), as sent. */
  target: string;
  /** The target's path, as sent (percent-encoding kept). */
  rawPath: string;
  /** The target's query string without `?`, as sent. */
  rawQuery: string;
  /** Header names as the client sent them, with every value, in order (Node's rawHeaders). */
  rawHeaders: string[];
  /** The client's address (IPv4-mapped IPv6 shown as IPv4). */
  sourceIp: string;
  /** `1.1`, `1.0`. */
  httpVersion: string;
  /** The local port the request arrived on. */
  serverPort: number;
}

/** A request read whole. */
export interface ReceivedRequest extends RequestHead {
  body: Buffer;
}

/** The request's value of a header (the first, when repeated), looked up case-insensitively. */
export function headerOf(head: Pick<RequestHead, 'rawHeaders'>, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = 0; i < head.rawHeaders.length; i += 2) {
    if (head.rawHeaders[i]!.toLowerCase() === lower) return head.rawHeaders[i + 1];
  }
  return undefined;
}

/** A body read up to a limit: the bytes, 'too-large' once over it, or the client gone mid-body. */
export type BodyRead = Buffer | 'too-large' | { gone: true; received: number };
