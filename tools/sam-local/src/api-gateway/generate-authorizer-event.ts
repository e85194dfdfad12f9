// The input event of a route's Lambda authorizer for a request, without serving it: what `sam local generate-event
// apigateway authorizer` / `request-authorizer` give as fixed samples, here from the template's route and through the
// local API's own code (the same event a served request hands the authorizer).
import { readIdentity } from '../authorizers/identity-sources';
import { describeSource } from '../authorizers/identity-sources';
import { methodArn } from '../authorizers/rest-events';
import { requestAuthorizerEvent, tokenEvent } from '../authorizers/rest-events';
import { DEFAULT_REGION } from '../template/symbols';
import { generateRoutedEvent, NoRouteError, type GenerateEventOptions } from './generate-event';

/** The route's Lambda authorizer's event (TOKEN or REQUEST). Throws NoRouteError, or an Error saying what is missing. */
export function generateAuthorizerEvent(options: GenerateEventOptions): Record<string, unknown> {
  const { event, match } = generateRoutedEvent(options);
  const { authorizer } = match.route.auth;
  const where = `${event.httpMethod} /${match.route.api.stage}${match.route.resourcePath}`;
  if (authorizer === null || authorizer === 'iam' || authorizer.type !== 'lambda') {
    const has =
      authorizer === null
        ? 'no authorizer'
        : authorizer === 'iam'
          ? 'AWS_IAM'
          : `Cognito authorizer ${authorizer.name}`;
    throw new NoRouteError(`${where} has ${has}: there is no Lambda authorizer event to make`);
  }
  const arn = methodArn({
    region: options.loaded.region ?? DEFAULT_REGION,
    accountId: event.requestContext.accountId,
    apiId: event.requestContext.apiId,
    stage: match.route.api.stage,
    method: event.httpMethod,
    path: match.path,
  });
  if (authorizer.payload === 'REQUEST') return requestAuthorizerEvent(event, arn);
  const identity = readIdentity(authorizer.identitySources, {
    headers: event.headers as Record<string, string>,
    query: null,
    stageVariables: null,
    context: {},
  });
  if (identity.kind === 'missing') {
    throw new NoRouteError(
      `${where}: authorizer ${authorizer.name} reads its token from ${describeSource(identity.source, 'rest')}: give it with -H '${identity.source.name}: …' (without it API Gateway answers 401 and does not invoke the authorizer)`,
    );
  }
  return tokenEvent(identity.values[0]!, arn);
}
