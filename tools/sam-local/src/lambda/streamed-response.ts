// What a streaming handler (awslambda.streamifyResponse) answered: the bytes it wrote to its response stream and the
// stream's content type (response-stream.cjs collects them in the worker). Locally the whole response arrives when
// the invocation ends: RESPONSE_STREAM is served buffered.

export interface StreamedResponse {
  /** `application/octet-stream` unless the handler set one; HttpResponseStream.from sets HTTP_INTEGRATION_RESPONSE. */
  contentType: string;
  body: Buffer;
}

/** The content type of a stream whose body is a JSON prelude, 8 NUL bytes, then the HTTP body (HttpResponseStream.js). */
export const HTTP_INTEGRATION_RESPONSE = 'application/vnd.awslambda.http-integration-response';

/** How the worker sends it over the JSON channel. */
export interface StreamedOnTheWire {
  contentType: string;
  /** base64 */
  body: string;
}

/**
 * The streamed response, and what a caller of the buffered Invoke API reads from it: Invoke returns the collected
 * bytes as the payload, so an event source that expects a result (an API Gateway integration) sees their JSON value
 * when they are JSON, else their text (the choice is labelled in docs/conformance.md).
 */
export function fromWire(wire: StreamedOnTheWire): { result: unknown; streamed: StreamedResponse } {
  const body = Buffer.from(wire.body, 'base64');
  const text = body.toString('utf8');
  let result: unknown = text;
  try {
    result = JSON.parse(text);
  } catch {
    // Not JSON: the text itself.
  }
  return { result, streamed: { contentType: wire.contentType, body } };
}
