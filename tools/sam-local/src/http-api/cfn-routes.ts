/**
 * HTTP APIs written as CloudFormation resources: AWS::ApiGatewayV2::Route (RouteKey, Target `integrations/<id>`,
 * AuthorizationType with AuthorizerId) whose AWS::ApiGatewayV2::Integration is a Lambda proxy integration
 * (IntegrationType AWS_PROXY, IntegrationUri naming a function of the template, PayloadFormatVersion,
 * TimeoutInMillis), read as SAM CLI reads them (aws/aws-sam-cli samcli/lib/providers/cfn_api_provider.py:
 * _extract_cfn_gateway_v2_route, _get_route_function_name, _parse_route_key; the function by LambdaUri,
 * samcli/commands/local/lib/swagger/integration_uri.py). routes.ts turns these into routes. A route that cannot be
 * served is named at start-up with the reason (cfnHttpNotes); SAM CLI skips most of them silently.
 */
import { cfnHttpAuthorizerProblem, cfnHttpRouteAuth } from '../authorizers/http-cfn-authorizers';
import type { HttpApiAuth, HttpRouteAuth } from '../authorizers/http-config';
import { functionIdOfUri } from '../authorizers/rest-cfn-authorizers';
import { resolveLocalValue } from '../template/parameters';
import type { Template } from '../template/template';
import { cfnStageOf, cfnStagesOf } from './apis';
import { templateText } from '../template/template-text';

type Props = Record<string, unknown>;

const API = 'AWS::ApiGatewayV2::Api';

/** A Route resource that invokes a function of the template: what routes.ts needs to make it a route. */
export interface CfnHttpRouteDeclaration {
  routeId: string;
  apiId: string;
  functionId: string;
  /** As written: `$default` or `GET /items/{id}`. */
  routeKey: string;
  /** As written (resolved): '1.0' or '2.0'. */
  payloadVersion: string;
  timeoutInMillis: string | undefined;
  auth: HttpRouteAuth;
}

interface RouteReading {
  routeId: string;
  apiId: string;
  routeKey: string;
  props: Props;
  target: { functionId: string; payloadVersion: string; timeoutInMillis: string | undefined } | { skipped: string };
}

/** The Route resources of HTTP APIs that invoke a function of the template by a Lambda proxy integration. */
export function cfnHttpRoutes(
  template: Template,
  parameters: Record<string, string>,
  authOf: (apiId: string) => HttpApiAuth,
): CfnHttpRouteDeclaration[] {
  return readingsOf(template, parameters).flatMap(({ routeId, apiId, routeKey, props, target }) =>
    'skipped' in target
      ? []
      : [{ routeId, apiId, routeKey, ...target, auth: cfnHttpRouteAuth(authOf(apiId), routeId, props) }],
  );
}

/** Start-up lines: the Route resources not served and why, and the stage each such API is served on. */
export function cfnHttpNotes(template: Template, parameters: Record<string, string>): string[] {
  const notes = readingsOf(template, parameters).flatMap(({ routeId, apiId, routeKey, target }) =>
    'skipped' in target
      ? [
          `HTTP API ${apiId}: route ${routeKey ? `"${routeKey}" (${routeId})` : routeId} is not served: ${target.skipped}`,
        ]
      : [],
  );
  for (const [apiId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== API || !isHttp(resource.Properties) || resource.Properties?.Target !== undefined) continue;
    const stages = cfnStagesOf(template, apiId).map((stage) => templateText(stage.StageName));
    if (stages.length === 0) {
      notes.push(
        `HTTP API ${apiId} has no AWS::ApiGatewayV2::Stage: on AWS it has no URL until a stage is deployed; served as $default`,
      );
    } else if (stages.length > 1) {
      notes.push(
        `HTTP API ${apiId} has stages ${stages.join(', ')}: served on ${templateText(cfnStageOf(template, apiId)?.StageName)}`,
      );
    }
    if (resource.Properties?.BodyS3Location !== undefined) {
      notes.push(`HTTP API ${apiId}: the routes of its BodyS3Location (an OpenAPI document in S3) are not served`);
    }
  }
  return notes;
}

function isHttp(props: Props | undefined): boolean {
  return (props?.ProtocolType ?? 'HTTP') === 'HTTP';
}

function readingsOf(template: Template, parameters: Record<string, string>): RouteReading[] {
  const readings: RouteReading[] = [];
  for (const [routeId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::ApiGatewayV2::Route') continue;
    const props = resource.Properties ?? {};
    const apiId = templateText(props.ApiId);
    const api = template.Resources[apiId];
    // WebSocket routes ($connect, $disconnect …) are not HTTP routes; they are named once for their API.
    if (api?.Type === API && !isHttp(api.Properties)) continue;
    const routeKey =
      props.RouteKey === undefined
        ? ''
        : (resolveLocalValue(template, props.RouteKey, parameters) ?? templateText(props.RouteKey));
    const reading = { routeId, apiId, routeKey, props };
    const skipped =
      routeKey === ''
        ? 'it has no RouteKey, which CloudFormation requires'
        : api?.Type !== API
          ? `its ApiId is not an ${API} of this template`
          : authProblem(template, props, parameters);
    readings.push({ ...reading, target: skipped ? { skipped } : targetOf(template, props, parameters) });
  }
  return readings;
}

function authProblem(template: Template, props: Props, parameters: Record<string, string>): string | undefined {
  const type = templateText(props.AuthorizationType ?? 'NONE').toUpperCase();
  if (type !== 'JWT' && type !== 'CUSTOM') return undefined;
  const problem = cfnHttpAuthorizerProblem(template, props.AuthorizerId, parameters);
  return problem === undefined ? undefined : `it cannot be authorized locally: ${problem}`;
}

// Target is `integrations/<IntegrationId>`, usually written !Join ['/', [integrations, !Ref Integration]] or
// !Sub integrations/${Integration} (resolved to the logical id). A Lambda proxy integration must name its
// PayloadFormatVersion when written in CloudFormation (docs.aws.amazon.com/apigateway/latest/developerguide/
// http-api-develop-integrations-lambda.html: "If you create a Lambda integration by using the AWS CLI,
// CloudFormation, or an SDK, you must specify a payloadFormatVersion").
function targetOf(template: Template, props: Props, parameters: Record<string, string>): RouteReading['target'] {
  if (props.Target === undefined) return { skipped: 'it has no Target (an integration)' };
  const target = resolveLocalValue(template, props.Target, parameters);
  const integrationId = target === undefined ? undefined : /^integrations\/(.+)$/.exec(target)?.[1];
  const integration = integrationId === undefined ? undefined : template.Resources[integrationId];
  if (integration?.Type !== 'AWS::ApiGatewayV2::Integration') {
    return {
      skipped: `its Target (${target ?? templateText(props.Target)}) is not integrations/<an Integration of this template>`,
    };
  }
  const integrationProps = integration.Properties ?? {};
  const type = templateText(integrationProps.IntegrationType ?? '').toUpperCase();
  if (type !== 'AWS_PROXY' || integrationProps.IntegrationSubtype !== undefined) {
    const what =
      integrationProps.IntegrationSubtype !== undefined
        ? `an AWS service integration (${templateText(integrationProps.IntegrationSubtype)})`
        : `a ${type || 'missing'} integration`;
    return { skipped: `its integration ${integrationId} is ${what}; only Lambda proxy integrations are emulated` };
  }
  const functionId = functionIdOfUri(template, integrationProps.IntegrationUri, parameters);
  if (!functionId)
    return { skipped: `its integration ${integrationId}'s IntegrationUri does not name a function of this template` };
  const rawVersion = integrationProps.PayloadFormatVersion;
  const payloadVersion =
    typeof rawVersion === 'number' ? rawVersion.toFixed(1) : resolveLocalValue(template, rawVersion, parameters);
  if (payloadVersion === undefined) {
    return {
      skipped: `its integration ${integrationId} has no PayloadFormatVersion, which a Lambda integration written in CloudFormation must have`,
    };
  }
  const timeout = integrationProps.TimeoutInMillis;
  return {
    functionId,
    payloadVersion,
    timeoutInMillis: timeout === undefined ? undefined : resolveLocalValue(template, timeout, parameters),
  };
}
