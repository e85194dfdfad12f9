/**
 * Parses sam's `--parameter-overrides` shorthand: `Key=Value Other="a value"` (quotes optional).
 * Throws on anything else, naming the part it could not read.
 */
export function parseParameterOverrides(text: string): Record<string, string> {
  const overrides: Record<string, string> = {};
  const pattern = /\s*([A-Za-z0-9]+)=("[^"]*"|'[^']*'|[^\s"']*)\s*/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match?.[1] || match[2] === undefined) {
      throw new Error(`Cannot read parameter override at "${text.slice(at)}": use Key=Value pairs separated by spaces`);
    }
    const value = match[2];
    overrides[match[1]] = /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
    at = pattern.lastIndex;
  }
  return overrides;
}
