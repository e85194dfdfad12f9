// A streaming handler's response on a function URL with InvokeMode RESPONSE_STREAM (AWS docs "Invoking Lambda
// function URLs" and "Configuring a Lambda function to stream responses"). A stream whose content type is
// application/vnd.awslambda.http-integration-response (what awslambda.HttpResponseStream.from sets) starts with a JSON
// prelude, then 8 NUL bytes (aws-lambda-nodejs-runtime-interface-client src/HttpResponseStream.js; the same format
// API Gateway reads, docs "Set up a Lambda proxy integration with payload response streaming"): its statusCode,
// headers and cookies are the HTTP response's, the bytes after the NULs its body. Any other stream is a 200 whose body
// is the bytes, with the stream's content type (application/octet-stream unless the handler set one,
// src/ResponseStream.js). Locally the response is sent once the function has finished (served buffered).
import { v2Response } from '../http-api/result-v2';
import type { HttpResponse } from '../pipeline/http-response';
import { HTTP_INTEGRATION_RESPONSE, type StreamedResponse } from '../lambda/streamed-response';

export type StreamedUrlAnswer = { ok: true; response: HttpResponse } | { ok: false; problem: string };

const DELIMITER = Buffer.alloc(8);
const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

export function streamedUrlResponse(streamed: StreamedResponse): StreamedUrlAnswer {
  const { contentType, body } = streamed;
  if (contentType !== HTTP_INTEGRATION_RESPONSE) {
    return { ok: true, response: { statusCode: 200, headers: { 'content-type': [contentType] }, body } };
  }
  // HttpResponseStream.from writes its prelude just before the first write: a stream ended without any has none.
  if (body.length === 0) {
    return { ok: true, response: { statusCode: 200, headers: { 'content-type': [DEFAULT_CONTENT_TYPE] }, body } };
  }
  const split = splitPrelude(body);
  if (!split.ok) return split;
  const { prelude, rest } = split;
  const { statusCode = 200, headers, cookies } = prelude;
  // The prelude's status, headers and cookies follow the function URL's 2.0 response rules (result-v2.ts).
  const checked = v2Response({ statusCode, headers, cookies });
  if (!checked.ok) return { ok: false, problem: `its response prelude is malformed: ${checked.problem}` };
  const named = headers && typeof headers === 'object' ? Object.keys(headers).map((name) => name.toLowerCase()) : [];
  const sent = { ...checked.response.headers };
  if (!named.includes('content-type')) sent['content-type'] = [DEFAULT_CONTENT_TYPE];
  return { ok: true, response: { statusCode: checked.response.statusCode, headers: sent, body: rest } };
}

type SplitPrelude = { ok: true; prelude: Record<string, unknown>; rest: Buffer } | { ok: false; problem: string };

/** The JSON prelude before the first 8 NUL bytes (JSON text never holds a raw NUL), and the body after them. */
export function splitPrelude(body: Buffer): SplitPrelude {
  const at = body.indexOf(DELIMITER);
  if (at < 0) {
    return {
      ok: false,
      problem: `its stream has the content type ${HTTP_INTEGRATION_RESPONSE} but no 8 NUL bytes after a JSON prelude`,
    };
  }
  let prelude: unknown;
  try {
    prelude = JSON.parse(body.subarray(0, at).toString('utf8'));
  } catch (error) {
    return { ok: false, problem: `its response prelude is not JSON (${(error as Error).message})` };
  }
  if (typeof prelude !== 'object' || prelude === null || Array.isArray(prelude)) {
    return { ok: false, problem: 'its response prelude is not a JSON object' };
  }
  return { ok: true, prelude: prelude as Record<string, unknown>, rest: body.subarray(at + DELIMITER.length) };
}
