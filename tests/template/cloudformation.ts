/** Plain CloudFormation as the SAM translator prints it (JSON), and small readers over it. */

export type Json = unknown;
export type JsonObject = Record<string, unknown>;

export interface Resource {
  Type: string;
  Properties?: JsonObject;
  Condition?: string;
  DeletionPolicy?: string;
  [key: string]: unknown;
}

export interface CfnTemplate {
  Parameters?: Record<string, { Type: string; Default?: unknown; [key: string]: unknown }>;
  Conditions?: Record<string, Json>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: Json; Condition?: string; [key: string]: unknown }>;
  [key: string]: unknown;
}

/** What one deployment gets: the transformed template with its conditions decided (conditions.ts). */
export interface Deployment {
  template: CfnTemplate;
  parameters: Record<string, string>;
  conditions: Record<string, boolean>;
}

/** A rule returns readable violations, none when the deployment complies. */
export type Rule = (deployment: Deployment) => string[];

export function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asList(value: Json): Json[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

export function resourcesOfType(template: CfnTemplate, type: string): Array<[string, Resource]> {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

export function propertiesOf(resource: Resource | undefined): JsonObject {
  return resource?.Properties ?? {};
}

/** The logical id of `{Ref: X}` or `{Fn::GetAtt: [X, attr]}`, else undefined. */
export function targetOf(value: Json): string | undefined {
  if (!isObject(value)) return undefined;
  if (typeof value.Ref === 'string') return value.Ref;
  const getAtt = value['Fn::GetAtt'];
  return Array.isArray(getAtt) && typeof getAtt[0] === 'string' ? getAtt[0] : undefined;
}

/** Logical ids a value refers to through Ref, Fn::GetAtt or Fn::Sub (pseudo parameters left out). */
export function referencedIds(value: Json): Set<string> {
  const ids = new Set<string>();
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    const target = targetOf(node);
    if (target !== undefined) ids.add(target);
    const sub = node['Fn::Sub'];
    const [text, variables] = Array.isArray(sub) ? (sub as [Json, Json]) : [sub, undefined];
    if (typeof text === 'string') {
      const local = isObject(variables) ? Object.keys(variables) : [];
      for (const [, name = ''] of text.matchAll(/\$\{([^}!]+)\}/g)) {
        const id = name.trim().split('.')[0] ?? '';
        if (!local.includes(id)) ids.add(id);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(value);
  return new Set([...ids].filter((id) => !id.startsWith('AWS::')));
}

/**
 * The text of an Fn::Sub with its local variables put in: `${__ApiId__}` becomes `${HelloApi}` when the
 * variable map says `__ApiId__: {Ref: HelloApi}`, and a literal variable becomes its text. Plain strings pass.
 */
export function subText(value: Json): string | undefined {
  if (typeof value === 'string') return value;
  const sub = isObject(value) ? value['Fn::Sub'] : undefined;
  if (typeof sub === 'string') return sub;
  if (!Array.isArray(sub) || typeof sub[0] !== 'string') return undefined;
  const variables = isObject(sub[1]) ? sub[1] : {};
  return sub[0].replace(/\$\{([^}!]+)\}/g, (whole, name: string) => {
    const variable = variables[name];
    if (typeof variable === 'string') return variable;
    const target = targetOf(variable);
    return target === undefined ? whole : `\${${target}}`;
  });
}

export function show(value: Json): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}
