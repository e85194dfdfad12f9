import {
  asList,
  isObject,
  propertiesOf,
  resourcesOfType,
  show,
  targetOf,
  type CfnTemplate,
  type JsonObject,
  type Rule,
} from '../cloudformation';

/** Alarms and saved queries of the transformed template: each watches something of this stack and tells someone. */

/** A metric as CloudWatch identifies it: namespace, name and the exact set of dimensions (name → value). */
export interface MetricRef {
  namespace: unknown;
  metric: unknown;
  dimensions: Record<string, unknown>;
}

export function alarmMetric(alarm: JsonObject): MetricRef {
  const dimensions = Object.fromEntries(
    asList(alarm.Dimensions).flatMap((d) => (isObject(d) && typeof d.Name === 'string' ? [[d.Name, d.Value]] : [])),
  );
  return { namespace: alarm.Namespace, metric: alarm.MetricName, dimensions };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function environmentOf(fn: JsonObject): JsonObject {
  const environment = isObject(fn.Environment) ? fn.Environment.Variables : undefined;
  return isObject(environment) ? environment : {};
}

/**
 * Where a metric's dimensions point, or why they point nowhere: REST API metrics at an API of this stack (by the
 * name it publishes under) and one of its stages; Lambda metrics at a function of this stack; the function's own
 * EMF metrics at the namespace and `service` Powertools publishes them under (its POWERTOOLS_* variables).
 */
export function metricProblems(template: CfnTemplate, { namespace, metric, dimensions }: MetricRef): string[] {
  const names = Object.keys(dimensions).sort().join(',');
  const what = `${show(namespace)} ${show(metric)}`;
  if (namespace === 'AWS/ApiGateway') {
    if (names !== 'ApiName,Stage') return [`${what}: dimensions ${names || '(none)'}, not ApiName and Stage`];
    const api = resourcesOfType(template, 'AWS::ApiGateway::RestApi').find(([, r]) =>
      same(propertiesOf(r).Name, dimensions.ApiName),
    );
    if (!api) return [`${what}: ApiName ${show(dimensions.ApiName)} is the Name of no REST API of this stack`];
    const stage = template.Resources[targetOf(dimensions.Stage) ?? ''];
    const ofApi = stage?.Type === 'AWS::ApiGateway::Stage' && targetOf(propertiesOf(stage).RestApiId) === api[0];
    return ofApi ? [] : [`${what}: Stage ${show(dimensions.Stage)} is not a stage resource of ${api[0]}`];
  }
  if (namespace === 'AWS/Lambda') {
    if (names !== 'FunctionName') return [`${what}: dimensions ${names || '(none)'}, not FunctionName`];
    const fn = template.Resources[targetOf(dimensions.FunctionName) ?? ''];
    return fn?.Type === 'AWS::Lambda::Function'
      ? []
      : [`${what}: FunctionName ${show(dimensions.FunctionName)} is no function of this stack`];
  }
  const publishers = resourcesOfType(template, 'AWS::Lambda::Function').filter(([, fn]) =>
    same(environmentOf(propertiesOf(fn)).POWERTOOLS_METRICS_NAMESPACE, namespace),
  );
  if (publishers.length === 0) return [`${what}: no function of this stack publishes to namespace ${show(namespace)}`];
  const problems: string[] = [];
  const service = publishers.find(([, fn]) =>
    same(environmentOf(propertiesOf(fn)).POWERTOOLS_SERVICE_NAME, dimensions.service),
  );
  if (!service) problems.push(`${what}: service ${show(dimensions.service)} is not the POWERTOOLS_SERVICE_NAME`);
  if ('function_name' in dimensions && !publishers.some(([id]) => targetOf(dimensions.function_name) === id)) {
    problems.push(`${what}: function_name ${show(dimensions.function_name)} is no function publishing there`);
  }
  return problems;
}

const alarms = (template: CfnTemplate) => resourcesOfType(template, 'AWS::CloudWatch::Alarm');

/** Every alarm's metric and dimensions resolve to this stack's API and stage, function, or the function's metrics. */
export const alarmsWatchThisStack: Rule = ({ template }) =>
  alarms(template).flatMap(([id, alarm]) =>
    metricProblems(template, alarmMetric(propertiesOf(alarm))).map((p) => `${id}: ${p}`),
  );

/** Every alarm notifies an SNS topic of this stack when it fires (and, if it says so on recovery, the same). */
export const alarmsNotifyStackTopic: Rule = ({ template }) =>
  alarms(template).flatMap(([id, alarm]) => {
    const properties = propertiesOf(alarm);
    const actions = asList(properties.AlarmActions);
    const topic = (action: unknown) => template.Resources[targetOf(action) ?? '']?.Type === 'AWS::SNS::Topic';
    return [
      ...(actions.length === 0 ? [`${id}: no AlarmActions, so nobody hears it fire`] : []),
      ...[...actions, ...asList(properties.OKActions)]
        .filter((action) => !topic(action))
        .map((action) => `${id}: action ${show(action)} is not an SNS topic of this stack`),
    ];
  });

/** A quiet API publishes no data points; that must not be an alarm. */
export const alarmsQuietWithoutData: Rule = ({ template }) =>
  alarms(template)
    .filter(([, alarm]) => propertiesOf(alarm).TreatMissingData !== 'notBreaching')
    .map(([id, alarm]) => `${id}: TreatMissingData ${show(propertiesOf(alarm).TreatMissingData)}, not notBreaching`);

/** Every saved query reads log groups of this stack, and at least one. */
export const queriesReadStackLogGroups: Rule = ({ template }) =>
  resourcesOfType(template, 'AWS::Logs::QueryDefinition').flatMap(([id, query]) => {
    const groups = asList(propertiesOf(query).LogGroupNames);
    if (groups.length === 0) return [`${id}: no LogGroupNames`];
    return groups
      .filter((group) => template.Resources[targetOf(group) ?? '']?.Type !== 'AWS::Logs::LogGroup')
      .map((group) => `${id}: log group ${show(group)} is not a log group of this stack`);
  });

export interface DashboardMetric extends MetricRef {
  dashboard: string;
  stat: unknown;
}

/**
 * The metrics a dashboard graphs, from its DashboardBody (an Fn::Sub of JSON): each `${X}` in it becomes
 * `{Ref: X}` again, so its dimensions can be resolved like an alarm's.
 */
export function dashboardMetrics(template: CfnTemplate): DashboardMetric[] {
  return resourcesOfType(template, 'AWS::CloudWatch::Dashboard').flatMap(([dashboard, resource]) => {
    const body = propertiesOf(resource).DashboardBody;
    const text = isObject(body) && typeof body['Fn::Sub'] === 'string' ? body['Fn::Sub'] : body;
    if (typeof text !== 'string') return [];
    const parsed = JSON.parse(text, (_key, value: unknown) => {
      const ref = typeof value === 'string' ? /^\$\{([^}]+)\}$/.exec(value)?.[1] : undefined;
      return ref === undefined ? value : { Ref: ref };
    }) as { widgets?: Array<{ properties?: { metrics?: unknown[][] } }> };
    return (parsed.widgets ?? []).flatMap((widget) =>
      (widget.properties?.metrics ?? []).map((row) => {
        const [namespace, metric, ...rest] = row;
        const options = isObject(rest[rest.length - 1]) ? (rest.pop() as JsonObject) : {};
        const dimensions: Record<string, unknown> = {};
        for (let i = 0; i + 1 < rest.length; i += 2) dimensions[String(rest[i])] = rest[i + 1];
        return { dashboard, namespace, metric, dimensions, stat: options.stat };
      }),
    );
  });
}

/** Every metric a dashboard graphs resolves to this stack, as an alarm's must. */
export const dashboardsWatchThisStack: Rule = ({ template }) =>
  dashboardMetrics(template).flatMap((m) => metricProblems(template, m).map((p) => `${m.dashboard}: ${p}`));
