import type { Template } from './template';

/** Local stand-ins for the pseudo parameters a deployed stack resolves. */
export const LOCAL_PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Region': 'us-east-1',
  'AWS::AccountId': '123456789012',
  'AWS::StackName': 'local',
  'AWS::Partition': 'aws',
  'AWS::URLSuffix': 'amazonaws.com',
};

/**
 * Resolves a template value that can be known without deploying: literals, `Ref` to a parameter
 * (its default or an override) or a pseudo parameter, and `Fn::Sub` over those. Returns undefined
 * for anything else (for example `Fn::GetAtt`), which only a deployed stack can answer.
 */
export function resolveLocalValue(
  template: Template,
  value: unknown,
  parameters: Record<string, string> = {},
): string | undefined {
  const lookup = (name: string): string | undefined => {
    if (name in parameters) return parameters[name];
    if (name in LOCAL_PSEUDO_PARAMETERS) return LOCAL_PSEUDO_PARAMETERS[name];
    const parameter = template.Parameters?.[name];
    return parameter && 'Default' in parameter ? String(parameter.Default) : undefined;
  };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'object' || value === null) return undefined;
  if ('Ref' in value) return lookup(String(value.Ref));
  if ('Fn::Sub' in value) {
    const sub = value['Fn::Sub'];
    if (typeof sub !== 'string') return undefined;
    let unresolved = false;
    const text = sub.replace(/\$\{([^}!]+)\}/g, (_, name: string) => {
      const resolved = lookup(name.trim());
      if (resolved === undefined) unresolved = true;
      return resolved ?? '';
    });
    return unresolved ? undefined : text;
  }
  return undefined;
}

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
