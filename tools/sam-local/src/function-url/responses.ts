// Lambda's own answers on a function URL.
// - 403 for a request the URL's auth refuses: x-amzn-ErrorType AccessDeniedException and Lambda's message (recorded
//   on AWS: localstack/localstack tests/aws/services/lambda_/test_lambda.snapshot.json,
//   test_lambda_permission_url_invocation; headers and body in awsdocs/aws-lambda-developer-guide issue #494);
// - 502 "Internal Server Error" when the function fails, times out or returns what cannot be sent (validated against
//   AWS: localstack test_lambda_url_invocation_exception; its Content-Type is not recorded);
// - 413 for a request over Lambda's 6 MB invocation payload (Lambda's InvokeFunction message; not recorded on a URL).
import type { HttpResponse } from '../pipeline/http-response';

export const FORBIDDEN_MESSAGE =
  'Forbidden. For troubleshooting Function URL authorization issues, see: https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html';

export function forbidden(requestId: string): HttpResponse {
  return {
    statusCode: 403,
    headers: {
      'Content-Type': ['application/json'],
      'x-amzn-RequestId': [requestId],
      'x-amzn-ErrorType': ['AccessDeniedException'],
    },
    body: Buffer.from(JSON.stringify({ Message: FORBIDDEN_MESSAGE })),
  };
}

export function badGateway(requestId: string): HttpResponse {
  return {
    statusCode: 502,
    headers: { 'Content-Type': ['text/plain; charset=utf-8'], 'x-amzn-RequestId': [requestId] },
    body: Buffer.from('Internal Server Error'),
  };
}

export function payloadTooLarge(requestId: string, limit: number): HttpResponse {
  return {
    statusCode: 413,
    headers: {
      'Content-Type': ['application/json'],
      'x-amzn-RequestId': [requestId],
      'x-amzn-ErrorType': ['RequestEntityTooLargeException'],
    },
    body: Buffer.from(
      JSON.stringify({ Message: `Request must be smaller than ${limit} bytes for the InvokeFunction operation` }),
    ),
  };
}
