// The environment sam local gives a function: aws/aws-sam-cli samcli/local/lambdafn/env_vars.py
// (EnvironmentVariables.resolve, _get_aws_variables, _stringify_value) and samcli/commands/local/lib/local_lambda.py
// (_make_env_vars: the env-vars file's Parameters section, then the function's own section).
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { environmentNotes, environmentText, lambdaEnvironment } from '../../src/lambda/environment';
import { envOverridesFor } from '../../src/lambda/env-vars-file';
import { profileRegion, resolveRegion } from '../../src/lambda/region';
import { listFunctions } from '../../src/template/functions';
import { resolveTemplate } from '../../src/template/resolve-template';
import { parseTemplate, type LoadedTemplate } from '../../src/template/template';

const TEMPLATE = `
Globals:
  Function:
    Environment:
      Variables:
        SHARED: from-globals
        GLOBAL_IMPORT: !ImportValue shared-export
        SHADOWED: !ImportValue shadowed-in-globals
Resources:
  Table: { Type: AWS::DynamoDB::Table }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: app.handler
      Runtime: nodejs24.x
      MemorySize: 256
      Environment:
        Variables:
          TABLE: !Ref Table
          STREAM: !GetAtt Table.StreamArn
          ENABLED: true
          DISABLED: false
          EMPTY: null
          COUNT: 3
          SHADOWED: own
          FROM_SHELL: template
          FROM_FILE: template
      LoggingConfig: { LogFormat: JSON, ApplicationLogLevel: DEBUG, LogGroup: !Ref Table }
`;

function load(yaml = TEMPLATE): LoadedTemplate {
  return {
    path: '/p/template.yaml',
    dir: '/p',
    ...resolveTemplate(parseTemplate(yaml), { region: 'eu-west-1', parameterOverrides: {} }),
  };
}

describe('lambdaEnvironment', () => {
  it('AWS_SAM_LOCAL=true, the region given, and the variables Lambda sets', () => {
    // Act
    const env = lambdaEnvironment(listFunctions(load())[0]!, { region: 'eu-west-1', shell: {} });

    // Assess
    expect(env).toMatchObject({
      AWS_SAM_LOCAL: 'true',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
      AWS_LAMBDA_FUNCTION_NAME: 'Fn',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
      AWS_LAMBDA_LOG_STREAM_NAME: '$LATEST',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_LOG_FORMAT: 'JSON',
      AWS_LAMBDA_LOG_LEVEL: 'DEBUG',
      // sam local takes LoggingConfig.LogGroup as resolved: a Ref is the log group's logical id.
      AWS_LAMBDA_LOG_GROUP_NAME: 'Table',
      TZ: ':UTC',
    });
  });

  it('declared variables as text: an unresolved intrinsic and null are "", booleans "true"/"false"', () => {
    // Act
    const env = lambdaEnvironment(listFunctions(load())[0]!, { region: 'us-east-1', shell: {} });

    // Assess
    expect(env).toMatchObject({
      SHARED: 'from-globals',
      GLOBAL_IMPORT: '',
      TABLE: 'Table',
      STREAM: '',
      ENABLED: 'true',
      DISABLED: 'false',
      EMPTY: '',
      COUNT: '3',
      SHADOWED: 'own',
    });
  });

  it('for a declared variable: the env-vars file wins, then the shell, then the template; undeclared ones are never added', () => {
    // Prepare
    const fn = listFunctions(load())[0]!;
    const overrides = envOverridesFor(
      {
        Parameters: { FROM_FILE: 'file-wide', NOT_DECLARED: 'x' },
        Fn: { FROM_FILE: 'file-own', ALSO_UNDECLARED: 'y' },
      },
      'Fn',
    );

    // Act
    const env = lambdaEnvironment(fn, {
      region: 'us-east-1',
      overrides,
      shell: { FROM_SHELL: 'shell', FROM_FILE: 'shell', SHELL_ONLY: 'z', PATH: '/bin' },
    });

    // Assess
    expect([env.FROM_FILE, env.FROM_SHELL]).toEqual(['file-own', 'shell']);
    expect(['NOT_DECLARED', 'ALSO_UNDECLARED', 'SHELL_ONLY', 'PATH'].filter((name) => name in env)).toEqual([]);
  });

  it('the toolkit’s own settings go over everything; without LoggingConfig the log group is /aws/lambda/<name>', () => {
    // Prepare
    const [fn] = listFunctions(
      load(`
Resources:
  Plain:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/, Handler: app.handler, Runtime: nodejs22.x, Environment: { Variables: { POWERTOOLS_DEV: "false" } } }`),
    );

    // Act
    const env = lambdaEnvironment(fn!, { region: 'us-east-1', shell: {}, toolkit: { POWERTOOLS_DEV: 'true' } });

    // Assess
    expect([env.POWERTOOLS_DEV, env.AWS_LAMBDA_LOG_GROUP_NAME, env.AWS_LAMBDA_LOG_FORMAT]).toEqual([
      'true',
      '/aws/lambda/Plain',
      undefined,
    ]);
  });

  it('LogFormat JSON without ApplicationLogLevel announces INFO', () => {
    // Prepare
    const [fn] = listFunctions(
      load(`
Resources:
  Fn: { Type: AWS::Serverless::Function, Properties: { CodeUri: src/, Handler: a.b, Runtime: nodejs24.x, LoggingConfig: { LogFormat: JSON } } }`),
    );

    // Act
    const env = lambdaEnvironment(fn!, { region: 'us-east-1', shell: {} });

    // Assess
    expect(env.AWS_LAMBDA_LOG_LEVEL).toBe('INFO');
  });

  it('the form before issue 19, (template, fn, overrides): the template’s region, no shell values', () => {
    // Prepare
    const loaded = load();
    const fn = listFunctions(loaded)[0]!;
    process.env.FROM_SHELL = 'shell';

    // Act
    const env = lambdaEnvironment(loaded.template, fn, { FROM_FILE: 'file', UNDECLARED: 'x' });
    delete process.env.FROM_SHELL;

    // Assess
    expect([env.AWS_REGION, env.FROM_FILE, env.FROM_SHELL, env.UNDECLARED, env.AWS_SAM_LOCAL]).toEqual([
      'eu-west-1',
      'file',
      'template',
      undefined,
      'true',
    ]);
    expect(lambdaEnvironment(parseTemplate('Resources: {}'), fn).AWS_REGION).toBe('us-east-1');
  });

  it('environmentText follows _stringify_value', () => {
    expect([null, undefined, {}, [], true, false, 0, 'x'].map(environmentText)).toEqual([
      '',
      '',
      '',
      '',
      'true',
      'false',
      '0',
      'x',
    ]);
  });
});

describe('environmentNotes: one line per variable only a deployed stack knows, at start-up', () => {
  it('names the function, the variable, the value as written, what it is locally and why', () => {
    // Prepare
    const loaded = load();

    // Act
    const lines = environmentNotes(loaded, listFunctions(loaded)[0]!, { shell: {} });

    // Assess
    expect(lines).toEqual([
      'Fn: GLOBAL_IMPORT = !ImportValue shared-export is "" locally, as under sam local: Fn::ImportValue reads an export of another, deployed stack',
      `Fn: TABLE = !Ref Table is "Table" locally: Ref Table is the deployed resource's name or id; sam local uses the logical id`,
      'Fn: STREAM = !GetAtt Table.StreamArn is "" locally, as under sam local: Table.StreamArn is known only once the stack is deployed',
      `Fn: LoggingConfig.LogGroup = !Ref Table is "Table" locally: Ref Table is the deployed resource's name or id; sam local uses the logical id`,
    ]);
  });

  it('says nothing of a variable the env-vars file or the shell gives, nor of other functions’ variables', () => {
    // Prepare
    const loaded = load(`${TEMPLATE}
  Other:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/, Handler: app.handler, Environment: { Variables: { X: !ImportValue x } } }`);
    const fn = listFunctions(loaded)[0]!;

    // Act
    const lines = environmentNotes(loaded, fn, {
      overrides: { TABLE: 't', GLOBAL_IMPORT: 'g' },
      shell: { STREAM: 's' },
    });

    // Assess
    expect(lines.map((line) => line.split(' =')[0])).toEqual(['Fn: LoggingConfig.LogGroup']);
  });

  it('names the variables the function’s own env-vars section sets that the template does not declare', () => {
    // Prepare
    const loaded = load();

    // Act
    const lines = environmentNotes(loaded, listFunctions(loaded)[0]!, {
      shell: {},
      ownSection: { TABLE: 'declared', EXTRA: 'x', MORE: 'y' },
    });

    // Assess
    expect(lines.at(-1)).toBe(
      'Fn: --env-vars sets EXTRA, MORE, which the template does not declare for it: ignored, as sam local ignores them (declare them under Environment.Variables)',
    );
  });

  it('a whole Environment that cannot be resolved is one line', () => {
    // Prepare
    const loaded = load(`
Resources:
  Fn: { Type: AWS::Serverless::Function, Properties: { CodeUri: src/, Handler: a.b, Runtime: nodejs24.x, Environment: !ImportValue env } }`);

    // Act
    const lines = environmentNotes(loaded, listFunctions(loaded)[0]!, { shell: {} });

    // Assess
    expect(lines).toEqual([
      'Fn: Environment = !ImportValue env is "" locally, as under sam local: Fn::ImportValue reads an export of another, deployed stack',
    ]);
  });
});

describe('resolveRegion: where sam local’s session finds its region', () => {
  const home = mkdtempSync(join(tmpdir(), 'region-home-'));
  mkdirSync(join(home, '.aws'));
  writeFileSync(
    join(home, '.aws', 'config'),
    [
      '[default]',
      'region = eu-north-1',
      '',
      '[profile work]',
      's3 =',
      '  region = not-this-one',
      'region=ap-southeast-2 # x',
      '[ profile  spaced ]',
      'region = sa-east-1',
    ].join('\n'),
  );
  const otherConfig = join(home, 'other-config');
  writeFileSync(otherConfig, '[profile default]\nregion = ca-central-1\n');

  it('--region first, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    // Act
    const found = [
      resolveRegion('us-west-2', { AWS_REGION: 'eu-west-1' }, home),
      resolveRegion(undefined, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-west-2' }, home),
      resolveRegion(undefined, { AWS_REGION: '', AWS_DEFAULT_REGION: 'eu-west-2' }, home),
    ];

    // Assess
    expect(found).toEqual([
      { region: 'us-west-2', from: '--region' },
      { region: 'eu-west-1', from: 'AWS_REGION' },
      { region: 'eu-west-2', from: 'AWS_DEFAULT_REGION' },
    ]);
  });

  it('then the profile’s region in the AWS config file: AWS_PROFILE (else default), AWS_CONFIG_FILE (else ~/.aws/config)', () => {
    // Act
    const found = [
      resolveRegion(undefined, {}, home).region,
      resolveRegion(undefined, { AWS_PROFILE: 'work' }, home).region,
      resolveRegion(undefined, { AWS_DEFAULT_PROFILE: 'spaced' }, home).region,
      resolveRegion(undefined, { AWS_CONFIG_FILE: otherConfig }, home).region,
    ];

    // Assess
    expect(found).toEqual(['eu-north-1', 'ap-southeast-2', 'sa-east-1', 'ca-central-1']);
    expect(resolveRegion(undefined, { AWS_PROFILE: 'work' }, home).from).toBe(
      `profile work in ${join(home, '.aws', 'config')}`,
    );
  });

  it('us-east-1 last: no such profile, no region in it, no config file', () => {
    // Act
    const found = [
      resolveRegion(undefined, { AWS_PROFILE: 'missing' }, home),
      resolveRegion(undefined, { AWS_CONFIG_FILE: join(home, 'nope') }, home),
    ];

    // Assess
    expect(found.map((result) => result.region)).toEqual(['us-east-1', 'us-east-1']);
    expect(found[0]?.from).toBe('no region set anywhere: sam local’s default');
    expect(profileRegion(join(home, 'nope'), 'default')).toBeUndefined();
  });
});
