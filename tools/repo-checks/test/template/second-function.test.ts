import {
  describeWithAwsTools,
  translate,
  translated,
  AWS_TOOL_HOOK_TIMEOUT_MS,
} from '../../../../tests/template/aws-tools';
import type { CfnTemplate } from '../../../../tests/template/cloudformation';
import { deploymentFor } from '../../../../tests/template/conditions';
import { label, parameterSets } from '../../../../tests/template/parameter-sets';
import { integrationTarget, invokePermissions, routes } from '../../../../tests/template/rest-api';
import { violations } from '../../../../tests/template/rules';
import { withGoodbye } from './second-function';
import { scratchDirectory } from '../../../../tests/template/template-copy';

/**
 * The rules are written over every function, role, log group and route, not over HelloWorldFunction: a copy
 * of template.yaml with a second function, added the way the first one is (its own route on the same API,
 * its own role and its own log group), passes them all (and cfn-lint, in lint-cases.test.ts); cross-wiring its role
 * to the first function's log group fails.
 */
describeWithAwsTools('template.yaml with a second function', () => {
  const scratch = scratchDirectory();
  const twoFunctions = scratch.write('two-functions.yaml', withGoodbye('GoodbyeFunctionLogGroup'));
  const crossWired = scratch.write('cross-wired.yaml', withGoodbye('HelloWorldFunctionLogGroup'));
  let template: CfnTemplate;
  let crossWiredTemplate: CfnTemplate;

  beforeAll(async () => {
    const results = await translate([{ template: twoFunctions }, { template: crossWired }]);
    [template, crossWiredTemplate] = results.map(translated) as [CfnTemplate, CfnTemplate];
  }, AWS_TOOL_HOOK_TIMEOUT_MS);
  afterAll(() => scratch.remove());

  it("routes GET /goodbye to the new function's alias, with an invoke permission for that route only", () => {
    const get = routes(template).find((r) => r.path === '/goodbye' && r.method === 'get');
    const target = integrationTarget(get?.integration ?? {});
    expect(template.Resources[target ?? '']).toMatchObject({
      Type: 'AWS::Lambda::Alias',
      Properties: { FunctionName: { Ref: 'GoodbyeFunction' } },
    });
    expect(
      invokePermissions(template)
        .filter((p) => p.target === target)
        .map((p) => p.arn),
    ).toEqual([{ api: get?.api, stage: '*', method: 'GET', path: '/goodbye' }]);
  });

  it.each(parameterSets().map((set) => [label(set) || 'defaults', set] as const))(
    'passes every rule with %s',
    (_label, parameters) => {
      expect(violations(deploymentFor(template, parameters))).toEqual([]);
    },
  );

  it("fails when the second function's role may write to the first function's log group", () => {
    expect(violations(deploymentFor(crossWiredTemplate))).toEqual([
      expect.stringMatching(
        /^logWritesOnlyToOwnLogGroup: GoodbyeFunctionRole\.Policies\[0\].*HelloWorldFunctionLogGroup/,
      ),
    ]);
  });
});
