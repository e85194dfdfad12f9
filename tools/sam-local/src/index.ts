// The toolkit's programmatic API, for tests and tools that drive it from code.
export { apiFor, findRoute, routesFromTemplate, type Route, type RouteMatch } from './api-gateway/routes';
export type { RestApi } from './api-gateway/apis';
export { buildProxyEvent } from './api-gateway/request-event';
export { requestEvent, routeRequest } from './api-gateway/request-to-event';
export { generateEvent, NoRouteError, type GenerateEventOptions } from './api-gateway/generate-event';
export { generateHttpApiEvent, type GenerateHttpApiEventOptions } from './http-api/generate-event';
export { generateAnyEvent, type GeneratedEvent } from './http/generate-any-event';
export { httpRoutesFromTemplate, findHttpRoute, type HttpRoute, type HttpRouteMatch } from './http-api/routes';
export type { HttpApi } from './http-api/apis';
export { buildV2Event, type V2Event, type V2EventContext } from './http-api/event-v2';
export { v2Response } from './http-api/result-v2';
export { functionUrlsFromTemplate, type FunctionUrl } from './function-url/urls';
export type { Authorizer, AuthorizeInput, Authorization } from './pipeline/authorize';
export type { EventSource } from './pipeline/event-source';
export { eventJson } from './api-gateway/event-json';
export { toHttpResponse } from './api-gateway/proxy-result';
export { buildFunction, samEsbuildOptions, type BuildResult, type LocalBuildOptions } from './lambda/build';
export { startLocalFunctions, type LocalFunctions, type LocalFunctionsOptions } from './lambda/local-functions';
export { invocationPayload } from './lambda/invoke-payload';
export { parseInspectorValue, type InspectorOptions } from './lambda/inspector';
export { startInvokeEndpoint, type InvokeEndpoint, type InvokeEndpointOptions } from './lambda-api/invoke-endpoint';
export { environmentNotes, lambdaEnvironment, type EnvironmentSources } from './lambda/environment';
export { resolveRegion, type ResolvedRegion } from './lambda/region';
export { createLambdaContext } from './lambda/context';
export { FunctionRuntime, type InvokeOutcome } from './lambda/runtime';
export { startLocalApi, MAX_BODY_BYTES, type LocalApi, type LocalApiOptions } from './http/server';
export { startTestApi, type TestApi } from './http/test-api';
export {
  allFunctionIds,
  findFunction,
  listFunctions,
  readFunctions,
  splitHandler,
  type FunctionCode,
  type FunctionSpec,
  type SkippedFunction,
} from './template/functions';
export { resolveLocalValue } from './template/parameters';
export { resolveTemplate, type ResolutionNote, type ResolvedTemplate } from './template/resolve-template';
export {
  loadTemplate,
  parseTemplate,
  withParameterOverrides,
  type LoadedTemplate,
  type LoadOptions,
  type Resource,
  type Template,
} from './template/template';
