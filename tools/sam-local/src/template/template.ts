import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse, YAMLMap, YAMLSeq, type CollectionTag, type ScalarTag } from 'yaml';

import { resolutionContextOf, resolveTemplate, type ResolutionNote } from './resolve-template';
import { DEFAULT_REGION } from './symbols';
import type { Template } from './types';

export type { Resource, Template } from './types';

// Short-form intrinsic functions and the long-form key each stands for.
const INTRINSICS: Record<string, string> = {
  Ref: 'Ref',
  Condition: 'Condition',
  Sub: 'Fn::Sub',
  GetAtt: 'Fn::GetAtt',
  Join: 'Fn::Join',
  Select: 'Fn::Select',
  Split: 'Fn::Split',
  If: 'Fn::If',
  Equals: 'Fn::Equals',
  And: 'Fn::And',
  Or: 'Fn::Or',
  Not: 'Fn::Not',
  FindInMap: 'Fn::FindInMap',
  Base64: 'Fn::Base64',
  Cidr: 'Fn::Cidr',
  GetAZs: 'Fn::GetAZs',
  ImportValue: 'Fn::ImportValue',
  Transform: 'Fn::Transform',
  ToJsonString: 'Fn::ToJsonString',
  Length: 'Fn::Length',
};

function cloudFormationTags(): Array<ScalarTag | CollectionTag> {
  return Object.entries(INTRINSICS).flatMap(([short, long]) => {
    const tag = `!${short}`;
    const scalar: ScalarTag = {
      tag,
      // !GetAtt Resource.Attribute is the scalar form of ["Resource", "Attribute"].
      resolve: (value: string) => (short === 'GetAtt' ? { [long]: splitOnce(value, '.') } : { [long]: value }),
    };
    const collection = (kind: 'seq' | 'map'): CollectionTag => ({
      tag,
      collection: kind,
      resolve: (node) => ({ [long]: (node as YAMLSeq | YAMLMap).toJSON() as unknown }),
    });
    return [scalar, collection('seq'), collection('map')];
  });
}

function splitOnce(text: string, separator: string): string[] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}

export function parseTemplate(source: string): Template {
  const template: unknown = parse(source, { customTags: cloudFormationTags(), uniqueKeys: true });
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
  try {
    raw = parseTemplate(source);
  } catch (error) {
    throw new Error(`Cannot parse template ${absolute}: ${(error as Error).message}`, { cause: error });
  }
  const region = options.region ?? DEFAULT_REGION;
  const { template, notes } = resolveTemplate(raw, { region, parameterOverrides: options.parameterOverrides ?? {} });
  return { path: absolute, dir: dirname(absolute), template, region, notes, raw };
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
  return { ...loaded, region, ...resolveTemplate(loaded.raw, { region, parameterOverrides }) };
}
