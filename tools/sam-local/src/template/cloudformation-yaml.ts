import { parseDocument, YAMLMap, YAMLSeq, type CollectionTag, type ScalarTag } from 'yaml';

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

/** A key written twice in one mapping: where, and which. */
export interface RepeatedKey {
  line: number;
  key: string;
}

/**
 * YAML (or JSON, which is YAML) with CloudFormation's tags, as plain data; throws on a syntax error. Read as SAM CLI
 * reads a template (samcli/yamlhelper.py, yaml_parse: PyYAML's SafeLoader building each mapping from its pairs):
 * a key written twice in one mapping keeps its last value, and merge keys (`<<: *anchor`) are applied. Each
 * repeated key is passed to `onRepeatedKey` (cfn-lint reports them as E0000).
 */
export function parseCloudFormationYaml(source: string, onRepeatedKey?: (repeated: RepeatedKey) => void): unknown {
  const customTags = cloudFormationTags();
  // Read strictly first: a template without repeated keys (nearly all) is parsed once.
  const strict = parseDocument(source, { customTags, uniqueKeys: true, merge: true });
  const repeats = strict.errors.filter((error) => error.code === 'DUPLICATE_KEY');
  const [other] = strict.errors.filter((error) => error.code !== 'DUPLICATE_KEY');
  if (other) throw other;
  if (repeats.length === 0) return strict.toJS();
  for (const repeat of repeats) {
    const key = /^Map keys must be unique/.test(repeat.message) ? repeatedKeyName(source, repeat.pos[0]) : '';
    onRepeatedKey?.({ line: repeat.linePos?.[0].line ?? 0, key });
  }
  // The lenient reading is the value: each repeated key keeps its last value.
  return parseDocument(source, { customTags, uniqueKeys: false, merge: true }).toJS();
}

// The key at an error's offset, as written (up to its colon).
function repeatedKeyName(source: string, offset: number): string {
  return /^\s*([^:\n]+?)\s*:/.exec(source.slice(offset))?.[1] ?? '';
}
