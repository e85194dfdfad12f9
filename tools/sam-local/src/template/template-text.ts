/**
 * A template value as text, for messages and comparisons: a string, number or boolean as written, anything else (an
 * intrinsic function that stayed unresolved, a list) as its JSON.
 */
export function templateText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}
