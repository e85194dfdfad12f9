import { isObject, type CfnTemplate, type Deployment, type Json } from './cloudformation';

/**
 * What CloudFormation deploys from a transformed template for given parameter values: the SAM translator
 * passes Conditions and Fn::If through untouched (its output is the same for any parameter values; the
 * translator test proves that), so deciding them is left to CloudFormation at deploy time. This does that
 * part, and only that: it decides Conditions (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition over
 * parameters and literals), drops resources and outputs whose Condition is false, takes one branch of each
 * Fn::If, removes AWS::NoValue, and puts parameter values in place of `Ref` and `${Name}` in Fn::Sub.
 * Anything else in a condition is an error, so it cannot decide wrongly in silence.
 */
export function deploymentFor(template: CfnTemplate, overrides: Record<string, string> = {}): Deployment {
  const parameters: Record<string, string> = {};
  for (const [name, declared] of Object.entries(template.Parameters ?? {})) {
    const value = overrides[name] ?? declared.Default;
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new Error(`parameter ${name} has no value and no default`);
    }
    parameters[name] = String(value);
  }
  const unknown = Object.keys(overrides).filter((name) => !(name in parameters));
  if (unknown.length > 0) throw new Error(`no such parameter: ${unknown.join(', ')}`);

  const decided = new Map<string, boolean>();
  const condition = (name: string): boolean => {
    const known = decided.get(name);
    if (known !== undefined) return known;
    const definition = template.Conditions?.[name];
    if (definition === undefined) throw new Error(`no condition ${name}`);
    const value = evaluate(definition);
    decided.set(name, value);
    return value;
  };
  const scalar = (node: Json): string => {
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
    const ref = isObject(node) ? node.Ref : undefined;
    if (typeof ref === 'string' && ref in parameters) return parameters[ref] as string;
    throw new Error(`unsupported value in a condition: ${JSON.stringify(node)}`);
  };
  const evaluate = (node: Json): boolean => {
    if (!isObject(node)) throw new Error(`unsupported condition ${JSON.stringify(node)}`);
    const [[fn, args] = []] = Object.entries(node);
    const list = Array.isArray(args) ? (args as Json[]) : [];
    if (fn === 'Condition' && typeof args === 'string') return condition(args);
    if (fn === 'Fn::Equals' && list.length === 2) return scalar(list[0]) === scalar(list[1]);
    if (fn === 'Fn::Not' && list.length === 1) return !evaluate(list[0]);
    if (fn === 'Fn::And') return list.every(evaluate);
    if (fn === 'Fn::Or') return list.some(evaluate);
    throw new Error(`unsupported condition ${JSON.stringify(node)}`);
  };

  // Marks a value CloudFormation drops (AWS::NoValue, or a list item that resolved to it).
  const REMOVED = Symbol('AWS::NoValue');
  const resolve = (value: Json): Json => {
    if (Array.isArray(value)) return value.map(resolve).filter((item) => item !== REMOVED);
    if (!isObject(value)) return value;
    if (value.Ref === 'AWS::NoValue') return REMOVED;
    if (typeof value.Ref === 'string' && value.Ref in parameters) return parameters[value.Ref];
    const ifArgs = value['Fn::If'];
    if (Array.isArray(ifArgs) && ifArgs.length === 3 && typeof ifArgs[0] === 'string') {
      return resolve(condition(ifArgs[0]) ? ifArgs[1] : ifArgs[2]);
    }
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') {
      const text = withParameters(sub, parameters);
      return text.includes('${') ? { 'Fn::Sub': text } : text;
    }
    const entries = Object.entries(value).map(([key, item]) => [key, resolve(item)] as const);
    return Object.fromEntries(entries.filter(([, item]) => item !== REMOVED));
  };
  const kept = <T extends { Condition?: string }>(section: Record<string, T> = {}): Record<string, T> =>
    Object.fromEntries(
      Object.entries(section)
        .filter(([, item]) => item.Condition === undefined || condition(item.Condition))
        .map(([id, item]) => [id, resolve(item) as T]),
    );

  return {
    parameters,
    template: { ...template, Resources: kept(template.Resources), Outputs: kept(template.Outputs) },
    conditions: Object.fromEntries(Object.keys(template.Conditions ?? {}).map((name) => [name, condition(name)])),
  };
}

/** `${Name}` of a parameter replaced by its value; resource, attribute and pseudo-parameter references stay. */
function withParameters(text: string, parameters: Record<string, string>): string {
  return text.replace(/\$\{([^}!.]+)\}/g, (whole, name: string) => parameters[name.trim()] ?? whole);
}
