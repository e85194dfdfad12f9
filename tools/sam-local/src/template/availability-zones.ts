/**
 * The availability zones `sam local` answers `Fn::GetAZs` with: a fixed table of 19 regions, the same zones as SAM CLI
 * 1.164.0's (aws/aws-sam-cli samcli/lib/intrinsic_resolver/intrinsics_symbol_table.py, IntrinsicsSymbolTable.REGIONS).
 * A deployed stack gets its account's zones instead (AWS CloudFormation User Guide, "Fn::GetAZs"). A region not in
 * the table leaves Fn::GetAZs as written there; the China and GovCloud regions listed have no zones in it.
 * Data only (kept out of the mutation run): each region with the letters of its zones.
 */
const ZONE_LETTERS: Readonly<Record<string, string>> = {
  'us-east-1': 'abcdef',
  'us-east-2': 'abc',
  'us-west-1': 'bc',
  'us-west-2': 'abcd',
  'ca-central-1': 'ab',
  'sa-east-1': 'ac',
  'eu-north-1': 'abc',
  'eu-west-1': 'abc',
  'eu-west-2': 'abc',
  'eu-west-3': 'abc',
  'eu-central-1': 'abc',
  'ap-south-1': 'abc',
  'ap-northeast-1': 'acd',
  'ap-northeast-2': 'abc',
  'ap-northeast-3': 'a',
  'ap-southeast-1': 'abc',
  'ap-southeast-2': 'abc',
  'cn-north-1': '',
  'us-gov-west-1': '',
};

/** The region's zones as sam local lists them (`us-west-1` → `us-west-1b`, `us-west-1c`), or undefined. */
export function samLocalAvailabilityZones(region: string): string[] | undefined {
  if (!Object.hasOwn(ZONE_LETTERS, region)) return undefined;
  return [...ZONE_LETTERS[region]!].map((letter) => `${region}${letter}`);
}
