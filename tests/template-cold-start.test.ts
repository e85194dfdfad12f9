import { TemplateMode } from './helpers/conditions';
import { findFunction, lambdaEnvironment, loadTemplate } from 'sam-local-node';
import { TEMPLATE_PATH } from './helpers/project';

const loaded = loadTemplate(TEMPLATE_PATH);
const { template } = loaded;
const functionResource = template.Resources.HelloWorldFunction;

function deployedFunction(parameters: Record<string, string>): Record<string, unknown> {
  const mode = new TemplateMode(template, parameters);
  const globals = mode.resolve(template.Globals?.Function ?? {}) as Record<string, unknown>;
  return { ...globals, ...(mode.resolve(functionResource?.Properties ?? {}) as Record<string, unknown>) };
}

describe('ProvisionedConcurrency parameter', () => {
  it('defaults to 0 and cannot go below it', () => {
    expect(template.Parameters?.ProvisionedConcurrency).toMatchObject({ Type: 'Number', Default: 0, MinValue: 0 });
  });

  it('publishes the alias "live" as a plain name (SAM resolves no Fn::If in AutoPublishAlias)', () => {
    expect(functionResource?.Properties?.AutoPublishAlias).toBe('live');
  });

  it('makes the whole ProvisionedConcurrencyConfig conditional, not just its count (an empty one fails)', () => {
    expect(functionResource?.Properties?.ProvisionedConcurrencyConfig).toEqual({
      'Fn::If': [
        'ProvisionedConcurrencyEnabled',
        { ProvisionedConcurrentExecutions: { Ref: 'ProvisionedConcurrency' } },
        { Ref: 'AWS::NoValue' },
      ],
    });
  });

  const modes: Array<[string, Record<string, string>, boolean]> = [
    ['by default (0)', {}, false],
    ['when set to 0', { ProvisionedConcurrency: '0' }, false],
    ['when set to 1', { ProvisionedConcurrency: '1' }, true],
    ['when set to 25', { ProvisionedConcurrency: '25' }, true],
  ];
  it.each(modes)(
    '%s: provisions exactly that, and GET /hello on HelloApi still reaches the function',
    (_l, parameters, on) => {
      const mode = new TemplateMode(template, parameters);
      expect(mode.condition('ProvisionedConcurrencyEnabled')).toBe(on);
      const fn = deployedFunction(parameters);
      if (on) {
        expect(fn.ProvisionedConcurrencyConfig).toEqual({
          ProvisionedConcurrentExecutions: { Ref: 'ProvisionedConcurrency' },
        });
        expect(mode.parameter('ProvisionedConcurrency')).toBe(parameters.ProvisionedConcurrency);
      } else {
        expect(fn).not.toHaveProperty('ProvisionedConcurrencyConfig');
      }
      // The same route in both modes: SAM points an Api event of a function with AutoPublishAlias at the alias.
      expect(fn.AutoPublishAlias).toBe('live');
      expect(fn.Events).toEqual({
        HelloGet: { Type: 'Api', Properties: { RestApiId: { Ref: 'HelloApi' }, Path: '/hello', Method: 'get' } },
      });
      expect(fn).toMatchObject({ Handler: 'app.lambdaHandler', Runtime: 'nodejs24.x', Architectures: ['arm64'] });
    },
  );
});

describe('MemorySize parameter', () => {
  it('reaches the function and the memory size Lambda reports to it', () => {
    expect(deployedFunction({}).MemorySize).toEqual({ Ref: 'MemorySize' });
    for (const [parameters, expected] of [
      [{}, 256],
      [{ MemorySize: '1769' }, 1769],
    ] as const) {
      const fn = findFunction(loaded, 'HelloWorldFunction', parameters);
      expect(fn.memorySize).toBe(expected);
      expect(lambdaEnvironment(template, fn, {}, parameters).AWS_LAMBDA_FUNCTION_MEMORY_SIZE).toBe(String(expected));
    }
  });
});
