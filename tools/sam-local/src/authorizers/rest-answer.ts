/**
 * A REST Lambda authorizer's answer: `principalId`, a `policyDocument`, and optionally a `context` map whose values
 * are strings, numbers or booleans ("You cannot set a JSON object or array as a valid value of any key in the context
 * map") and a `usageIdentifierKey` (docs.aws.amazon.com/apigateway/latest/developerguide/
 * api-gateway-lambda-authorizer-output.html). Anything else is what API Gateway calls a configuration error.
 */
export type ContextValue = string | number | boolean;

export type RestAnswer =
  | { ok: true; principalId: string; policyDocument: unknown; context: Record<string, ContextValue> }
  | { ok: false; problem: string };

export function readRestAnswer(result: unknown): RestAnswer {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) {
    return { ok: false, problem: `the authorizer returned ${JSON.stringify(result) ?? 'nothing'}, not an object` };
  }
  const { principalId, policyDocument, context } = result as Record<string, unknown>;
  if (typeof principalId !== 'string' && typeof principalId !== 'number') {
    return { ok: false, problem: 'the authorizer returned no principalId' };
  }
  if (policyDocument === undefined) return { ok: false, problem: 'the authorizer returned no policyDocument' };
  const values: Record<string, ContextValue> = {};
  if (context !== undefined && context !== null) {
    if (typeof context !== 'object' || Array.isArray(context)) {
      return { ok: false, problem: 'the authorizer context is not a map' };
    }
    for (const [key, value] of Object.entries(context as Record<string, unknown>)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
        return {
          ok: false,
          problem: `context.${key} is ${Array.isArray(value) ? 'a list' : value === null ? 'null' : 'an object'}: only strings, numbers and booleans are allowed`,
        };
      }
      values[key] = value;
    }
  }
  return { ok: true, principalId: String(principalId), policyDocument, context: values };
}

/**
 * requestContext.authorizer for the integration: the principalId, every context value as a string, and
 * integrationLatency (ms) (docs: api-gateway-lambda-authorizer-output.html, "$context.authorizer.<key>" values are
 * strings; set-up-lambda-proxy-integrations.html).
 */
export function integrationAuthorizer(
  principalId: string,
  context: Record<string, ContextValue>,
  latencyMs: number,
): Record<string, unknown> {
  return {
    ...Object.fromEntries(Object.entries(context).map(([key, value]) => [key, String(value)])),
    principalId,
    integrationLatency: latencyMs,
  };
}
