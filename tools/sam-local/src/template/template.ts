import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse, YAMLMap, YAMLSeq, type CollectionTag, type ScalarTag } from 'yaml';

/** A CloudFormation/SAM template as plain data, short-form tags turned into their long form. */
export interface Template {
  Parameters?: Record<string, { Type: string; Default?: unknown; [key: string]: unknown }>;
  Conditions?: Record<string, unknown>;
  Globals?: { Function?: Record<string, unknown>; Api?: Record<string, unknown>; [key: string]: unknown };
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; [key: string]: unknown }>;
  [key: string]: unknown;
}

export interface Resource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  [key: string]: unknown;
}

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
  template: Template;
}

export function loadTemplate(path: string): LoadedTemplate {
  const absolute = resolve(path);
  let source: string;
  try {
    source = readFileSync(absolute, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read template ${absolute}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return { path: absolute, dir: dirname(absolute), template: parseTemplate(source) };
  } catch (error) {
    throw new Error(`Cannot parse template ${absolute}: ${(error as Error).message}`, { cause: error });
  }
}
