import { describeWithAwsTools, PROJECT_TEMPLATE, translate, translated, AWS_TOOL_HOOK_TIMEOUT_MS } from './aws-tools';
import { isObject, propertiesOf, resourcesOfType, targetOf, type CfnTemplate, type JsonObject } from './cloudformation';
import { deploymentFor } from './conditions';
import { metricKey, publishedMetrics } from './published-metrics';
import { alarmMetric, dashboardMetrics } from './rules/operations';

/**
 * Operate it: what the transformed template gives its owner to watch the API with. The rules in
 * rules/operations.ts hold for every alarm, query and dashboard; these tests pin down this stack's own set.
 */
describeWithAwsTools('alarms, saved queries and the dashboard, as the SAM translator expands them', () => {
  let template: CfnTemplate;

  beforeAll(async () => {
    template = translated((await translate([{ template: PROJECT_TEMPLATE }]))[0]);
  }, AWS_TOOL_HOOK_TIMEOUT_MS);

  const deployed = (parameters: Record<string, string> = {}) => deploymentFor(template, parameters).template;
  const onlyId = (t: CfnTemplate, type: string) => {
    const ids = resourcesOfType(t, type).map(([id]) => id);
    expect(ids).toHaveLength(1);
    return ids[0] ?? '';
  };

  it('alarms on 5xx and p99 latency of this API and stage, errors and throttles of the function, and InternalErrors', () => {
    const t = deployed({ LatencyAlarmThresholdMs: '750' });
    const api = onlyId(t, 'AWS::ApiGateway::RestApi');
    const stage = onlyId(t, 'AWS::ApiGateway::Stage');
    const fn = 'HelloWorldFunction'; // by name: docs/add-an-endpoint.md adds other functions beside it
    const env = (propertiesOf(t.Resources[fn]).Environment as { Variables: JsonObject }).Variables;
    const onApi = { ApiName: propertiesOf(t.Resources[api]).Name, Stage: { Ref: stage } };
    const summary = resourcesOfType(t, 'AWS::CloudWatch::Alarm').map(([, alarm]) => {
      const p = propertiesOf(alarm);
      return { ...alarmMetric(p), statistic: p.Statistic ?? p.ExtendedStatistic, threshold: p.Threshold };
    });
    expect(summary).toEqual(
      expect.arrayContaining([
        { namespace: 'AWS/ApiGateway', metric: '5XXError', dimensions: onApi, statistic: 'Sum', threshold: 1 },
        { namespace: 'AWS/ApiGateway', metric: 'Latency', dimensions: onApi, statistic: 'p99', threshold: '750' },
        {
          namespace: 'AWS/Lambda',
          metric: 'Errors',
          dimensions: { FunctionName: { Ref: fn } },
          statistic: 'Sum',
          threshold: 1,
        },
        {
          namespace: 'AWS/Lambda',
          metric: 'Throttles',
          dimensions: { FunctionName: { Ref: fn } },
          statistic: 'Sum',
          threshold: 1,
        },
        {
          namespace: env.POWERTOOLS_METRICS_NAMESPACE,
          metric: 'InternalErrors',
          dimensions: { service: env.POWERTOOLS_SERVICE_NAME },
          statistic: 'Sum',
          threshold: 1,
        },
      ]),
    );
    expect(summary).toHaveLength(5);
    // The API publishes its metrics under its Name: set explicitly, so the dimension cannot drift from it.
    expect(propertiesOf(t.Resources[api]).Name).toEqual({ Ref: 'AWS::StackName' });
  });

  it("tells the stack's own topic when an alarm fires and when it recovers", () => {
    const t = deployed();
    const topic = onlyId(t, 'AWS::SNS::Topic');
    for (const [, alarm] of resourcesOfType(t, 'AWS::CloudWatch::Alarm')) {
      expect(propertiesOf(alarm)).toMatchObject({ AlarmActions: [{ Ref: topic }], OKActions: [{ Ref: topic }] });
    }
  });

  it('subscribes AlarmEmail to the topic, and nobody when it is empty (the default)', () => {
    expect(resourcesOfType(deployed(), 'AWS::SNS::Subscription')).toEqual([]);
    const t = deployed({ AlarmEmail: 'ops@example.com' });
    const [subscription] = resourcesOfType(t, 'AWS::SNS::Subscription').map(([, s]) => propertiesOf(s));
    expect(subscription).toEqual({
      TopicArn: { Ref: onlyId(t, 'AWS::SNS::Topic') },
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });

  it("saves the three Logs Insights queries on the function's own log group", () => {
    const t = deployed();
    const fn = propertiesOf(t.Resources.HelloWorldFunction);
    const logGroup = (fn.LoggingConfig as JsonObject).LogGroup;
    const queries = resourcesOfType(t, 'AWS::Logs::QueryDefinition').map(([, q]) => propertiesOf(q));
    expect(queries.map((q) => (q.Name as { 'Fn::Sub': string })['Fn::Sub']).sort()).toEqual([
      '${AWS::StackName}/cold-starts',
      '${AWS::StackName}/recent-errors',
      '${AWS::StackName}/requests-by-status',
    ]);
    for (const query of queries) expect(query.LogGroupNames).toEqual([logGroup]);
    // The cold-start query reads Lambda's JSON platform report (LogFormat JSON is what makes it a JSON record).
    expect(fn.LoggingConfig).toMatchObject({ LogFormat: 'JSON', SystemLogLevel: 'INFO' });
  });

  it('changes exactly the dashboard when EnableDashboard is turned on, and it graphs what the issue lists', () => {
    const off = deployed();
    const on = deployed({ EnableDashboard: 'true' });
    const added = Object.keys(on.Resources).filter((id) => !(id in off.Resources));
    expect(added.map((id) => on.Resources[id]?.Type)).toEqual(['AWS::CloudWatch::Dashboard']);
    expect(Object.keys(off.Resources).filter((id) => !(id in on.Resources))).toEqual([]);
    for (const id of Object.keys(off.Resources)) expect(on.Resources[id]).toEqual(off.Resources[id]);
    expect(on.Outputs).toEqual(off.Outputs);

    const graphed = dashboardMetrics(on).map((m) => `${String(m.metric)} ${String(m.stat)}${greeting(m.dimensions)}`);
    expect(graphed.sort()).toEqual(
      [
        'Count SampleCount', // requests: API Gateway documents SampleCount as the request count
        '4XXError Sum',
        '5XXError Sum',
        'Latency p50',
        'Latency p99',
        'Duration p50',
        'Duration p99',
        'ColdStart Sum',
        'Throttles Sum',
        'GreetingsServed Sum greeting=named',
        'GreetingsServed Sum greeting=anonymous',
      ].sort(),
    );
  });

  it('creates nothing billed by the hour or month by default but the alarms', () => {
    // Billed whether used or not: dashboards ($3 a month beyond 3), provisioned concurrency, alarms ($0.10 each).
    const t = deployed();
    const standing = Object.values(t.Resources).filter(
      (r) =>
        r.Type === 'AWS::CloudWatch::Dashboard' ||
        r.Type === 'AWS::CloudWatch::Alarm' ||
        (isObject(r.Properties) && 'ProvisionedConcurrencyConfig' in r.Properties),
    );
    expect(new Set(standing.map((r) => r.Type))).toEqual(new Set(['AWS::CloudWatch::Alarm']));
  });

  it('watches metrics the function really publishes: the alarm and the dashboard name them as Powertools does', async () => {
    const t = deployed({ EnableDashboard: 'true' });
    const fn = 'HelloWorldFunction'; // by name: docs/add-an-endpoint.md adds other functions beside it
    const env = (propertiesOf(t.Resources[fn]).Environment as { Variables: Record<string, string> }).Variables;
    // Lambda's context.functionName is the physical name that `Ref` of the function gives; stand one in.
    const published = await publishedMetrics(env, 'stack-HelloWorldFunction-abc123');
    const asPublished = (dimensions: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(dimensions).map(([k, v]) => [k, targetOf(v) === fn ? 'stack-HelloWorldFunction-abc123' : v]),
      );
    const custom = [
      ...resourcesOfType(t, 'AWS::CloudWatch::Alarm').map(([, a]) => alarmMetric(propertiesOf(a))),
      ...dashboardMetrics(t),
    ].filter((m) => m.namespace === env.POWERTOOLS_METRICS_NAMESPACE);
    expect(custom.length).toBeGreaterThanOrEqual(4); // InternalErrors, ColdStart, GreetingsServed x2
    expect(
      custom.map((m) => metricKey(m.namespace, m.metric, asPublished(m.dimensions))).filter((k) => !published.has(k)),
    ).toEqual([]);
  });
});

function greeting(dimensions: Record<string, unknown>): string {
  return 'greeting' in dimensions ? ` greeting=${String(dimensions.greeting)}` : '';
}
