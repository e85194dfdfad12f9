// Small templates for the tests of template readers: Resources written as YAML, resolved as start-api resolves them.
import { resolveTemplate } from '../../src/template/resolve-template';
import { parseTemplate, type Template } from '../../src/template/template';

/** A template of these Resources (YAML written under `Resources:`), resolved for region eu-west-1. */
export function resolvedResources(resources: string): Template {
  return resolveTemplate(parseTemplate(`Resources:\n${resources}`), { region: 'eu-west-1', parameterOverrides: {} })
    .template;
}

/** One resource, to go under `Resources:`: its Properties given as YAML lines, indented here. */
export function resourceYaml(id: string, type: string, properties: string): string {
  const lines = properties
    .trim()
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');
  return `
  ${id}:
    Type: ${type}
    Properties:
${lines}
`;
}
