import {
  isObject,
  propertiesOf,
  resourcesOfType,
  subText,
  targetOf,
  type CfnTemplate,
  type JsonObject,
} from './cloudformation';

/** Readers of the REST APIs SAM writes: an AWS::ApiGateway::RestApi whose Body is an OpenAPI document. */

export interface Route {
  api: string;
  path: string;
  /** Lower case, as in OpenAPI. */
  method: string;
  integration: JsonObject;
}

export function restApis(template: CfnTemplate): string[] {
  return resourcesOfType(template, 'AWS::ApiGateway::RestApi').map(([id]) => id);
}

export function openApiBody(template: CfnTemplate, api: string): JsonObject {
  const body = propertiesOf(template.Resources[api]).Body;
  return isObject(body) ? body : {};
}

export function routes(template: CfnTemplate): Route[] {
  return restApis(template).flatMap((api) => {
    const paths = openApiBody(template, api).paths;
    return Object.entries(isObject(paths) ? paths : {}).flatMap(([path, operations]) =>
      Object.entries(isObject(operations) ? operations : {}).flatMap(([method, operation]) => {
        const integration = isObject(operation) ? operation['x-amazon-apigateway-integration'] : undefined;
        return [{ api, path, method, integration: isObject(integration) ? integration : {} }];
      }),
    );
  });
}

/** The logical id an aws_proxy integration invokes: `.../functions/${Target}/invocations` or `${Target.Arn}`. */
export function integrationTarget(integration: JsonObject): string | undefined {
  const text = subText(integration.uri);
  const match = text?.match(/\/functions\/\$\{([^}.]+)(?:\.Arn)?\}\/invocations$/);
  return match?.[1];
}

/** The parts of an execute-api SourceArn: `arn:…:execute-api:region:account:${Api}/stage/METHOD/path`. */
export interface ExecuteApiArn {
  api: string | undefined;
  stage: string;
  method: string;
  path: string;
}

export function parseExecuteApiArn(value: unknown): ExecuteApiArn | undefined {
  const text = subText(value);
  // ${AWS::Region} and friends hold colons of their own; take them out before splitting the ARN.
  const parts = text?.replace(/\$\{AWS::\w+\}/g, 'x').split(':');
  if (parts === undefined || parts.length < 6 || parts[2] !== 'execute-api') return undefined;
  const [apiPart = '', stage = '', method = '', ...path] = parts.slice(5).join(':').split('/');
  return { api: apiPart.match(/^\$\{([^}.]+)\}$/)?.[1], stage, method, path: `/${path.join('/')}` };
}

/** The Lambda::Permission resources that let API Gateway invoke a target (function or alias). */
export function invokePermissions(template: CfnTemplate): Array<{ id: string; target?: string; arn?: ExecuteApiArn }> {
  return resourcesOfType(template, 'AWS::Lambda::Permission')
    .filter(([, permission]) => propertiesOf(permission).Principal === 'apigateway.amazonaws.com')
    .map(([id, permission]) => ({
      id,
      target: targetOf(propertiesOf(permission).FunctionName),
      arn: parseExecuteApiArn(propertiesOf(permission).SourceArn),
    }));
}
