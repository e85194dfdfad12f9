import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, type CollectionTag, type ScalarTag, type YAMLMap, type YAMLSeq } from 'yaml';
import { ROOT } from '../../../../tests/helpers/project';

export type TemplateNode = Record<string, unknown>;

// CloudFormation's short-form intrinsics this reading needs to get past; each becomes its long form.
const INTRINSICS = ['Ref', 'Sub', 'GetAtt', 'If', 'Equals', 'Not', 'And', 'Or', 'Join', 'Select', 'Split'];
const longName = (short: string): string => (short === 'Ref' ? 'Ref' : `Fn::${short}`);
const CLOUDFORMATION_TAGS: Array<ScalarTag | CollectionTag> = INTRINSICS.flatMap((short) => [
  { tag: `!${short}`, resolve: (value: string) => ({ [longName(short)]: value }) },
  ...(['seq', 'map'] as const).map((collection): CollectionTag => ({
    tag: `!${short}`,
    collection,
    resolve: (node) => ({ [longName(short)]: (node as YAMLSeq | YAMLMap).toJSON() as unknown }),
  })),
]);

/** template.yaml as plain data, short-form tags in their long form. */
export function readTemplate(path = join(ROOT, 'template.yaml')): TemplateNode {
  return parse(readFileSync(path, 'utf8'), { customTags: CLOUDFORMATION_TAGS }) as TemplateNode;
}

function node(value: unknown): TemplateNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as TemplateNode) : {};
}

export function resources(template: TemplateNode): Array<[string, TemplateNode]> {
  return Object.entries(node(template.Resources)).map(([id, resource]) => [id, node(resource)]);
}

/**
 * The routes the deployed REST API has, as "METHOD /path": every Api event of every function, and the OPTIONS
 * method SAM adds to each of an API's paths when the API (or Globals.Api) sets Cors.
 */
export function templateRoutes(template: TemplateNode): string[] {
  const globalCors = node(node(template.Globals).Api).Cors;
  const routes = new Set<string>();
  for (const [, resource] of resources(template)) {
    if (resource.Type !== 'AWS::Serverless::Function') continue;
    for (const event of Object.values(node(node(resource.Properties).Events)).map(node)) {
      if (event.Type !== 'Api') continue;
      const { Method, Path, RestApiId } = node(event.Properties);
      if (typeof Method !== 'string' || typeof Path !== 'string') continue;
      routes.add(`${Method.toUpperCase()} ${Path}`);
      const apiId = node(RestApiId).Ref;
      const api = typeof apiId === 'string' ? node(node(node(template.Resources)[apiId]).Properties) : {};
      if ((api.Cors ?? globalCors) !== undefined) routes.add(`OPTIONS ${Path}`);
    }
  }
  return [...routes].sort();
}

/** A Cors setting as API Gateway sends it: SAM takes each value as a quoted string literal, e.g. "'GET,OPTIONS'". */
export function corsValue(value: unknown): string | undefined {
  return typeof value === 'string' ? value.replace(/^'(.*)'$/, '$1') : undefined;
}
