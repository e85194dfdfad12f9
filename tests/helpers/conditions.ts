import type { Template } from 'sam-local-node';

/**
 * Evaluates a template's Conditions and Fn::If the way CloudFormation would for given parameter values
 * (defaults otherwise), so a test can look at what one deployment mode actually gets. Handles Ref to
 * parameters, Fn::Equals, Fn::Not, Fn::And, Fn::Or and Condition; anything else is an error.
 */
export class TemplateMode {
  private readonly conditions = new Map<string, boolean>();

  constructor(
    private readonly template: Template,
    private readonly parameters: Record<string, string> = {},
  ) {}

  parameter(name: string): string {
    if (name in this.parameters) return this.parameters[name] as string;
    const declared = this.template.Parameters?.[name];
    if (!declared || !('Default' in declared)) throw new Error(`parameter ${name} has no value and no default`);
    return String(declared.Default);
  }

  condition(name: string): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const definition = this.template.Conditions?.[name];
    if (definition === undefined) throw new Error(`no condition ${name}`);
    const value = this.evaluate(definition);
    this.conditions.set(name, value);
    return value;
  }

  /** The value with every Fn::If decided and AWS::NoValue removed (undefined when the value itself is removed). */
  resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item)).filter((item) => item !== undefined);
    if (typeof value !== 'object' || value === null) return value;
    const object = value as Record<string, unknown>;
    if (object.Ref === 'AWS::NoValue') return undefined;
    if ('Fn::If' in object) {
      const [name, whenTrue, whenFalse] = object['Fn::If'] as [string, unknown, unknown];
      return this.resolve(this.condition(name) ? whenTrue : whenFalse);
    }
    const resolved = Object.entries(object)
      .map(([key, item]) => [key, this.resolve(item)] as const)
      .filter(([, item]) => item !== undefined);
    return Object.fromEntries(resolved);
  }

  private evaluate(node: unknown): boolean {
    const object = node as Record<string, unknown[] | string>;
    if (typeof object.Condition === 'string') return this.condition(object.Condition);
    if (Array.isArray(object['Fn::Equals'])) {
      const [a, b] = object['Fn::Equals'].map((side) => this.scalar(side));
      return a === b;
    }
    if (Array.isArray(object['Fn::Not'])) return !this.evaluate(object['Fn::Not'][0]);
    if (Array.isArray(object['Fn::And'])) return object['Fn::And'].every((item) => this.evaluate(item));
    if (Array.isArray(object['Fn::Or'])) return object['Fn::Or'].some((item) => this.evaluate(item));
    throw new Error(`unsupported condition ${JSON.stringify(node)}`);
  }

  private scalar(node: unknown): string {
    if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
    const ref = (node as { Ref?: unknown } | null)?.Ref;
    if (typeof ref === 'string') return this.parameter(ref);
    throw new Error(`unsupported value in a condition: ${JSON.stringify(node)}`);
  }
}
