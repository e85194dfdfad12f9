// The template's HTTP APIs (API Gateway v2) as plain data: each API's stage, stage variables and CORS settings.
// Sources: SAM's AWS::Serverless::HttpApi and its implicit ServerlessHttpApi (aws-sam-translator 1.110.0 output:
// `StageName` absent → the `$default` stage, the implicit API always on `$default`; Globals.HttpApi merged in), and
// CloudFormation's AWS::ApiGatewayV2::Api: quick create (Target, RouteKey: its `$default` stage is auto-deployed,
// docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop.html, "Create an HTTP API"), or served on
// its AWS::ApiGatewayV2::Stage (StageName, StageVariables).
import { createHash } from 'node:crypto';
import { withGlobal } from '../template/globals';
import { resolveLocalValue } from '../template/parameters';
import type { Template } from '../template/template';
import { readCors, type CorsConfig } from './cors';

export interface HttpApi {
  /** The template's logical id (ServerlessHttpApi for SAM's implicit API). */
  logicalId: string;
  /** A stable, API Gateway-shaped id (requestContext.apiId), derived from the logical id. */
  id: string;
  /** `$default` (served without a prefix) or a stage name (served under `/<name>`). */
  stage: string;
  stageVariables: Record<string, string> | null;
  cors: CorsConfig | null;
}

export const IMPLICIT_HTTP_API = 'ServerlessHttpApi';
export const DEFAULT_STAGE = '$default';

/** The HTTP API a logical id names: a SAM HttpApi (explicit or implicit) or a quick-create AWS::ApiGatewayV2::Api. */
export function readHttpApi(template: Template, logicalId: string, parameters: Record<string, string>): HttpApi {
  const resource = template.Resources[logicalId];
  if (logicalId !== IMPLICIT_HTTP_API && !resource) {
    throw new Error(`HTTP API ${logicalId}: the template has no resource of that name`);
  }
  const id = createHash('sha256').update(logicalId).digest('hex').slice(0, 10);
  if (resource?.Type === 'AWS::ApiGatewayV2::Api') {
    const props = resource.Properties ?? {};
    // Quick create deploys the `$default` stage itself; otherwise the API is served on its Stage resource.
    const stage = props.Target === undefined ? cfnStageOf(template, logicalId) : undefined;
    return {
      logicalId,
      id,
      stage: stage === undefined ? DEFAULT_STAGE : stageOf(template, logicalId, stage.StageName, parameters),
      stageVariables: stageVariablesOf(template, stage?.StageVariables, parameters),
      cors: readCors(
        `HTTP API ${logicalId}`,
        template,
        props.CorsConfiguration ?? documentCors(props.Body),
        parameters,
      ),
    };
  }
  const property = (name: string): unknown => withGlobal(globalsOf(template)[name], resource?.Properties?.[name]);
  return {
    logicalId,
    id,
    stage: stageOf(template, logicalId, property('StageName'), parameters),
    stageVariables: stageVariablesOf(template, property('StageVariables'), parameters),
    cors: readCors(
      `HTTP API ${logicalId}`,
      template,
      property('CorsConfiguration') ?? documentCors(resource?.Properties?.DefinitionBody),
      parameters,
    ),
  };
}

/** The AWS::ApiGatewayV2::Stage resources' properties of one AWS::ApiGatewayV2::Api. */
export function cfnStagesOf(template: Template, apiId: string): Array<Record<string, unknown>> {
  return Object.values(template.Resources).flatMap((resource) =>
    resource.Type === 'AWS::ApiGatewayV2::Stage' && resource.Properties?.ApiId === apiId ? [resource.Properties] : [],
  );
}

/**
 * The stage an AWS::ApiGatewayV2::Api is served on: its `$default` stage if it has one, else its first. Its
 * StageVariables are the event's stageVariables (SAM CLI reads `Variables`, the REST stage's property name, instead:
 * cfn_api_provider.py _extract_cfn_gateway_v2_stage).
 */
export function cfnStageOf(template: Template, apiId: string): Record<string, unknown> | undefined {
  const stages = cfnStagesOf(template, apiId);
  return stages.find((stage) => stage.StageName === DEFAULT_STAGE) ?? stages[0];
}

function globalsOf(template: Template): Record<string, unknown> {
  return (template.Globals?.HttpApi as Record<string, unknown> | undefined) ?? {};
}

/**
 * The logical id an HttpApi event's ApiId refers to (`!Ref Api`, or the logical id as a string), or the implicit
 * API's when it names none.
 */
export function httpApiIdOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'Ref' in value) return String(value.Ref);
  return IMPLICIT_HTTP_API;
}

function stageOf(template: Template, apiId: string, stageName: unknown, parameters: Record<string, string>): string {
  if (apiId === IMPLICIT_HTTP_API || stageName === undefined) return DEFAULT_STAGE;
  const resolved = resolveLocalValue(template, stageName, parameters);
  if (!resolved) throw new Error(`HTTP API ${apiId}: cannot resolve its StageName locally`);
  return resolved;
}

function stageVariablesOf(
  template: Template,
  variables: unknown,
  parameters: Record<string, string>,
): Record<string, string> | null {
  if (typeof variables !== 'object' || variables === null || Object.keys(variables).length === 0) return null;
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => [key, resolveLocalValue(template, value, parameters) ?? '']),
  );
}

/**
 * An OpenAPI document's `x-amazon-apigateway-cors` (camel-case keys) as CorsConfiguration keys: an HTTP API imported
 * from a document takes its CORS from there (docs.aws.amazon.com/apigateway/latest/developerguide/
 * http-api-swagger-extensions-cors-configuration.html); SAM writes CorsConfiguration into the same place.
 */
function documentCors(document: unknown): unknown {
  if (typeof document !== 'object' || document === null) return undefined;
  const cors = (document as Record<string, unknown>)['x-amazon-apigateway-cors'];
  if (typeof cors !== 'object' || cors === null || Array.isArray(cors)) return cors ?? undefined;
  return Object.fromEntries(
    Object.entries(cors).map(([key, value]) => [key.charAt(0).toUpperCase() + key.slice(1), value]),
  );
}
