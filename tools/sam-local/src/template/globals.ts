/**
 * A resource property with the template's Globals value for it applied, by SAM's rule: two maps are merged key by
 * key (recursively, the resource's value winning), two lists are joined (Globals' items first), anything else is the
 * resource's value when it has one. An intrinsic function counts as a single value, not a map.
 * Source: aws/serverless-application-model samtranslator/plugins/globals/globals.py (_do_merge), as documented in
 * https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy-globals.html
 * ("Overridable").
 */
export function withGlobal(globalValue: unknown, localValue: unknown): unknown {
  if (localValue === undefined) return globalValue;
  if (Array.isArray(globalValue) && Array.isArray(localValue))
    return [...(globalValue as unknown[]), ...(localValue as unknown[])];
  if (!isMap(globalValue) || !isMap(localValue)) return localValue;
  const merged: Record<string, unknown> = { ...globalValue };
  for (const [key, value] of Object.entries(localValue)) merged[key] = withGlobal(merged[key], value);
  return merged;
}

/** Every property of a resource with its Globals section applied, each by withGlobal's rule. */
export function withGlobals(
  globals: Record<string, unknown>,
  properties: Record<string, unknown>,
): Record<string, unknown> {
  const names = new Set([...Object.keys(globals), ...Object.keys(properties)]);
  return Object.fromEntries([...names].map((name) => [name, withGlobal(globals[name], properties[name])]));
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isIntrinsic(value);
}

/** samtranslator's is_intrinsic: an object with one key, Ref, Condition or Fn::*. */
export function isIntrinsic(value: object): boolean {
  const keys = Object.keys(value);
  if (keys.length !== 1) return false;
  const key = String(keys[0]);
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::');
}
