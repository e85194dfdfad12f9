/**
 * The IAM policy a Lambda authorizer returns, evaluated for one method ARN as API Gateway does: a matching Deny
 * wins ("explicit deny"), else a matching Allow allows, else the request is denied ("implicit deny")
 * (docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-lambda-authorizer-output.html;
 * docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html). A statement matches when one
 * of its actions covers execute-api:Invoke and one of its resources matches the ARN, `*` standing for any run of
 * characters (slashes included: the blueprint's warning in awslabs/aws-apigateway-lambda-authorizer-blueprints) and
 * `?` for one.
 */
export type PolicyDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

export type PolicyReading = { ok: true; decision: PolicyDecision } | { ok: false; problem: string };

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  Resource?: unknown;
}

export function evaluatePolicy(document: unknown, arn: string): PolicyReading {
  if (!isObject(document)) return { ok: false, problem: 'policyDocument is not an object' };
  const raw = document.Statement;
  const statements = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  let allowed = false;
  for (const statement of statements) {
    if (!isObject(statement)) return { ok: false, problem: 'a policy Statement is not an object' };
    const { Effect: effect, Action: action, Resource: resource } = statement as Statement;
    if (effect !== 'Allow' && effect !== 'Deny') {
      return { ok: false, problem: `a policy Statement's Effect is ${JSON.stringify(effect)}, not "Allow" or "Deny"` };
    }
    const actions = listOf(action);
    const resources = listOf(resource);
    if (!actions || !resources) return { ok: false, problem: 'a policy Statement needs Action and Resource strings' };
    if (!actions.some(coversInvoke) || !resources.some((pattern) => wildcardMatch(pattern, arn))) continue;
    if (effect === 'Deny') return { ok: true, decision: 'explicit-deny' };
    allowed = true;
  }
  return { ok: true, decision: allowed ? 'allow' : 'implicit-deny' };
}

function coversInvoke(action: string): boolean {
  return wildcardMatch(action.toLowerCase(), 'execute-api:invoke');
}

/** IAM's wildcards: `*` any run of characters, `?` one character; everything else literally. */
export function wildcardMatch(pattern: string, text: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replaceAll('*', '.*')
    .replaceAll('?', '.');
  return new RegExp(`^${source}$`, 's').test(text);
}

function listOf(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string')) {
    return value;
  }
  return undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
