// Where each behaviour of the conformance suite comes from. "recorded" means captured from a deployed REST API on
// AWS (localstack's snapshot files are recorded against AWS and stored beside each test, with the date).
const LOCALSTACK = 'localstack/localstack tests/aws/services/apigateway';

export const SOURCES = {
  responseFormat: `${LOCALSTACK}/test_apigateway_lambda.snapshot.json, test_aws_proxy_response_payload_format_validation (recorded 2024-11-15)`,
  responseFormatNoSnapshot: `${LOCALSTACK}/test_apigateway_lambda.py, test_lambda_aws_proxy_response_format (validated against AWS)`,
  proxyEvent: `${LOCALSTACK}/test_apigateway_lambda.snapshot.json, test_lambda_aws_proxy_integration (recorded 2024-08-02)`,
  binaryResponse: `${LOCALSTACK}/test_apigateway_lambda.py, test_aws_proxy_binary_response (validated against AWS)`,
  routingNotFound: `${LOCALSTACK}/test_apigateway_common.snapshot.json, test_routing_not_found (recorded 2024-07-23)`,
  traceId: `${LOCALSTACK}/test_apigateway_common.snapshot.json, test_invocation_trace_id (recorded 2024-08-07)`,
  gatewayError: `${LOCALSTACK}/test_apigateway_integrations.snapshot.json, 502 answers: headers and Content-Length 36 (recorded)`,
  canonicalUserAgent: `https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/add-origin-custom-headers.html (CloudFront capitalizes Authorization and User-Agent); ${LOCALSTACK}/test_apigateway_lambda.snapshot.json (recorded: Authorization so spelled, User-Agent in every event); localstack-core/.../execute_api/integrations/aws.py capitalizes the same two`,
  outputFormat:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-lambda-proxy-integrations.html (output format: "only the values from multiValueHeaders")',
  remapped: `https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html (headers table); ${LOCALSTACK}/test_apigateway_http.snapshot.json (recorded, HTTP proxy)`,
  droppedHeaders:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html (headers table, as localstack-core/localstack/services/apigateway/next_gen/execute_api/header_utils.py lists it)',
  semicolon:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html (";" splits the query)',
  binaryRequest:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-payload-encodings-workflow.html; https://github.com/ministackorg/ministack/pull/767 (verified against AWS)',
  pathParameterEncoded:
    'https://github.com/serverless/serverless/issues/5037; https://github.com/dherault/serverless-offline/issues/638 (AWS sends %40, +)',
  extendedRequestId: 'https://repost.aws/knowledge-center/collect-api-gateway-extended-request-ids (x-amz-apigw-id)',
  lambdaRequestLimit:
    'https://github.com/koki-develop/lgtm-generator/issues/10 (413 headers and body recorded on AWS); Lambda: "Request must be smaller than 6291456 bytes"',
  bodyLimit: 'https://github.com/koki-develop/lgtm-generator/issues/10 (413 for over 10485760 bytes, recorded on AWS)',
  lambdaResponseLimit:
    'https://github.com/DataBiosphere/azul/issues/8192 (502 INTEGRATION_FAILURE, "exceeded maximum allowed payload size (6291556 bytes)", AWS access log)',
  authorizerInput:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-input.html (TOKEN and REQUEST input)',
  authorizerOutput:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html (principalId, policyDocument, context of strings, numbers, booleans; $context.authorizer.<key>)',
  authorizerAnswers:
    'https://loige.co, API Gateway REST API Lambda authorizer article of 2023-11-05 (lmammino/loige.co): 401 {"message":"Unauthorized"} UnauthorizedException without invoking for a missing identity source, 403 {"Message":…explicit deny} AccessDeniedException, headers captured from AWS; the wording "… in an identity-based policy" as AWS answers in 2026 (quoted in public code)',
  implicitDeny:
    'https://repost.aws/knowledge-center/api-gateway-403-error-lambda-authorizer ("User is not authorized to access this resource" for a policy that does not allow the method)',
  authorizerConfigError:
    'https://github.com/aws/chalice/issues/670 (500 {"message": null}); https://github.com/serverless/examples/issues/305 (x-amzn-ErrorType: AuthorizerConfigurationException); https://github.com/serverless/serverless/issues/829',
  authorizerUnauthorized:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-use-lambda-authorizer.html (the blueprint: throw "Unauthorized" for a 401); https://repost.aws/knowledge-center/api-gateway-401-error-lambda-authorizer',
  authorizerCaching:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/configure-api-gateway-lambda-authorization.html (TTL, identity sources as the cache key; 0 disables); https://repost.aws/knowledge-center/api-gateway-lambda-authorization-errors (a cached policy applies to the next method)',
  samAuth:
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-api-apiauth.html (DefaultAuthorizer, Authorizer: NONE, ReauthorizeEvery default 300, ValidationExpression)',
  cognitoAuthorizer:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-enable-cognito-user-pool.html (ID token without scopes, access token with them; claims in $context.authorizer.claims)',
  cognitoExpired:
    'https://repost.aws/knowledge-center/api-gateway-cognito-401-unauthorized ("The incoming token has expired")',
  apiKey:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-api-key-source.html; https://repost.aws/knowledge-center/api-gateway-403-error-api-key-required (403 {"message":"Forbidden"})',
  httpLambdaAuthorizer:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-lambda-authorizer.html (payload 1.0 and 2.0 events, simple responses, identity sources and caching; 401 missing identity, 403 refused, 500 failing authorizer; context in $context.authorizer.lambda)',
  httpJwtAuthorizer:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-jwt-authorizer.html (issuer, aud or client_id, exp/nbf/iat, scopes; claims and scopes in requestContext.authorizer.jwt; 401/403 with WWW-Authenticate)',
  samHttpAuth:
    'https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-httpapi-httpapiauth.html (DefaultAuthorizer, Authorizer: NONE)',
  httpIam:
    'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-access-control-iam.html (IAM authorization: a SigV4-signed request; unsigned → 403 Forbidden)',
} as const;
