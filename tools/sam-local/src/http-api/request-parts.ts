// The parts of a request as HTTP APIs and function URLs hand them to a function (payload format 2.0, and the
// header, query and body rules the 1.0 format of an HTTP API shares with it).
import { newTraceRoot } from '../api-gateway/request-event';

// Hop-by-hop headers (RFC 9110 §7.6.1) and Expect never reach the function: the service's front end speaks HTTP/2
// to the client and consumes them. Not recorded on AWS; the AWS-recorded function URL events in
// localstack/localstack tests/aws/services/lambda_/test_lambda.snapshot.json (test_lambda_url_echo_http_fixture_*)
// carry none of them, and keep content-length.
const DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'expect',
]);

export interface ForwardingInfo {
  sourceIp: string;
  serverPort: number;
  scheme: 'http' | 'https';
  /** The X-Amzn-Trace-Id to add when the client sent none (default: a fresh root). */
  traceId?: string;
}

/**
 * Header names lower-cased, repeated headers joined with commas (docs: "Duplicate headers are combined with commas",
 * http-api-develop-integrations-lambda.html); the Cookie headers go to `cookies`, one item per cookie; the service
 * adds X-Forwarded-For (the client's address appended), X-Forwarded-Port, X-Forwarded-Proto and X-Amzn-Trace-Id.
 */
export function v2Headers(
  rawHeaders: string[],
  forwarding: ForwardingInfo,
): { headers: Record<string, string>; values: Record<string, string[]>; cookies: string[] } {
  const values: Record<string, string[]> = {};
  const cookies: string[] = [];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    if (DROPPED.has(name)) continue;
    if (name === 'cookie') {
      cookies.push(
        ...value
          .split(';')
          .map((cookie) => cookie.trim())
          .filter((cookie) => cookie.length > 0),
      );
      continue;
    }
    (values[name] ??= []).push(value);
  }
  values['x-forwarded-for'] = [[...(values['x-forwarded-for'] ?? []), forwarding.sourceIp].join(', ')];
  values['x-forwarded-port'] = [String(forwarding.serverPort)];
  values['x-forwarded-proto'] = [forwarding.scheme];
  values['x-amzn-trace-id'] ??= [forwarding.traceId ?? `Root=${newTraceRoot()}`];
  const headers = Object.fromEntries(Object.entries(values).map(([name, list]) => [name, list.join(',')]));
  return { headers, values, cookies };
}

/**
 * Query parameters percent-decoded (`+` as a space), a repeated key's values joined with commas (docs: "Duplicate
 * query strings are combined with commas"); the raw query string itself is passed on as sent (rawQueryString stays
 * percent-encoded on AWS: ministackorg/ministack issue #1035).
 */
export function v2Query(rawQuery: string): { joined: Record<string, string>; values: Record<string, string[]> } {
  const values: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const pair of rawQuery.split('&')) {
    if (pair.length === 0) continue;
    const at = pair.indexOf('=');
    const key = decodeComponent(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : decodeComponent(pair.slice(at + 1));
    (values[key] ??= []).push(value);
  }
  const plain = Object.fromEntries(Object.entries(values));
  return {
    joined: Object.fromEntries(Object.entries(plain).map(([key, list]) => [key, list.join(',')])),
    values: plain,
  };
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    return text;
  }
}

// The body reaches the function as text only for these media types; anything else, a missing Content-Type
// included, arrives base64-encoded with isBase64Encoded: true. Verified against AWS for HTTP APIs in
// ministackorg/ministack pull request #766 (text/*, application/json, application/xml, application/javascript as
// text; application/x-www-form-urlencoded and no Content-Type as base64); for function URLs AWS recorded text/plain as
// text and multipart/form-data as base64 (localstack test_lambda_url_echo_invoke, test_lambda_url_form_payload).
const TEXT_TYPES = new Set(['application/json', 'application/xml', 'application/javascript']);
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function isTextMediaType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type.startsWith('text/') || TEXT_TYPES.has(type);
}

/** The event's body and isBase64Encoded; no body at all for an empty one. Text that is not UTF-8 goes as base64. */
export function v2Body(body: Buffer, contentType: string | undefined): { body?: string; isBase64Encoded: boolean } {
  if (body.length === 0) return { isBase64Encoded: false };
  if (isTextMediaType(contentType)) {
    try {
      return { body: utf8.decode(body), isBase64Encoded: false };
    } catch {
      // Falls through to base64.
    }
  }
  return { body: body.toString('base64'), isBase64Encoded: true };
}
