import { localIncludes } from './include';
import {
  asBoolean,
  evaluate,
  includedSnippet,
  intrinsicName,
  isPlainObject,
  NO_VALUE,
  NotEvaluatedLocally,
  Unresolvable,
  type Scope,
} from './intrinsics';
import { samSymbols, type SymbolContext } from './symbols';
import type { Template } from './types';

/**
 * The template resolved once, as `sam local` resolves it before anything reads it (aws/aws-sam-cli
 * samcli/lib/providers/sam_base_provider.py: IntrinsicResolver(...).resolve_template(ignore_errors=True)): every
 * intrinsic function in Globals, Resources and Outputs evaluated with the parameters, the pseudo parameters and the
 * Conditions and Mappings. As there, each property is resolved on its own: one that cannot be known locally stays as
 * written (an intrinsic's object, which becomes "" as an environment variable) and the others are still resolved.
 */
export interface ResolvedTemplate {
  template: Template;
  /** Each value that only a deployed stack knows: what it is locally, and why. */
  notes: ResolutionNote[];
}

export interface ResolutionNote {
  /** Where it is, e.g. ['Resources', 'Fn', 'Properties', 'Environment', 'Variables', 'TABLE']. */
  path: string[];
  /** The value as written, in short form: `!GetAtt Table.Arn`. */
  written: string;
  /** False when it stays as written; true when it holds sam local's stand-in (a logical id, a made-up ARN). */
  resolved: boolean;
  /** The value locally. */
  value: unknown;
  why: string;
  /** The function left as written because it is not evaluated locally at all (Fn::Cidr, Fn::ForEach, …). */
  unevaluated?: string;
}

// SAM CLI resolves Resources and Outputs; Globals too, since its translator plugins merge them in first.
const SECTIONS = ['Globals', 'Resources', 'Outputs'] as const;

// AWS::LanguageExtensions' Fn::ForEach::Name key: sam local expands it only when asked (--language-extensions or
// SAM_CLI_ENABLE_LANGUAGE_EXTENSIONS=1; samcli/lib/cfn_language_extensions/sam_integration.py, off by default).
const FOR_EACH = 'Fn::ForEach::';
const FOR_EACH_WHY =
  'Fn::ForEach (AWS::LanguageExtensions) is not expanded locally, as sam local does not without --language-extensions';

const contexts = new WeakMap<Template, SymbolContext>();
// Per resolved template: each text that holds a stand-in (a logical id, a made-up ARN), with the intrinsic written.
const standInTexts = new WeakMap<Template, Map<string, string>>();

/** The region and parameter overrides a template was resolved with, if it came from resolveTemplate. */
export function resolutionContextOf(template: Template): SymbolContext | undefined {
  return contexts.get(template);
}

/**
 * The intrinsic function as written (`!Ref UserPoolClient`) when a text of the resolved template is sam local's
 * stand-in for what only the deployed stack knows, else undefined: a value that must not be compared with a real
 * one (a JWT audience, an issuer URL built from a user pool's id).
 */
export function standInOf(template: Template, text: string): string | undefined {
  return standInTexts.get(template)?.get(text);
}

export function resolveTemplate(raw: Template, context: SymbolContext): ResolvedTemplate {
  const notes: ResolutionNote[] = [];
  const texts = new Map<string, string>();
  const standIns: string[] = [];
  const scope = templateScope(raw, context, (why) => standIns.push(why));

  function resolveNode(value: unknown, path: string[]): unknown {
    if (Array.isArray(value)) {
      return value
        .map((item, index) => resolveNode(item, [...path, String(index)]))
        .filter((item) => item !== NO_VALUE);
    }
    if (!isPlainObject(value)) return value;
    const name = intrinsicName(value);
    if (name === undefined) return resolveMap(value, path);
    // An included snippet becomes part of the template: each of its properties is resolved on its own.
    if (name === 'Fn::Transform') return resolveNode(includedSnippet(value[name], scope), path);
    const mark = standIns.length;
    const result = evaluate(value, scope);
    if (standIns.length > mark && typeof result === 'string') texts.set(result, shortForm(value));
    return result;
  }

  function resolveMap(map: Record<string, unknown>, path: string[]): Record<string, unknown> {
    const resolved: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(map)) {
      const at = [...path, key];
      if (key.startsWith(FOR_EACH)) {
        resolved[key] = value;
        notes.push({ path: at, written: key, resolved: false, value, why: FOR_EACH_WHY, unevaluated: 'Fn::ForEach' });
        continue;
      }
      const mark = standIns.length;
      try {
        const result = resolveNode(value, at);
        if (result !== NO_VALUE) resolved[key] = result;
        const why = [...new Set(standIns.slice(mark))];
        if (why.length > 0)
          notes.push({ path: at, written: shortForm(value), resolved: true, value: result, why: why.join('; ') });
      } catch (error) {
        if (!(error instanceof Unresolvable)) throw error;
        resolved[key] = value;
        const unevaluated = error instanceof NotEvaluatedLocally ? { unevaluated: error.fn } : {};
        notes.push({ path: at, written: shortForm(value), resolved: false, value, why: error.message, ...unevaluated });
      } finally {
        standIns.length = mark;
      }
    }
    return resolved;
  }

  const template: Record<string, unknown> = { ...raw };
  for (const section of SECTIONS) {
    const value: unknown = raw[section];
    if (isPlainObject(value)) template[section] = resolveMap(value, [section]);
  }
  const resolved = template as Template;
  contexts.set(resolved, context);
  standInTexts.set(resolved, texts);
  return { template: resolved, notes };
}

/** The symbols of a template with its Conditions (each evaluated once) and Mappings. */
export function templateScope(raw: Template, context: SymbolContext, standIn: (why: string) => void): Scope {
  const known = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const conditions = raw.Conditions ?? {};
  const scope: Scope = {
    ...samSymbols(raw, context, standIn),
    include: localIncludes(context.templateDir ?? process.cwd()),
    mappings: isPlainObject(raw.Mappings) ? raw.Mappings : {},
    condition: (name) => {
      const value = known.get(name);
      if (value !== undefined) return value;
      if (!Object.hasOwn(conditions, name)) throw new Unresolvable(`the template has no condition ${name}`);
      if (evaluating.has(name)) throw new Unresolvable(`condition ${name} depends on itself`);
      evaluating.add(name);
      try {
        const result = asBoolean(evaluate(conditions[name], scope), `condition ${name}`);
        known.set(name, result);
        return result;
      } finally {
        evaluating.delete(name);
      }
    },
  };
  return scope;
}

const SHORT_FORM_LIMIT = 120;

/** An intrinsic as one would write it in YAML (`!Ref Table`, `!GetAtt Table.Arn`, `!Sub "…"`), shortened. */
export function shortForm(value: unknown): string {
  const name = intrinsicName(value);
  const shown =
    name === undefined ? JSON.stringify(value) : intrinsicShortForm(name, (value as Record<string, unknown>)[name]);
  return shown.length > SHORT_FORM_LIMIT ? `${shown.slice(0, SHORT_FORM_LIMIT - 1)}…` : shown;
}

function intrinsicShortForm(name: string, argument: unknown): string {
  if (name === 'Fn::GetAtt' && Array.isArray(argument)) return `!GetAtt ${argument.join('.')}`;
  const shown = typeof argument === 'string' && argument !== '' ? argument : JSON.stringify(argument);
  return `!${name.replace('Fn::', '')} ${shown}`;
}
