/**
 * CloudFormation's intrinsic functions, evaluated on plain template data. The functions whose answer the template and
 * its parameters decide are answered as CloudFormation answers them (AWS CloudFormation User Guide, "Intrinsic function
 * reference"); what only a deployed stack knows (a resource's name or attributes, another stack's exports) comes from
 * the symbols, which answer as `sam local` does (symbols.ts). An expression that cannot be answered throws
 * Unresolvable, and the caller keeps it as written, as SAM CLI does
 * (aws/aws-sam-cli samcli/lib/intrinsic_resolver/intrinsic_property_resolver.py, resolve_template(ignore_errors=True)).
 */

/** `!Ref AWS::NoValue`: the property (or list item) that holds it is removed. */
export const NO_VALUE = Symbol('AWS::NoValue');

/** An expression that cannot be answered locally; the message says why. */
export class Unresolvable extends Error {}

/** A function (or macro) that is not evaluated locally at all, as under sam local: Fn::Cidr, Fn::Length, … */
export class NotEvaluatedLocally extends Unresolvable {
  constructor(
    readonly fn: string,
    message = `${fn} is not evaluated locally`,
  ) {
    super(message);
  }
}

/** What a deployed stack would answer, and the template's own Conditions and Mappings. */
export interface Scope {
  ref: (name: string) => unknown;
  getAtt: (logicalId: string, attribute: string) => unknown;
  /** A `${Resource.Attribute}` of Fn::Sub that getAtt cannot answer: sam local writes `$Resource.Attribute`. */
  subAttFallback: (logicalId: string, attribute: string) => string;
  condition: (name: string) => boolean;
  mappings: Record<string, unknown>;
  /** Fn::GetAZs of a region ("" is the template's own region). */
  getAZs: (region: string) => unknown;
  /** The snippet an AWS::Include reads from Location, as written there. */
  include: (location: string) => unknown;
}

// Each function gets its own name (`Fn::Join`), the one its messages give.
type Intrinsic = (argument: unknown, scope: Scope, fn: string) => unknown;

/** samtranslator's is_intrinsic: an object with one key, Ref or Fn::*. */
export function intrinsicName(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined;
  const [key, ...others] = Object.keys(value);
  if (key === undefined || others.length > 0) return undefined;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** The value with every intrinsic function in it evaluated; NO_VALUE items and keys are left out. */
export function evaluate(value: unknown, scope: Scope): unknown {
  if (Array.isArray(value)) return value.map((item) => evaluate(item, scope)).filter((item) => item !== NO_VALUE);
  if (!isPlainObject(value)) return value;
  const name = intrinsicName(value);
  if (name === undefined) {
    const entries = Object.entries(value).map(([key, item]) => [key, evaluate(item, scope)] as const);
    return Object.fromEntries(entries.filter(([, item]) => item !== NO_VALUE));
  }
  const intrinsic = INTRINSICS[name];
  if (!intrinsic) throw new NotEvaluatedLocally(name);
  return intrinsic(value[name], scope, name);
}

const INTRINSICS: Record<string, Intrinsic> = {
  Ref: (argument, scope, fn) => scope.ref(text(evaluate(argument, scope), fn)),
  'Fn::GetAtt': (argument, scope, fn) => {
    const value = evaluate(argument, scope);
    // The YAML long form also takes "Resource.Attribute" as one string; a resource's id never holds a dot.
    const [logicalId, attribute] = typeof value === 'string' ? splitAtFirstDot(value) : list(value, fn, 2);
    return scope.getAtt(text(logicalId, fn), text(attribute, fn));
  },
  'Fn::Sub': sub,
  'Fn::Join': (argument, scope, fn) => {
    const [delimiter, values] = list(evaluate(argument, scope), fn, 2);
    return list(values, fn)
      .map((item) => scalarText(item, fn))
      .join(text(delimiter, fn));
  },
  'Fn::Select': (argument, scope, fn) => {
    const [index, values] = list(evaluate(argument, scope), fn, 2);
    const items = list(values, fn);
    const at = Number(index);
    // CloudFormation takes the index as a number or a numeric string.
    if (!/^\d+$/.test(String(index)) || at >= items.length) {
      throw new Unresolvable(`${fn}: index ${String(index)} is not in a list of ${items.length}`);
    }
    return items[at];
  },
  'Fn::Split': (argument, scope, fn) => {
    const [delimiter, source] = list(evaluate(argument, scope), fn, 2);
    return text(source, fn).split(text(delimiter, fn));
  },
  'Fn::FindInMap': findInMap,
  'Fn::Base64': (argument, scope, fn) => Buffer.from(text(evaluate(argument, scope), fn)).toString('base64'),
  'Fn::If': (argument, scope, fn) => {
    const [name, ifTrue, ifFalse] = list(argument, fn, 3);
    // Only the branch taken is evaluated, as CloudFormation does.
    return evaluate(scope.condition(text(name, fn)) ? ifTrue : ifFalse, scope);
  },
  'Fn::Equals': (argument, scope, fn) => {
    const [left, right] = list(evaluate(argument, scope), fn, 2);
    return comparable(left) === comparable(right);
  },
  'Fn::Not': (argument, scope, fn) => !conditionValue(list(argument, fn, 1)[0], scope),
  'Fn::And': (argument, scope, fn) => list(argument, fn).every((item) => conditionValue(item, scope)),
  'Fn::Or': (argument, scope, fn) => list(argument, fn).some((item) => conditionValue(item, scope)),
  'Fn::GetAZs': (argument, scope, fn) => scope.getAZs(text(evaluate(argument, scope), fn)),
  // The included snippet is evaluated like the rest of the template, as CloudFormation evaluates it once included.
  'Fn::Transform': (argument, scope, fn) => evaluate(includedSnippet(argument, scope, fn), scope),
  'Fn::ImportValue': (_argument, _scope, fn) => {
    throw new Unresolvable(`${fn} reads an export of another, deployed stack`);
  },
};

// `${Name}`, `${Resource.Attribute}`, `${!Literal}` (written as `${Literal}`), with the list form's variables first.
function sub(argument: unknown, scope: Scope, fn: string): string {
  const [source, variables] = typeof argument === 'string' ? [argument, {}] : list(argument, fn, 2);
  const values = evaluate(variables, scope);
  if (!isPlainObject(values)) throw new Unresolvable(`${fn}: the variables must be a map`);
  return text(evaluate(source, scope), fn).replace(/\$\{([^}]*)\}/g, (_, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (Object.hasOwn(values, name)) return scalarText(values[name], fn);
    if (!name.includes('.')) return scalarText(scope.ref(name), fn);
    const [logicalId, attribute] = splitAtFirstDot(name);
    try {
      return scalarText(scope.getAtt(logicalId, attribute), fn);
    } catch (error) {
      if (error instanceof Unresolvable) return scope.subAttFallback(logicalId, attribute);
      throw error;
    }
  });
}

/**
 * Fn::Transform with CloudFormation's AWS::Include macro: the snippet at `Parameters.Location`, as written there
 * (AWS CloudFormation User Guide, "AWS::Include transform"). sam local reads the same (intrinsic_property_resolver.py,
 * handle_fn_transform); no other macro is run locally.
 */
export function includedSnippet(argument: unknown, scope: Scope, fn = 'Fn::Transform'): unknown {
  if (!isPlainObject(argument)) throw new Unresolvable(`${fn} needs a map with Name and Parameters`);
  const name = evaluate(argument.Name, scope);
  if (name !== 'AWS::Include') {
    throw new NotEvaluatedLocally(fn, `${fn}: the macro ${JSON.stringify(name)} is not run locally, only AWS::Include`);
  }
  const parameters = argument.Parameters;
  if (!isPlainObject(parameters)) throw new Unresolvable(`${fn}: AWS::Include needs Parameters with a Location`);
  return scope.include(text(evaluate(parameters.Location, scope), fn));
}

function findInMap(argument: unknown, scope: Scope, fn: string): unknown {
  const [mapName, topKey, secondKey, options] = list(evaluate(argument, scope), fn, 3);
  const keys = [mapName, topKey, secondKey].map((key) => text(key, fn));
  let found: unknown = scope.mappings;
  for (const key of keys) found = isPlainObject(found) && Object.hasOwn(found, key) ? found[key] : undefined;
  if (found !== undefined) return found;
  // The AWS::LanguageExtensions form: a fourth argument { DefaultValue: … } answers a missing key.
  if (isPlainObject(options) && Object.hasOwn(options, 'DefaultValue')) return options.DefaultValue;
  throw new Unresolvable(`${fn}: the Mappings have no ${keys.join('.')}`);
}

/** An item of Fn::And, Fn::Or or Fn::Not: `{ Condition: Name }` or a function that evaluates to a boolean. */
function conditionValue(item: unknown, scope: Scope): boolean {
  if (isPlainObject(item) && Object.keys(item).length === 1 && 'Condition' in item) {
    return scope.condition(text(item.Condition, 'Condition'));
  }
  return asBoolean(evaluate(item, scope), 'a condition');
}

/** A condition's value: CloudFormation takes true and false, also as strings. */
export function asBoolean(value: unknown, what: string): boolean {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  throw new Unresolvable(`${what} must evaluate to true or false`);
}

// CloudFormation compares the values as strings: a parameter override "1" equals a number 1 written in the template.
function comparable(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function list(value: unknown, where: string, length?: number): unknown[] {
  if (!Array.isArray(value) || value.length < (length ?? 0)) {
    throw new Unresolvable(`${where} needs a list${length === undefined ? '' : ` of ${length}`}`);
  }
  return value;
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new Unresolvable(`${where} needs a string here`);
  return value;
}

/** A string, number or boolean as the text CloudFormation puts in its place. */
function scalarText(value: unknown, where: string): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return text(value, where);
}

function splitAtFirstDot(name: string): [string, string] {
  // split gives at least one item.
  const [first, ...rest] = name.split('.') as [string, ...string[]];
  return [first, rest.join('.')];
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
