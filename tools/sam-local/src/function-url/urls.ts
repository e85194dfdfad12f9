// The template's function URLs as plain data: a FunctionUrlConfig on an AWS::Serverless::Function (with
// Globals.Function applied: SAM turns it into an AWS::Lambda::Url, aws-sam-translator 1.110.0 output), or a
// hand-written AWS::Lambda::Url whose TargetFunctionArn names a function of the template.
import { createHash } from 'node:crypto';
import { readCors, type CorsConfig } from '../http-api/cors';
import { functionOfTarget } from '../http-api/routes';
import { withGlobal } from '../template/globals';
import { resolveLocalValue } from '../template/parameters';
import type { LoadedTemplate, Template } from '../template/template';

export type AuthType = 'NONE' | 'AWS_IAM';

export interface FunctionUrl {
  functionId: string;
  authType: AuthType;
  cors: CorsConfig | null;
  /** The url id (the first label of `<url-id>.lambda-url.<region>.on.aws`): 32 lower-case characters. */
  urlId: string;
  /** RESPONSE_STREAM is served buffered: start-up says so. */
  invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
}

export function functionUrlsFromTemplate(
  { template }: LoadedTemplate,
  parameters: Record<string, string> = {},
): FunctionUrl[] {
  const urls: FunctionUrl[] = [];
  const globalConfig = template.Globals?.Function?.FunctionUrlConfig;
  for (const [functionId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    const config = withGlobal(globalConfig, resource.Properties?.FunctionUrlConfig);
    if (config === undefined) continue;
    urls.push(readUrl(template, functionId, config, parameters));
  }
  for (const [urlId, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Url') continue;
    const functionId = functionOfTarget(template, resource.Properties?.TargetFunctionArn);
    if (!functionId) throw new Error(`Function URL ${urlId}: its TargetFunctionArn names no function of this template`);
    if (urls.some((url) => url.functionId === functionId)) continue;
    urls.push(readUrl(template, functionId, resource.Properties, parameters));
  }
  return urls.sort((a, b) => a.functionId.localeCompare(b.functionId));
}

function readUrl(
  template: Template,
  functionId: string,
  config: unknown,
  parameters: Record<string, string>,
): FunctionUrl {
  const where = `${functionId} FunctionUrlConfig`;
  if (typeof config !== 'object' || config === null) throw new Error(`${where}: must be a map with AuthType`);
  const props = config as Record<string, unknown>;
  const authType = resolveLocalValue(template, props.AuthType, parameters);
  if (authType !== 'NONE' && authType !== 'AWS_IAM') {
    throw new Error(`${where}: AuthType must be NONE or AWS_IAM (found ${authType ?? 'none'})`);
  }
  const invokeMode = resolveLocalValue(template, props.InvokeMode, parameters) ?? 'BUFFERED';
  if (invokeMode !== 'BUFFERED' && invokeMode !== 'RESPONSE_STREAM') {
    throw new Error(`${where}: InvokeMode must be BUFFERED or RESPONSE_STREAM (found ${invokeMode})`);
  }
  return {
    functionId,
    authType,
    cors: readCors(where, template, props.Cors, parameters),
    urlId: createHash('sha256').update(`url:${functionId}`).digest('hex').slice(0, 32),
    invokeMode,
  };
}
