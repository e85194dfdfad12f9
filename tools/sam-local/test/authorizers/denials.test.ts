import { REST_DENIALS } from '../../src/authorizers/denials';
import { HTTP_DENIALS } from '../../src/authorizers/http-authorize';
import { SOURCES } from '../conformance/sources';

// The answers themselves, word for word: the decision tests compare with these objects, so a wrong word here would
// pass them; the conformance suite checks the same answers over HTTP.
describe("REST API authorization answers, as API Gateway's", () => {
  it(`401 Unauthorized, 403 explicit and implicit deny (${SOURCES.authorizerAnswers}; ${SOURCES.implicitDeny})`, () => {
    expect(REST_DENIALS.unauthorized).toEqual({
      statusCode: 401,
      body: '{"message":"Unauthorized"}',
      errorType: 'UnauthorizedException',
    });
    expect(REST_DENIALS.explicitDeny).toEqual({
      statusCode: 403,
      body: '{"Message":"User is not authorized to access this resource with an explicit deny in an identity-based policy"}',
      errorType: 'AccessDeniedException',
    });
    expect(REST_DENIALS.implicitDeny).toEqual({
      statusCode: 403,
      body: '{"Message":"User is not authorized to access this resource"}',
      errorType: 'AccessDeniedException',
    });
  });

  it(`500 for a broken authorizer (${SOURCES.authorizerConfigError})`, () => {
    expect(REST_DENIALS.configurationError).toEqual({
      statusCode: 500,
      body: '{"message": null}',
      errorType: 'AuthorizerConfigurationException',
    });
  });

  it(`401 for an expired Cognito token (${SOURCES.cognitoExpired})`, () => {
    expect(REST_DENIALS.expiredToken).toEqual({
      statusCode: 401,
      body: '{"message":"The incoming token has expired"}',
      errorType: 'UnauthorizedException',
    });
  });

  it(`403 Forbidden without an API key (${SOURCES.apiKey}); 403 Missing Authentication Token, unsigned under AWS_IAM (${SOURCES.routingNotFound})`, () => {
    expect(REST_DENIALS.forbidden).toEqual({
      statusCode: 403,
      body: '{"message":"Forbidden"}',
      errorType: 'ForbiddenException',
    });
    expect(REST_DENIALS.missingToken).toEqual({
      statusCode: 403,
      body: '{"message":"Missing Authentication Token"}',
      errorType: 'MissingAuthenticationTokenException',
    });
  });
});

describe("HTTP API authorization answers, as API Gateway's", () => {
  it(`401, 403 and 500 with their messages (${SOURCES.httpLambdaAuthorizer}; ${SOURCES.httpIam})`, () => {
    expect(HTTP_DENIALS).toEqual({
      unauthorized: { statusCode: 401, message: 'Unauthorized' },
      forbidden: { statusCode: 403, message: 'Forbidden' },
      authorizerFailure: { statusCode: 500, message: 'Internal Server Error' },
    });
  });
});
