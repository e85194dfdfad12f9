import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseCloudFormationYaml } from './cloudformation-yaml';
import type { Template } from './types';

const WITH_DEFINITION_URI = new Set(['AWS::Serverless::Api', 'AWS::Serverless::HttpApi']);

/**
 * The OpenAPI file a SAM API's `DefinitionUri` names, read as its document when it has no `DefinitionBody`: SAM CLI
 * reads a local DefinitionUri the same way (samcli/commands/local/lib/swagger/reader.py, SwaggerReader: the body
 * wins; a path is read relative to the working directory start-api resolves, the template's folder). The file is
 * taken as written: `sam deploy` uploads it unchanged, so CloudFormation never resolves intrinsic functions in it
 * (AWS::Include is the way to get them). An S3 location, or a file that cannot be read, is named in a returned line and
 * the API keeps only its events. Changes the resolved template in place; returns the start-up lines.
 */
export function readDefinitionFiles(template: Template, templateDir: string): string[] {
  const lines: string[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    const props = resource.Properties;
    if (!WITH_DEFINITION_URI.has(resource.Type) || !props || props.DefinitionUri === undefined) continue;
    if (props.DefinitionBody !== undefined) continue;
    const kind = resource.Type === 'AWS::Serverless::Api' ? 'REST API' : 'HTTP API';
    const uri = props.DefinitionUri;
    if (typeof uri !== 'string' || /^s3:\/\//i.test(uri)) {
      lines.push(`${kind} ${id}: its DefinitionUri is in S3, which is not read locally: only its events are served`);
      continue;
    }
    const path = resolve(templateDir, uri);
    let document: unknown;
    try {
      document = parseCloudFormationYaml(readFileSync(path, 'utf8'));
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      lines.push(`${kind} ${id}: cannot read its DefinitionUri ${path} (${why}): only its events are served`);
      continue;
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      lines.push(`${kind} ${id}: its DefinitionUri ${path} is not an OpenAPI document: only its events are served`);
      continue;
    }
    template.Resources[id] = { ...resource, Properties: { ...props, DefinitionBody: document } };
  }
  return lines;
}
