import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseCloudFormationYaml, type RepeatedKey } from './cloudformation-yaml';
import { readDefinitionFiles } from './definition-files';
import { resolutionContextOf, resolveTemplate, type ResolutionNote } from './resolve-template';
import { DEFAULT_REGION } from './symbols';
import type { Template } from './types';

export type { Resource, Template } from './types';

/** The template's data; `onRepeatedKey` hears of each key written twice in one mapping (the last value is kept). */
export function parseTemplate(source: string, onRepeatedKey?: (repeated: RepeatedKey) => void): Template {
  const template = parseCloudFormationYaml(source, onRepeatedKey);
  if (typeof template !== 'object' || template === null || !('Resources' in template)) {
    throw new Error('Not a SAM template: no Resources section');
  }
  return template as Template;
}

export interface LoadedTemplate {
  path: string;
  dir: string;
  /** Resolved once (resolve-template.ts): plain data, except what only a deployed stack knows. */
  template: Template;
  /** The region the template was resolved for, and the functions run in. */
  region?: string;
  /** The values only a deployed stack knows: what each is locally (see ResolutionNote). */
  notes?: ResolutionNote[];
  /** The template as written (short-form tags in long form), for resolving it again with other parameters. */
  raw?: Template;
  /** How the file was read: one line per key written twice in one mapping. */
  readNotes?: string[];
  /** APIs' DefinitionUri files that could not be read (definition-files.ts): start-api's lines. */
  documentNotes?: string[];
}

export interface LoadOptions {
  /** `--parameter-overrides`, over the parameters' defaults. */
  parameterOverrides?: Record<string, string>;
  /** Default us-east-1; the commands pass the one resolveRegion() finds. */
  region?: string;
}

/** Reads, parses and resolves a template: the one place every command gets its template from. */
export function loadTemplate(path: string, options: LoadOptions = {}): LoadedTemplate {
  const absolute = resolve(path);
  let source: string;
  try {
    source = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read template ${absolute}: ${(error as Error).message}`, { cause: error });
  }
  let raw: Template;
  const readNotes: string[] = [];
  try {
    raw = parseTemplate(source, ({ line, key }) =>
      readNotes.push(
        `${absolute} line ${line}: ${key ? `the key ${key}` : 'a key'} is written twice in one mapping; the last ` +
          `value is used, as sam local reads YAML (cfn-lint reports it: E0000)`,
      ),
    );
  } catch (error) {
    throw new Error(`Cannot parse template ${absolute}: ${(error as Error).message}`, { cause: error });
  }
  const region = options.region ?? DEFAULT_REGION;
  const dir = dirname(absolute);
  const parameterOverrides = options.parameterOverrides ?? {};
  const { template, notes } = resolveTemplate(raw, { region, parameterOverrides, templateDir: dir });
  const documentNotes = readDefinitionFiles(template, dir);
  return {
    path: absolute,
    dir,
    template,
    region,
    notes,
    raw,
    ...(readNotes.length > 0 ? { readNotes } : {}),
    ...(documentNotes.length > 0 ? { documentNotes } : {}),
  };
}

/**
 * The template resolved again with more parameter overrides, for the functions that take overrides beside an
 * already loaded template (generateEvent); the same template when there are none.
 */
export function withParameterOverrides(
  loaded: LoadedTemplate,
  overrides: Record<string, string> | undefined,
): LoadedTemplate {
  if (!overrides || Object.keys(overrides).length === 0 || !loaded.raw) return loaded;
  const previous = resolutionContextOf(loaded.template);
  const region = loaded.region ?? DEFAULT_REGION;
  const parameterOverrides = { ...previous?.parameterOverrides, ...overrides };
  const resolved = resolveTemplate(loaded.raw, { region, parameterOverrides, templateDir: loaded.dir });
  // The files' lines were said when the template was loaded.
  readDefinitionFiles(resolved.template, loaded.dir);
  return { ...loaded, region, ...resolved };
}
