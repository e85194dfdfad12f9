import { parse, YAMLMap, YAMLSeq, type CollectionTag, type ScalarTag } from 'yaml';

/**
 * CloudFormation's YAML: its short-form tags (`!Ref`, `!Sub`, `!GetAtt A.B`, …) read as their long form. Both a
 * template and a snippet it includes (Fn::Transform AWS::Include) are read with it.
 */

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

/** YAML (or JSON, which is YAML) with CloudFormation's tags, as plain data; throws on a syntax error. */
export function parseCloudFormationYaml(source: string): unknown {
  return parse(source, { customTags: cloudFormationTags(), uniqueKeys: true });
}
