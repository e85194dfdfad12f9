import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  discoverEndpoint,
  HOW_TO_CONFIGURE,
  resolveStackName,
  stackNameFromSamConfig,
  type DescribeStackOutputs,
} from '../src/deployed/endpoint';
import { helloChecks } from '../src/deployed/checks';
import { ROOT } from '../../../tests/helpers/project';

const PROJECT_SAMCONFIG = join(ROOT, 'samconfig.toml');
const HELLO_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com/dev/hello';

/** A DescribeStacks stand-in that records the stacks asked for. */
function describer(answer: () => Record<string, string>): DescribeStackOutputs & { asked: string[] } {
  const asked: string[] = [];
  const describe = (stackName: string) => {
    asked.push(stackName);
    return Promise.resolve().then(answer);
  };
  return Object.assign(describe, { asked });
}

const unreachable = () => {
  throw new Error('DescribeStacks must not be called');
};

describe('stackNameFromSamConfig', () => {
  it("reads the project's stack name from [default.global.parameters]", () => {
    expect(stackNameFromSamConfig(`version = 0.1\n[default.global.parameters]\nstack_name = "my-app"\n`)).toBe(
      'my-app',
    );
    expect(resolveStackName({}, PROJECT_SAMCONFIG)).toBe('sam-hello-api');
  });

  it('falls back to [default.deploy.parameters], and prefers global', () => {
    const deployOnly = `[default.deploy.parameters]\nstack_name = "from-deploy"\n`;
    expect(stackNameFromSamConfig(deployOnly)).toBe('from-deploy');
    expect(stackNameFromSamConfig(`[default.global.parameters]\nstack_name = "from-global"\n${deployOnly}`)).toBe(
      'from-global',
    );
  });

  it('finds nothing when no default table names a stack', () => {
    expect(stackNameFromSamConfig('version = 0.1\n')).toBeUndefined();
    expect(stackNameFromSamConfig(`[prod.global.parameters]\nstack_name = "prod-only"\n`)).toBeUndefined();
    expect(stackNameFromSamConfig(`[default.global.parameters]\nstack_name = "  "\n`)).toBeUndefined();
  });
});

describe('resolveStackName', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'samconfig-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prefers AWS_SAM_STACK_NAME to samconfig.toml', () => {
    expect(resolveStackName({ AWS_SAM_STACK_NAME: 'from-env' }, PROJECT_SAMCONFIG)).toBe('from-env');
  });

  it('has no stack name without the variable and without a samconfig.toml', () => {
    expect(resolveStackName({}, join(dir, 'missing.toml'))).toBeUndefined();
    writeFileSync(join(dir, 'samconfig.toml'), 'version = 0.1\n');
    expect(resolveStackName({ AWS_SAM_STACK_NAME: ' ' }, join(dir, 'samconfig.toml'))).toBeUndefined();
  });
});

describe('discoverEndpoint', () => {
  it('uses API_URL when set, without describing any stack', async () => {
    const describe = describer(unreachable);
    const endpoint = await discoverEndpoint({ API_URL: ` ${HELLO_URL} ` }, PROJECT_SAMCONFIG, describe);
    expect(endpoint).toEqual({ kind: 'url', url: new URL(HELLO_URL), source: 'API_URL' });
    expect(describe.asked).toEqual([]);
  });

  it.each(['not a url', 'ftp://example.com/hello', '/dev/hello'])(
    'rejects API_URL=%j as misconfigured',
    async (value) => {
      const endpoint = await discoverEndpoint({ API_URL: value }, PROJECT_SAMCONFIG, describer(unreachable));
      expect(endpoint).toEqual({ kind: 'error', reason: expect.stringContaining('API_URL') });
    },
  );

  it("reads the stack's HelloApiUrl output, for the stack samconfig.toml or AWS_SAM_STACK_NAME names", async () => {
    const describe = describer(() => ({ HelloWorldFunctionArn: 'arn:aws:lambda:…', HelloApiUrl: HELLO_URL }));
    expect(await discoverEndpoint({}, PROJECT_SAMCONFIG, describe)).toEqual({
      kind: 'url',
      url: new URL(HELLO_URL),
      source: 'stack sam-hello-api, output HelloApiUrl',
    });
    await discoverEndpoint({ AWS_SAM_STACK_NAME: 'other-stack' }, PROJECT_SAMCONFIG, describe);
    expect(describe.asked).toEqual(['sam-hello-api', 'other-stack']);
  });

  it('skips, saying why, when the stack cannot be described (no region, no credentials, no stack)', async () => {
    const failures = [
      new Error('Region is missing'),
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
      Object.assign(new Error('Stack with id sam-hello-api does not exist'), { name: 'ValidationError' }),
    ];
    for (const failure of failures) {
      const endpoint = await discoverEndpoint(
        {},
        PROJECT_SAMCONFIG,
        describer(() => {
          throw failure;
        }),
      );
      expect(endpoint).toEqual({ kind: 'skip', reason: expect.stringContaining(failure.message) });
      expect(endpoint.kind === 'skip' && endpoint.reason).toContain('sam-hello-api');
    }
  });

  it('skips without describing anything when there is no stack name either', async () => {
    const describe = describer(unreachable);
    const endpoint = await discoverEndpoint({}, join(tmpdir(), 'no-such-dir', 'samconfig.toml'), describe);
    expect(endpoint).toEqual({ kind: 'skip', reason: expect.stringMatching(/API_URL.*stack name/) });
    expect(describe.asked).toEqual([]);
  });

  it('treats a stack without a usable HelloApiUrl output as misconfigured, not skipped', async () => {
    for (const outputs of [{}, { HelloApiUrl: 'nonsense' }] as Array<Record<string, string>>) {
      const endpoint = await discoverEndpoint(
        {},
        PROJECT_SAMCONFIG,
        describer(() => outputs),
      );
      expect(endpoint).toEqual({ kind: 'error', reason: expect.stringContaining('HelloApiUrl') });
    }
  });

  it('tells a skipped developer every variable that would have configured it', () => {
    for (const name of ['API_URL', 'AWS_REGION', 'AWS_SAM_STACK_NAME', 'samconfig.toml']) {
      expect(HOW_TO_CONFIGURE).toContain(name);
    }
  });
});

describe('helloChecks', () => {
  it('asks for /hello with and without a name, an invalid name, and a sibling path of /hello', () => {
    const checks = helloChecks(new URL(`${HELLO_URL}?ignored=1#fragment`));
    expect(checks.map((check) => [check.url.href, check.status])).toEqual([
      [HELLO_URL, 200],
      [`${HELLO_URL}?name=Ada`, 200],
      [`${HELLO_URL}?name=%3Cscript%3Ealert%281%29%3C%2Fscript%3E`, 400],
      ['https://abc123.execute-api.eu-west-1.amazonaws.com/dev/no-such-route', 403],
    ]);
  });

  it('accepts a greeting in any words that names its name and has no other field, any non-empty message for errors', () => {
    const [world, ada, invalid, unknown] = helloChecks(new URL(HELLO_URL));
    expect(world?.body({ message: 'Hello, World!' })).toBeUndefined();
    expect(ada?.body({ message: 'Howdy, Ada!' })).toBeUndefined();
    expect(world?.body({ message: 'Hello, World!', extra: 1 })).toEqual(expect.any(String));
    expect(ada?.body({ message: 'Hello, World!' })).toEqual(expect.any(String));
    expect(ada?.body({ message: ['Ada'] })).toEqual(expect.any(String));
    expect(ada?.body(['Ada'])).toEqual(expect.any(String));
    expect(invalid?.body({ message: "Query parameter 'name' may contain only letters" })).toBeUndefined();
    expect(invalid?.body({ message: '' })).toEqual(expect.any(String));
    expect(unknown?.body({ message: 'Missing Authentication Token' })).toBeUndefined();
    expect(unknown?.body(['Missing Authentication Token'])).toEqual(expect.any(String));
  });
});
