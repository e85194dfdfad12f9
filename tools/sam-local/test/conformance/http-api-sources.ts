// Where each HTTP API and function URL behaviour of the conformance suite comes from ("recorded": captured on AWS).
const LOCALSTACK_LAMBDA = 'localstack/localstack tests/aws/services/lambda_/test_lambda.snapshot.json';
const HTTP_API_DOCS = 'https://docs.aws.amazon.com/apigateway/latest/developerguide';

export const HTTP_API_SOURCES = {
  payload: `${HTTP_API_DOCS}/http-api-develop-integrations-lambda.html (payload format 2.0 and 1.0, "Lambda function response for format 2.0")`,
  routes: `${HTTP_API_DOCS}/http-api-develop-routes.html (most specific match, ANY, {proxy+}, $default)`,
  stages: `aws-sam-translator 1.110.0 output (implicit and unnamed stages are $default); ${HTTP_API_DOCS}/http-api-stages.html`,
  decodedPath:
    'https://github.com/honojs/hono/issues/2156 and https://github.com/middleapi/standard-server/pull/93 (HTTP API rawPath arrives decoded, captured on AWS)',
  rawQuery: 'https://github.com/ministackorg/ministack/issues/1035 (rawQueryString stays percent-encoded on AWS)',
  bodyEncoding:
    'https://github.com/ministackorg/ministack/pull/766 (which Content-Types arrive as text, verified on AWS)',
  inferredResponse: `${LOCALSTACK_LAMBDA}, test_lambda_url_invocation (the 2.0 response rules, recorded on a function URL)`,
  internalError: `${HTTP_API_DOCS}/http-api-troubleshooting-lambda.html ({"message":"Internal Server Error"})`,
  unavailable:
    'https://github.com/cortexlabs/cortex/issues/1225 (503 {"message":"Service Unavailable"}, apigw-requestid, recorded)',
  notFound: `${HTTP_API_DOCS}/http-api-develop-routes.html (no route and no $default route: 404 Not Found)`,
  cors: `${HTTP_API_DOCS}/http-api-cors.html (the API answers preflights; it ignores the integration's CORS headers)`,
  quotas: `${HTTP_API_DOCS}/http-api-quotas.html (10 MB payload, integration timeout 50 ms to 30 s)`,
  urlEvent: `${LOCALSTACK_LAMBDA}, test_lambda_url_echo_http_fixture_default and test_lambda_url_form_payload (recorded URL events)`,
  urlError: `${LOCALSTACK_LAMBDA}, test_lambda_url_invocation_exception (502 "Internal Server Error", validated on AWS)`,
  urlForbidden: `${LOCALSTACK_LAMBDA}, test_lambda_permission_url_invocation; awsdocs/aws-lambda-developer-guide issue #494 (403 AccessDeniedException)`,
  urlRequestId: `${LOCALSTACK_LAMBDA}, test_request_id_invoke_url (x-amzn-RequestId is the invocation's id)`,
  urlAuth: 'https://docs.aws.amazon.com/lambda/latest/dg/urls-auth.html (AWS_IAM: requests are signed with SigV4)',
} as const;
