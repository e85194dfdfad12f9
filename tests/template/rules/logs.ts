import { propertiesOf, resourcesOfType, type Rule } from '../cloudformation';

/** Every log group of the deployment has a retention, so logs do not pile up (and cost) forever. */
export const logGroupsHaveRetention: Rule = ({ template }) =>
  resourcesOfType(template, 'AWS::Logs::LogGroup')
    .filter(([, group]) => propertiesOf(group).RetentionInDays === undefined)
    .map(([id]) => `${id}: no RetentionInDays; its logs would be kept forever`);
