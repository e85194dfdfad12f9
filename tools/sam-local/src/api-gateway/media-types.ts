/**
 * Whether a request's Content-Type (for the request body) or Accept (for the response body) names one of the API's
 * binary media types. API Gateway looks at the first media type of the header only; a configured `type/*` covers
 * its subtypes and `*\/*` covers everything, but a wildcard type with a named subtype (`*\/test`) matches nothing.
 * Sources: docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings.html (first Accept
 * media type, `*\/*`), and localstack/localstack tests/aws/services/apigateway/test_apigateway_lambda.py
 * test_aws_proxy_binary_response, validated against AWS (`image/*` or `*\/*` sent by the client match nothing).
 */
export function matchesBinaryMediaType(headerValue: string | undefined, binaryMediaTypes: string[]): boolean {
  if (!headerValue || binaryMediaTypes.length === 0) return false;
  const [type, subtype, extra] = (headerValue.split(',')[0] ?? '').split(';')[0]!.trim().toLowerCase().split('/');
  if (!type || !subtype || extra !== undefined) return false;
  return binaryMediaTypes.some((configured) => {
    const [ctype, csubtype] = configured.split(';')[0]!.trim().toLowerCase().split('/');
    if (ctype === '*' && csubtype === '*') return true;
    if (ctype === '*' || ctype !== type) return false;
    return csubtype === '*' || csubtype === subtype;
  });
}
