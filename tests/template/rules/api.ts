import {
  asList,
  isObject,
  propertiesOf,
  resourcesOfType,
  show,
  targetOf,
  type Deployment,
  type Rule,
} from '../cloudformation';
import { integrationTarget, invokePermissions, openApiBody, restApis, routes } from '../rest-api';

/** The REST APIs of the transformed template: stages, routes, CORS and who may invoke the functions. */

/**
 * Each API has exactly one stage, named by the StageName parameter. A Deployment's StageName also creates
 * a stage: it is how SAM adds its stray stage named "Stage" when Globals.Api.OpenApiVersion is not set.
 */
export const oneStageNamedByParameter: Rule = ({ template, parameters }) =>
  restApis(template).flatMap((api) => {
    const ofApi = (type: string) =>
      resourcesOfType(template, type).filter(([, r]) => targetOf(propertiesOf(r).RestApiId) === api);
    const problems = ofApi('AWS::ApiGateway::Deployment')
      .filter(([, deployment]) => propertiesOf(deployment).StageName !== undefined)
      .map(([id, d]) => `${id}: a Deployment with StageName ${show(propertiesOf(d).StageName)} creates another stage`);
    const stages = ofApi('AWS::ApiGateway::Stage');
    if (stages.length !== 1) problems.push(`${api}: ${stages.length} AWS::ApiGateway::Stage resources, not one`);
    for (const [id, stage] of stages) {
      const name = propertiesOf(stage).StageName;
      if (name !== parameters.StageName) {
        problems.push(`${id}: stage named ${show(name)}, not by the StageName parameter (${parameters.StageName})`);
      }
    }
    return problems;
  });

/** Every stage limits every method's rate and burst, so a flood is answered 429 before it reaches Lambda. */
export const stagesThrottled: Rule = ({ template }) =>
  resourcesOfType(template, 'AWS::ApiGateway::Stage')
    .filter(
      ([, stage]) =>
        !asList(propertiesOf(stage).MethodSettings).some(
          (s) =>
            isObject(s) &&
            s.ResourcePath === '/*' &&
            s.HttpMethod === '*' &&
            s.ThrottlingRateLimit !== undefined &&
            s.ThrottlingBurstLimit !== undefined,
        ),
    )
    .map(([id]) => `${id}: no stage-wide throttling (ThrottlingRateLimit and ThrottlingBurstLimit for /* and *)`);

/**
 * Every route other than a preflight is a Lambda proxy integration on a function of this stack, through its
 * alias when it has one (provisioned concurrency lives on the alias).
 */
export const routesProxyToFunctions: Rule = ({ template }) =>
  routes(template)
    .filter((route) => route.method !== 'options')
    .flatMap(({ api, path, method, integration }) => {
      const where = `${api} ${method.toUpperCase()} ${path}`;
      if (integration.type !== 'aws_proxy' || integration.httpMethod !== 'POST') {
        return [`${where}: not a Lambda proxy integration (type ${show(integration.type)})`];
      }
      const target = integrationTarget(integration);
      const type = target === undefined ? undefined : template.Resources[target]?.Type;
      if (type === 'AWS::Lambda::Alias') return [];
      if (type !== 'AWS::Lambda::Function') return [`${where}: invokes ${show(integration.uri)}, not a function here`];
      const alias = resourcesOfType(template, 'AWS::Lambda::Alias').find(
        ([, a]) => targetOf(propertiesOf(a).FunctionName) === target,
      );
      return alias ? [`${where}: invokes ${target} directly, not its alias ${alias[0]}`] : [];
    });

const quoted = (origin: string | undefined) => (origin === undefined ? undefined : `'${origin}'`);

/** Every path's OPTIONS preflight is answered by API Gateway itself (mock) with the origin and methods. */
export const corsPreflightOnEveryPath: Rule = ({ template, parameters }) => {
  const byPath = new Map<string, string[]>();
  for (const { api, path, method } of routes(template)) {
    byPath.set(`${api} ${path}`, [...(byPath.get(`${api} ${path}`) ?? []), method]);
  }
  const origin = quoted(parameters.AllowedOrigin);
  return routes(template)
    .filter((route) => route.method === 'options')
    .flatMap(({ api, path, integration }) => {
      const where = `${api} OPTIONS ${path}`;
      const responses = isObject(integration.responses) ? integration.responses : {};
      const headers = isObject(responses.default) ? responses.default.responseParameters : undefined;
      const header = (name: string) => (isObject(headers) ? headers[`method.response.header.${name}`] : undefined);
      const methods = header('Access-Control-Allow-Methods');
      const allowed = typeof methods === 'string' ? methods : '';
      const missing = (byPath.get(`${api} ${path}`) ?? []).filter((m) => !allowed.includes(m.toUpperCase()));
      return [
        ...(integration.type === 'mock' ? [] : [`${where}: not a mock integration (${show(integration.type)})`]),
        ...(header('Access-Control-Allow-Origin') === origin && origin !== undefined
          ? []
          : [`${where}: Access-Control-Allow-Origin ${show(header('Access-Control-Allow-Origin'))}, not ${origin}`]),
        ...(missing.length > 0
          ? [`${where}: Access-Control-Allow-Methods ${show(allowed)} lacks ${missing.join(', ')}`]
          : []),
      ];
    })
    .concat(
      [...byPath]
        .filter(([, methods]) => !methods.includes('options'))
        .map(([where]) => `${where}: no OPTIONS preflight, so browsers cannot call it from another origin`),
    );
};

/** API Gateway's own 4xx and 5xx answers (unknown path, throttling, a crashed function) carry the origin too. */
export const gatewayResponsesCarryCors: Rule = ({ template, parameters }) =>
  restApis(template).flatMap((api) => {
    const responses = openApiBody(template, api)['x-amazon-apigateway-gateway-responses'];
    return ['DEFAULT_4XX', 'DEFAULT_5XX'].flatMap((type) => {
      const response = isObject(responses) ? responses[type] : undefined;
      const headers = isObject(response) ? response.responseParameters : undefined;
      const origin = isObject(headers) ? headers['gatewayresponse.header.Access-Control-Allow-Origin'] : undefined;
      return origin === quoted(parameters.AllowedOrigin) && origin !== undefined
        ? []
        : [`${api} ${type}: Access-Control-Allow-Origin ${show(origin)}, not ${quoted(parameters.AllowedOrigin)}`];
    });
  });

/** OpenAPI `{id}` and `{proxy+}` segments are `*` in an execute-api ARN. */
const arnPath = (path: string) => path.replace(/\{[^}]+\}/g, '*');

/**
 * API Gateway may invoke each route's target only for that route: a permission whose SourceArn names this
 * API, the route's method and its path; and no permission for API Gateway is wider than that.
 */
export const invokePermissionsScopedToRoutes: Rule = ({ template }: Deployment) => {
  const permissions = invokePermissions(template);
  const problems = routes(template)
    .filter((route) => route.method !== 'options')
    .flatMap(({ api, path, method, integration }) => {
      const target = integrationTarget(integration);
      const found = permissions.some(
        ({ target: t, arn }) =>
          t === target && arn?.api === api && arn.method === method.toUpperCase() && arn.path === arnPath(path),
      );
      return found ? [] : [`${api} ${method.toUpperCase()} ${path}: no invoke permission scoped to it for ${target}`];
    });
  const routeArns = routes(template).map(({ api, method, path }) => `${api} ${method.toUpperCase()} ${arnPath(path)}`);
  for (const { id, arn } of permissions) {
    if (arn === undefined) problems.push(`${id}: no execute-api SourceArn, so any API may invoke`);
    else if (!routeArns.includes(`${arn.api} ${arn.method} ${arn.path}`)) {
      problems.push(
        `${id}: SourceArn (${arn.api ?? 'no API of this stack'} ${arn.method} ${arn.path}) is not one route`,
      );
    }
  }
  return problems;
};
