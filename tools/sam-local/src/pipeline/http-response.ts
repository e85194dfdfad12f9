/** An HTTP response ready to write: header values as lists, body as bytes. Every event source answers with one. */
export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string[]>;
  body: Buffer;
}

/** A JSON answer with its Content-Type (and any extra single-valued headers). */
export function jsonResponse(statusCode: number, body: object, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'Content-Type': ['application/json'], ...listValued(headers) },
    body: Buffer.from(JSON.stringify(body)),
  };
}

/** The response with more single-valued headers (replacing any of the same spelling), and optionally a new body. */
export function withHeaders(
  response: HttpResponse,
  headers: Record<string, string>,
  body = response.body,
): HttpResponse {
  return { ...response, headers: { ...response.headers, ...listValued(headers) }, body };
}

export function listValued(headers: Record<string, string>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]]));
}
