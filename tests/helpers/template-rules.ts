import type { Resource, Template } from 'sam-local-node';

/**
 * Security rules for a SAM template parsed with its CloudFormation tags (scripts/lib/template.ts). Each rule
 * returns readable violations, empty when the template complies. They look resources up by type and by the
 * references between them, never by logical id, so they hold as the template grows.
 */
export type Rule = (template: Template) => string[];

export const SUPPORTED_NODEJS_RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'];

const SAM_FUNCTION = 'AWS::Serverless::Function';
const LAMBDA_FUNCTION = 'AWS::Lambda::Function';
const LOG_GROUP = 'AWS::Logs::LogGroup';
const IAM_ROLE = 'AWS::IAM::Role';
const API_TYPES = [
  'AWS::Serverless::Api',
  'AWS::ApiGateway::RestApi',
  'AWS::Serverless::HttpApi',
  'AWS::ApiGatewayV2::Api',
];

// AWS publishes no resource type for these: they can only be granted on "*".
const WILDCARD_RESOURCE_ONLY_ACTIONS = new Set(['xray:puttracesegments', 'xray:puttelemetryrecords']);
// An action whose name starts with one of these only reads.
const READ_ONLY_VERB = /^(?:Get|List|Describe|BatchGet|Head|Lookup|Search|View|Query|Scan|Select|Filter|Read)/;
// AWS managed policies that allow log actions on every log group.
const LOG_WIDE_MANAGED_POLICY =
  /policy\/(?:service-role\/)?(?:AWSLambdaBasicExecutionRole|AWSLambdaVPCAccessExecutionRole|AWSLambdaExecute|CloudWatchLogsFullAccess|CloudWatchFullAccess|AWSLambda_FullAccess|AdministratorAccess|PowerUserAccess)\b/;

const ACCOUNT_ID = /(?<!\d)\d{12}(?!\d)/;
const REGION =
  /\b(?:us|eu|ap|sa|ca|me|af|il|mx|cn)(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\d{1,2}\b/;
const PARTITION = /\barn:aws(?:-[a-z]+)*:/;

// ---------------------------------------------------------------------------------------------------------------
// Reading the template

type Json = unknown;
type JsonObject = Record<string, unknown>;

function isObject(value: Json): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: Json): Json[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

const NO_VALUE = { Ref: 'AWS::NoValue' };
function isNoValue(value: Json): boolean {
  return isObject(value) && value.Ref === NO_VALUE.Ref;
}

/** The values a property may take: both branches of an Fn::If (recursively), without AWS::NoValue. */
function branches(value: Json): Json[] {
  if (isObject(value) && Array.isArray(value['Fn::If']) && value['Fn::If'].length === 3) {
    const [, whenTrue, whenFalse] = value['Fn::If'] as Json[];
    return [...branches(whenTrue), ...branches(whenFalse)];
  }
  return isNoValue(value) ? [] : [value];
}

/** Every value of a property that may be a list, with Fn::If expanded at the list and at each item. */
function items(value: Json): Json[] {
  return branches(value).flatMap((list) => asList(list).flatMap(branches));
}

/** Logical ids a value refers to through Ref, Fn::GetAtt or Fn::Sub variables (pseudo parameters excluded). */
export function referencedIds(value: Json): Set<string> {
  const ids = new Set<string>();
  const visit = (node: Json): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!isObject(node)) return;
    if (typeof node.Ref === 'string') ids.add(node.Ref);
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') ids.add(getAtt[0]);
    if (typeof getAtt === 'string') ids.add(getAtt.split('.')[0] as string);
    const sub = node['Fn::Sub'];
    const [text, variables] = Array.isArray(sub) ? (sub as [Json, Json]) : [sub, undefined];
    if (typeof text === 'string') {
      const local = isObject(variables) ? Object.keys(variables) : [];
      for (const [, name] of text.matchAll(/\$\{([^}!]+)\}/g)) {
        const id = (name as string).trim().split('.')[0] as string;
        if (!local.includes(id)) ids.add(id);
      }
    }
    Object.values(node).forEach(visit);
  };
  visit(value);
  for (const id of ids) if (id.startsWith('AWS::')) ids.delete(id);
  return ids;
}

/** The one logical id a value refers to, if it is of one of the given types. */
function referencedResource(template: Template, value: Json, types: string[]): string | undefined {
  return [...referencedIds(value)].find((id) => types.includes(template.Resources[id]?.Type ?? ''));
}

function resourcesOf(template: Template, types: string[]): Array<[string, Resource]> {
  return Object.entries(template.Resources).filter(([, resource]) => types.includes(resource.Type));
}

/** Globals apply to SAM resources: a map merges one level deep, a list is appended to, anything else is overridden. */
function withGlobals(globals: Json, properties: Json): JsonObject {
  const merged: JsonObject = { ...(isObject(globals) ? globals : {}) };
  for (const [key, value] of Object.entries(isObject(properties) ? properties : {})) {
    const global = merged[key];
    const intrinsic = (v: Json) => isObject(v) && Object.keys(v).some((k) => k === 'Ref' || k.startsWith('Fn::'));
    if (isObject(global) && isObject(value) && !intrinsic(global) && !intrinsic(value)) {
      merged[key] = { ...global, ...value };
    } else if (Array.isArray(global) && Array.isArray(value)) merged[key] = [...global, ...value];
    else merged[key] = value;
  }
  return merged;
}

interface FunctionInfo {
  id: string;
  type: string;
  properties: JsonObject;
}

function functionsOf(template: Template): FunctionInfo[] {
  return resourcesOf(template, [SAM_FUNCTION, LAMBDA_FUNCTION]).map(([id, resource]) => ({
    id,
    type: resource.Type,
    properties:
      resource.Type === SAM_FUNCTION
        ? withGlobals(template.Globals?.Function, resource.Properties)
        : { ...resource.Properties },
  }));
}

interface Statement {
  where: string;
  statement: JsonObject;
}

const POLICY_DOCUMENT_KEYS = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'KeyPolicy']);

/** IAM statements in a value: under policy-document keys, and inline statements in a SAM function's Policies. */
function statementsIn(value: Json, where: string, samPolicies = false): Statement[] {
  const found: Statement[] = [];
  const fromDocument = (document: Json, at: string): void => {
    for (const doc of branches(document)) {
      if (!isObject(doc)) continue;
      items(doc.Statement).forEach((statement, i) => {
        if (isObject(statement)) found.push({ where: `${at}.Statement[${i}]`, statement });
      });
    }
  };
  const visit = (node: Json, at: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${at}[${i}]`));
    if (!isObject(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (POLICY_DOCUMENT_KEYS.has(key)) fromDocument(child, `${at}.${key}`);
      else if (samPolicies && key === 'Policies') {
        items(child).forEach((policy, i) => {
          if (isObject(policy) && 'Statement' in policy) fromDocument(policy, `${at}.Policies[${i}]`);
        });
      } else visit(child, `${at}.${key}`);
    }
  };
  visit(value, where);
  return found;
}

function allStatements(template: Template): Statement[] {
  const globalPolicies = statementsIn({ Policies: template.Globals?.Function?.Policies }, 'Globals.Function', true);
  return [
    ...globalPolicies,
    ...Object.entries(template.Resources).flatMap(([id, resource]) =>
      statementsIn(resource.Properties, `${id}.Properties`, resource.Type === SAM_FUNCTION),
    ),
  ];
}

function grantsAccess(statement: JsonObject): boolean {
  return statement.Effect !== 'Deny';
}

function actionsOf(statement: JsonObject): string[] {
  return items(statement.Action).map((action) => (typeof action === 'string' ? action : JSON.stringify(action)));
}

function show(value: Json): string {
  if (value === undefined) return '(missing)';
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value);
}

/** "*", or an ARN (plain or Fn::Sub) whose resource part is "*", e.g. arn:${AWS::Partition}:logs:*:*:*. */
function isWildcardResource(value: Json): boolean {
  const text = typeof value === 'string' ? value : isObject(value) ? value['Fn::Sub'] : undefined;
  const template = Array.isArray(text) ? text[0] : text;
  if (typeof template !== 'string') return false;
  if (template === '*') return true;
  const parts = template.replace(/\$\{[^}]*\}/g, '${}').split(':'); // ${AWS::Partition} has colons of its own
  return parts.length >= 6 && parts.slice(5).join(':') === '*';
}

function isWriteAction(action: string): boolean {
  if (WILDCARD_RESOURCE_ONLY_ACTIONS.has(action.toLowerCase())) return false;
  const name = action.includes(':') ? action.slice(action.indexOf(':') + 1) : action;
  return !READ_ONLY_VERB.test(name) || name.includes('*');
}

function isLogAction(action: string): boolean {
  return action === '*' || action.toLowerCase().startsWith('logs:');
}

// ---------------------------------------------------------------------------------------------------------------
// The rules

/** No IAM statement grants every action ("*") or a service's every action ("logs:*"), or uses NotAction. */
export const noWildcardActions: Rule = (template) =>
  allStatements(template).flatMap(({ where, statement }) => {
    if (!grantsAccess(statement)) return [];
    const problems = actionsOf(statement)
      .filter((action) => action.includes('*'))
      .map((action) => `${where}: grants the wildcard action ${show(action)}; list the actions it needs`);
    if ('NotAction' in statement) problems.push(`${where}: Allow with NotAction grants every other action`);
    return problems;
  });

/** No IAM statement allows a write action on every resource ("*", an ARN ending in ":*" alone, or NotResource). */
export const noWriteActionsOnWildcardResources: Rule = (template) =>
  allStatements(template).flatMap(({ where, statement }) => {
    if (!grantsAccess(statement)) return [];
    const wildcard =
      items(statement.Resource).find(isWildcardResource) ?? ('NotResource' in statement ? 'NotResource' : undefined);
    if (wildcard === undefined) return [];
    return actionsOf(statement)
      .filter(isWriteAction)
      .map((action) => `${where}: allows the write action ${show(action)} on ${show(wildcard)}; scope it`);
  });

/**
 * Every function logs to a log group of this template (LoggingConfig.LogGroup) through a role of this template,
 * and that role's log permissions name only the log groups of the functions using it: no SAM-generated role
 * (AWSLambdaBasicExecutionRole), no log-wide managed policy, no log statement on any other resource.
 */
export const logPermissionsScopedToOwnLogGroup: Rule = (template) => {
  const problems: string[] = [];
  const logGroupsOfRole = new Map<string, Set<string>>();
  for (const fn of functionsOf(template)) {
    const loggingConfig = isObject(fn.properties.LoggingConfig) ? fn.properties.LoggingConfig : {};
    const logGroup = referencedResource(template, loggingConfig.LogGroup, [LOG_GROUP]);
    if (logGroup === undefined) {
      problems.push(`${fn.id}: LoggingConfig.LogGroup does not refer to an AWS::Logs::LogGroup of this template`);
    }
    if (fn.properties.Role === undefined) {
      problems.push(
        `${fn.id}: no Role, so ${fn.type === SAM_FUNCTION ? 'SAM generates one with AWSLambdaBasicExecutionRole (log actions on every log group)' : 'the function cannot be deployed'}`,
      );
      continue;
    }
    const role = referencedResource(template, fn.properties.Role, [IAM_ROLE]);
    if (role === undefined) {
      problems.push(
        `${fn.id}: Role ${show(fn.properties.Role)} is not a role of this template; its log permissions cannot be checked`,
      );
      continue;
    }
    const groups = logGroupsOfRole.get(role) ?? new Set<string>();
    if (logGroup !== undefined) groups.add(logGroup);
    logGroupsOfRole.set(role, groups);
  }

  for (const [role, groups] of logGroupsOfRole) {
    const properties = template.Resources[role]?.Properties ?? {};
    for (const arn of items(properties.ManagedPolicyArns)) {
      const text = typeof arn === 'string' ? arn : JSON.stringify(arn);
      if (LOG_WIDE_MANAGED_POLICY.test(text)) {
        problems.push(`${role}: managed policy ${show(arn)} allows log actions on every log group`);
      }
    }
    const attached = resourcesOf(template, ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'])
      .filter(([, policy]) => items(policy.Properties?.Roles).some((r) => referencedIds(r).has(role)))
      .flatMap(([id, policy]) => statementsIn(policy.Properties, `${id}.Properties`));
    const own = statementsIn({ Policies: properties.Policies }, `${role}.Properties`);
    for (const { where, statement } of [...own, ...attached]) {
      if (!grantsAccess(statement) || !actionsOf(statement).some(isLogAction)) continue;
      if ('NotResource' in statement) problems.push(`${where}: log actions with NotResource reach other log groups`);
      for (const resource of items(statement.Resource)) {
        const ownGroup = [...referencedIds(resource)].some((id) => groups.has(id));
        if (!ownGroup || isWildcardResource(resource)) {
          const allowed = [...groups].join(', ') || '(none)';
          problems.push(
            `${where}: log actions on ${show(resource)}, not only on its functions' log groups (${allowed})`,
          );
        }
      }
    }
  }
  return problems;
};

/** True if the value, or either branch of an Fn::If in it, is absent or AWS::NoValue. */
function mayBeMissing(value: Json): boolean {
  if (isObject(value) && Array.isArray(value['Fn::If']) && value['Fn::If'].length === 3) {
    const [, whenTrue, whenFalse] = value['Fn::If'] as Json[];
    return mayBeMissing(whenTrue) || mayBeMissing(whenFalse);
  }
  return value === undefined || isNoValue(value);
}

/** Every log group sets RetentionInDays, so logs do not pile up (and cost) forever. */
export const logGroupsHaveRetention: Rule = (template) =>
  resourcesOf(template, [LOG_GROUP])
    .filter(([, group]) => mayBeMissing(group.Properties?.RetentionInDays))
    .map(([id]) => `${id}: no RetentionInDays; logs would be kept forever`);

function hasStageWideThrottling(methodSettings: Json): boolean {
  return items(methodSettings).some(
    (setting) =>
      isObject(setting) &&
      setting.ResourcePath === '/*' &&
      setting.HttpMethod === '*' &&
      setting.ThrottlingRateLimit !== undefined &&
      setting.ThrottlingBurstLimit !== undefined,
  );
}

function hasRouteThrottling(routeSettings: Json): boolean {
  return branches(routeSettings).some(
    (settings) =>
      isObject(settings) && settings.ThrottlingRateLimit !== undefined && settings.ThrottlingBurstLimit !== undefined,
  );
}

/**
 * Every API stage is throttled stage-wide (MethodSettings for ResourcePath "/*" and HttpMethod "*" with
 * ThrottlingRateLimit and ThrottlingBurstLimit; DefaultRouteSettings for HTTP APIs), implicit APIs included.
 */
export const apiStagesThrottled: Rule = (template) => {
  const globalRest = template.Globals?.Api?.MethodSettings;
  const globalHttp = (template.Globals?.HttpApi as JsonObject | undefined)?.DefaultRouteSettings;
  const problems: string[] = [];
  const missing = (where: string) =>
    `${where}: no stage-wide throttling (ThrottlingRateLimit and ThrottlingBurstLimit for every method)`;
  for (const [id, api] of resourcesOf(template, ['AWS::Serverless::Api'])) {
    const settings = [...items(globalRest), ...items(api.Properties?.MethodSettings)];
    if (!hasStageWideThrottling(settings)) problems.push(missing(id));
  }
  for (const [id, stage] of resourcesOf(template, ['AWS::ApiGateway::Stage'])) {
    if (!hasStageWideThrottling(stage.Properties?.MethodSettings)) problems.push(missing(id));
  }
  for (const [id, api] of resourcesOf(template, ['AWS::Serverless::HttpApi'])) {
    const settings = withGlobals(globalHttp, api.Properties?.DefaultRouteSettings);
    if (!hasRouteThrottling(settings)) problems.push(missing(id));
  }
  for (const [id, stage] of resourcesOf(template, ['AWS::ApiGatewayV2::Stage'])) {
    if (!hasRouteThrottling(stage.Properties?.DefaultRouteSettings)) problems.push(missing(id));
  }
  for (const fn of functionsOf(template).filter((f) => f.type === SAM_FUNCTION)) {
    for (const [name, event] of Object.entries(isObject(fn.properties.Events) ? fn.properties.Events : {})) {
      if (!isObject(event) || !isObject(event.Properties ?? {})) continue;
      const properties = (event.Properties ?? {}) as JsonObject;
      if (event.Type === 'Api' && properties.RestApiId === undefined && !hasStageWideThrottling(globalRest)) {
        problems.push(missing(`${fn.id}.Events.${name} (implicit REST API)`));
      }
      if (event.Type === 'HttpApi' && properties.ApiId === undefined && !hasRouteThrottling(globalHttp)) {
        problems.push(missing(`${fn.id}.Events.${name} (implicit HTTP API)`));
      }
    }
  }
  return problems;
};

/** No literal account id, region or partition in Resources or Outputs: pseudo parameters keep the stack portable. */
export const noHardCodedAccountRegionOrPartition: Rule = (template) => {
  const problems: string[] = [];
  const visit = (node: Json, at: string): void => {
    if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${at}[${i}]`));
    if (isObject(node)) return Object.entries(node).forEach(([key, child]) => visit(child, `${at}.${key}`));
    if (typeof node !== 'string' && typeof node !== 'number') return;
    const text = String(node);
    const account = ACCOUNT_ID.exec(text)?.[0];
    const region = REGION.exec(text)?.[0];
    const partition = PARTITION.exec(text)?.[0];
    if (account) problems.push(`${at}: hard-coded account id ${account}; use \${AWS::AccountId}`);
    if (region) problems.push(`${at}: hard-coded region ${region}; use \${AWS::Region}`);
    if (partition) problems.push(`${at}: hard-coded partition in ${partition}; use arn:\${AWS::Partition}:`);
  };
  visit(template.Resources, 'Resources');
  visit(template.Outputs ?? {}, 'Outputs');
  return problems;
};

/** Every function runs on a supported Node.js runtime (a parameter's default and allowed values included). */
export const supportedRuntime: Rule = (template) =>
  functionsOf(template).flatMap((fn) => {
    if (fn.properties.PackageType === 'Image') return [];
    if (fn.properties.Runtime === undefined) return [`${fn.id}: no Runtime`];
    return items(fn.properties.Runtime).flatMap((runtime) => {
      let candidates: Json[] = [runtime];
      if (isObject(runtime) && typeof runtime.Ref === 'string') {
        const parameter = template.Parameters?.[runtime.Ref];
        if (parameter === undefined) return [`${fn.id}: Runtime refers to ${runtime.Ref}, which is not a parameter`];
        candidates = [parameter.Default, ...asList(parameter.AllowedValues)];
      }
      return candidates
        .filter((value) => typeof value !== 'string' || !SUPPORTED_NODEJS_RUNTIMES.includes(value))
        .map(
          (value) =>
            `${fn.id}: Runtime ${show(value)} is not one of the supported ${SUPPORTED_NODEJS_RUNTIMES.join(', ')}`,
        );
    });
  });

/**
 * Invoke permissions name this template's API: every Api event has a RestApiId referring to an
 * AWS::Serverless::Api here (SAM then scopes its generated permission to arn:…:${Api}/*\/METHOD/path), every
 * HttpApi event an ApiId referring to an AWS::Serverless::HttpApi here, and every explicit
 * AWS::Lambda::Permission a SourceArn referring to an API of this template.
 */
export const invokePermissionScopedToApi: Rule = (template) => {
  const problems: string[] = [];
  for (const fn of functionsOf(template).filter((f) => f.type === SAM_FUNCTION)) {
    for (const [name, event] of Object.entries(isObject(fn.properties.Events) ? fn.properties.Events : {})) {
      if (!isObject(event)) continue;
      const properties = isObject(event.Properties) ? event.Properties : {};
      const [key, type] =
        event.Type === 'Api'
          ? ['RestApiId', 'AWS::Serverless::Api']
          : event.Type === 'HttpApi'
            ? ['ApiId', 'AWS::Serverless::HttpApi']
            : [];
      if (key === undefined || type === undefined) continue;
      const reference = properties[key];
      const target = isObject(reference) && typeof reference.Ref === 'string' ? reference.Ref : undefined;
      if (target === undefined || template.Resources[target]?.Type !== type) {
        problems.push(
          `${fn.id}.Events.${name}: ${key} ${show(reference)} is not a Ref to an ${type} of this template, so the invoke permission is not scoped to it`,
        );
      }
    }
  }
  for (const [id, permission] of resourcesOf(template, ['AWS::Lambda::Permission'])) {
    const sourceArn = permission.Properties?.SourceArn;
    if (sourceArn === undefined) {
      problems.push(
        `${id}: no SourceArn, so any caller of principal ${show(permission.Properties?.Principal)} may invoke`,
      );
    } else if (referencedResource(template, sourceArn, API_TYPES) === undefined) {
      problems.push(`${id}: SourceArn ${show(sourceArn)} does not refer to an API of this template`);
    }
  }
  return problems;
};

export const TEMPLATE_RULES: Record<string, Rule> = {
  noWildcardActions,
  noWriteActionsOnWildcardResources,
  logPermissionsScopedToOwnLogGroup,
  logGroupsHaveRetention,
  apiStagesThrottled,
  noHardCodedAccountRegionOrPartition,
  supportedRuntime,
  invokePermissionScopedToApi,
};
