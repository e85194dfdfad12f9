// What a template has that start-api does not serve, said in words: so that a template with nothing to serve, or
// with parts that are not served, is named rather than silently dropped.
import { cfnRestNotes } from '../api-gateway/cfn-routes';
import { openApiAuthProblems, openApiNotes } from '../api-gateway/openapi-routes';
import { cfnHttpNotes } from '../http-api/cfn-routes';
import { httpOpenApiNotes } from '../http-api/openapi-routes';
import { restApiReader, routesFromTemplate, type Route } from '../api-gateway/routes';
import { isFunctionResource } from '../template/function-types';
import type { LoadedTemplate } from '../template/template';

const SERVED_EVENTS = new Set(['Api', 'HttpApi']);

/** Start-up notes about parts of the template that are read but not served. */
export function unservedParts(loaded: LoadedTemplate): string[] {
  const { template } = loaded;
  const notes: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::ApiGatewayV2::Api') {
      if (props.ProtocolType === 'WEBSOCKET') notes.push(`${id}: WebSocket APIs are not served`);
    }
  }
  return [
    ...(loaded.documentNotes ?? []),
    ...notes,
    ...cfnRestNotes(template, {}),
    ...cfnHttpNotes(template, {}),
    ...openApiParts(loaded),
    ...httpOpenApiNotes(template, {}),
  ];
}

// The OpenAPI methods of REST APIs that are not served as written (openapi-routes.ts).
function openApiParts(loaded: LoadedTemplate): string[] {
  const { template } = loaded;
  let eventRoutes: Route[];
  try {
    eventRoutes = routesFromTemplate(loaded);
  } catch {
    // The route errors themselves stop start-up, with their own message.
    return [];
  }
  const servedByEvent = (apiId: string, method: string, path: string): boolean =>
    eventRoutes.some(
      (route) => route.api.logicalId === apiId && route.method === method && route.resourcePath === path,
    );
  return [
    ...openApiNotes(template, {}, servedByEvent),
    ...openApiAuthProblems(template, {}, restApiReader(template, {})),
  ];
}

/** Why there is nothing to serve: what the template has instead. */
export function nothingToServe(loaded: LoadedTemplate): string {
  const functions = Object.entries(loaded.template.Resources).filter(([, resource]) => isFunctionResource(resource));
  const otherEvents = new Map<string, string[]>();
  for (const [id, resource] of functions) {
    const events = (resource.Properties?.Events ?? {}) as Record<string, { Type?: string }>;
    for (const event of Object.values(events)) {
      const type = String(event.Type);
      if (SERVED_EVENTS.has(type)) continue;
      otherEvents.set(type, [...(otherEvents.get(type) ?? []), id]);
    }
  }
  const found = [
    `${functions.length} function${functions.length === 1 ? '' : 's'}`,
    ...[...otherEvents].map(([type, ids]) => `${type} events (${[...new Set(ids)].join(', ')})`),
    ...unservedParts(loaded),
  ];
  return (
    `${loaded.path} has nothing start-api can serve: no Api or HttpApi events, no quick-create ` +
    'AWS::ApiGatewayV2::Api, no AWS::ApiGateway::Method, AWS::ApiGatewayV2::Route or OpenAPI method with a Lambda ' +
    'proxy integration ' +
    `and no FunctionUrlConfig. It has: ${found.join('; ')}. ` +
    'Other event sources are not served over HTTP: run their functions with `sam-local invoke` or `sam-local start-lambda`.'
  );
}
