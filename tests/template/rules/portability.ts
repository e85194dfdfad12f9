import { isObject, type Rule } from '../cloudformation';

/**
 * No literal account id, region or `arn:aws:` partition in Resources or Outputs: pseudo parameters keep the
 * stack deployable in any account, region and partition. SAM itself writes the partition of the region it
 * translates for (`arn:aws-cn:` for cn-north-1), so run this on a translation for a region outside the `aws`
 * partition: there, an `arn:aws:` can only have come from the template's author.
 */
export const PORTABILITY_REGION = 'cn-north-1';

const ACCOUNT_ID = /(?<!\d)\d{12}(?!\d)/;
const REGION =
  /\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}\b/;
const AWS_PARTITION = /\barn:aws:/;

export const noLiteralAccountRegionOrPartition: Rule = ({ template }) => {
  const problems: string[] = [];
  const visit = (node: unknown, at: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${at}[${i}]`));
    if (isObject(node)) return Object.entries(node).forEach(([key, child]) => visit(child, `${at}.${key}`));
    if (typeof node !== 'string' && typeof node !== 'number') return;
    const text = String(node);
    const account = ACCOUNT_ID.exec(text)?.[0];
    const region = REGION.exec(text)?.[0];
    if (account) problems.push(`${at}: literal account id ${account}; use \${AWS::AccountId}`);
    if (region) problems.push(`${at}: literal region ${region}; use \${AWS::Region}`);
    if (AWS_PARTITION.test(text)) problems.push(`${at}: literal partition arn:aws:; use arn:\${AWS::Partition}:`);
  };
  visit(template.Resources, 'Resources');
  visit(template.Outputs ?? {}, 'Outputs');
  return problems;
};
