import {
  asList,
  isObject,
  propertiesOf,
  referencedIds,
  resourcesOfType,
  show,
  subText,
  targetOf,
  type CfnTemplate,
  type JsonObject,
  type Rule,
} from '../cloudformation';

/**
 * Least privilege for every role of the transformed template, SAM-generated ones included: what each
 * function's role may do, read from its inline policies, the policies attached to it and its managed policies.
 */

// AWS publishes no resource type for these: they can only be granted on "*".
const WILDCARD_RESOURCE_ONLY_ACTIONS = new Set(['xray:puttracesegments', 'xray:puttelemetryrecords']);
// An action whose name starts with one of these only reads.
const READ_ONLY_VERB = /^(?:Get|List|Describe|BatchGet|Head|Lookup|Search|View|Query|Scan|Select|Filter|Read)/;
// AWS managed policies that allow log actions on every log group (SAM attaches the first to roles it generates).
const LOG_WIDE_MANAGED_POLICY =
  /policy\/(?:service-role\/)?(?:AWSLambdaBasicExecutionRole|AWSLambdaVPCAccessExecutionRole|AWSLambdaExecute|CloudWatchLogsFullAccess|CloudWatchFullAccess|AWSLambda_FullAccess|AdministratorAccess|PowerUserAccess)\b/;

interface Statement {
  where: string;
  statement: JsonObject;
}

function statementsOf(document: unknown, where: string): Statement[] {
  if (!isObject(document)) return [];
  return asList(document.Statement).flatMap((statement, i) =>
    isObject(statement) ? [{ where: `${where}.Statement[${i}]`, statement }] : [],
  );
}

/** The identity-policy statements that apply to a role: its own inline policies and policies naming it. */
function roleStatements(template: CfnTemplate, role: string): Statement[] {
  const inline = asList(propertiesOf(template.Resources[role]).Policies).flatMap((policy, i) =>
    isObject(policy) ? statementsOf(policy.PolicyDocument, `${role}.Policies[${i}]`) : [],
  );
  const attached = [
    ...resourcesOfType(template, 'AWS::IAM::Policy'),
    ...resourcesOfType(template, 'AWS::IAM::ManagedPolicy'),
  ]
    .filter(([, policy]) => asList(propertiesOf(policy).Roles).some((r) => targetOf(r) === role))
    .flatMap(([id, policy]) => statementsOf(propertiesOf(policy).PolicyDocument, id));
  return [...inline, ...attached].filter(({ statement }) => statement.Effect !== 'Deny');
}

function rolesOf(template: CfnTemplate): string[] {
  return resourcesOfType(template, 'AWS::IAM::Role').map(([id]) => id);
}

function actionsOf(statement: JsonObject): string[] {
  return asList(statement.Action).map((action) => (typeof action === 'string' ? action : JSON.stringify(action)));
}

/** "*", or an ARN whose resource part is "*" alone (arn:${AWS::Partition}:logs:*:*:*). */
function isWildcardResource(value: unknown): boolean {
  const text = subText(value);
  if (text === undefined) return false;
  if (text === '*') return true;
  const parts = text.replace(/\$\{[^}]*\}/g, 'x').split(':'); // ${AWS::Partition} has colons of its own
  return parts.length >= 6 && parts.slice(5).join(':') === '*';
}

function isWriteAction(action: string): boolean {
  if (WILDCARD_RESOURCE_ONLY_ACTIONS.has(action.toLowerCase())) return false;
  const name = action.slice(action.indexOf(':') + 1);
  return !READ_ONLY_VERB.test(name) || name.includes('*');
}

function isLogAction(action: string): boolean {
  return action === '*' || action.toLowerCase().startsWith('logs:');
}

/** No role's policy allows every action, a service's every action ("logs:*"), or all but some (NotAction). */
export const noWildcardActions: Rule = ({ template }) =>
  rolesOf(template).flatMap((role) =>
    roleStatements(template, role).flatMap(({ where, statement }) => [
      ...actionsOf(statement)
        .filter((action) => action.includes('*'))
        .map((action) => `${where}: allows the wildcard action ${show(action)}; list the actions it needs`),
      ...('NotAction' in statement ? [`${where}: Allow with NotAction allows every other action`] : []),
    ]),
  );

/** No role's policy allows a write action on every resource ("*", an ARN ending in ":*" alone, NotResource). */
export const noWriteActionsOnWildcardResources: Rule = ({ template }) =>
  rolesOf(template).flatMap((role) =>
    roleStatements(template, role).flatMap(({ where, statement }) => {
      const wildcard =
        asList(statement.Resource).find(isWildcardResource) ?? ('NotResource' in statement ? 'NotResource' : undefined);
      if (wildcard === undefined) return [];
      return actionsOf(statement)
        .filter(isWriteAction)
        .map((action) => `${where}: allows the write action ${show(action)} on ${show(wildcard)}; scope it`);
    }),
  );

/**
 * Every function logs to a log group of this stack (LoggingConfig.LogGroup) and runs with a role of this
 * stack whose log permissions name only the log groups of the functions using that role: no
 * AWSLambdaBasicExecutionRole (what SAM attaches to a role it generates) or other log-wide managed policy.
 */
export const logWritesOnlyToOwnLogGroup: Rule = ({ template }) => {
  const problems: string[] = [];
  const groupsOfRole = new Map<string, Set<string>>();
  for (const [id, fn] of resourcesOfType(template, 'AWS::Lambda::Function')) {
    const properties = propertiesOf(fn);
    const loggingConfig = isObject(properties.LoggingConfig) ? properties.LoggingConfig : {};
    const group = targetOf(loggingConfig.LogGroup);
    if (group === undefined || template.Resources[group]?.Type !== 'AWS::Logs::LogGroup') {
      problems.push(
        `${id}: LoggingConfig.LogGroup is not a log group of this stack, so its logs go to one it does not own`,
      );
    }
    const role = targetOf(properties.Role);
    if (role === undefined || template.Resources[role]?.Type !== 'AWS::IAM::Role') {
      problems.push(
        `${id}: its Role ${show(properties.Role)} is not a role of this stack; its permissions cannot be checked`,
      );
      continue;
    }
    const groups = groupsOfRole.get(role) ?? new Set<string>();
    if (group !== undefined) groups.add(group);
    groupsOfRole.set(role, groups);
  }
  for (const [role, groups] of groupsOfRole) {
    for (const arn of asList(propertiesOf(template.Resources[role]).ManagedPolicyArns)) {
      if (LOG_WIDE_MANAGED_POLICY.test(subText(arn) ?? JSON.stringify(arn))) {
        problems.push(`${role}: managed policy ${show(arn)} allows log writes to every log group`);
      }
    }
    for (const { where, statement } of roleStatements(template, role)) {
      if (!actionsOf(statement).some(isLogAction)) continue;
      if ('NotResource' in statement) problems.push(`${where}: log actions with NotResource reach other log groups`);
      for (const resource of asList(statement.Resource)) {
        const own = [...referencedIds(resource)].some((id) => groups.has(id));
        if (!own || isWildcardResource(resource)) {
          problems.push(
            `${where}: log actions on ${show(resource)}, not only on ${[...groups].join(', ') || '(none)'}`,
          );
        }
      }
    }
  }
  return problems;
};
