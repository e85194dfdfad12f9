// Issue 19: environment variables written with every intrinsic function, served by start-api, invoked by invoke and
// by start-lambda, each answering with the environment sam local builds (aws/aws-sam-cli
// samcli/local/lambdafn/env_vars.py) from the template resolved once (samcli/lib/intrinsic_resolver/). The fixture's
// function uses the Powertools Tracer, which stays off under AWS_SAM_LOCAL=true; without it the Tracer asks X-Ray
// for a segment there is none of, and the function fails ("Failed to get the current sub/segment").
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApi, type TestApi } from '../../src/http/test-api';
import { SAM_LOCAL_BIN, TOOLKIT_DIR } from '../helpers/paths';
import { startSamLocalProcess, type StartedProcess } from '../helpers/start-process';

/** What the function sees with the defaults (Stage dev), in region `region`. */
function expectedEnvironment(region: string): Record<string, string | null> {
  return {
    // Ref of a resource: its logical id; GetAtt .Arn: sam local's made-up Lambda ARN; other attributes: "".
    TABLE_NAME: 'itemsTable',
    TABLE_ARN: `arn:aws:lambda:${region}:123456789012:function:itemsTable`,
    STREAM_ARN: '',
    SSM_PARAMETER_NAME: 'idempotencyTableNameParam',
    SHARED_BUS: '',
    STAGE: 'dev',
    IS_PROD: 'false',
    // sam local gives "" here (it fails on the AWS::NoValue in the branch not taken); CloudFormation gives "enabled".
    DEBUG_ONLY: 'enabled',
    // sam local's AWS::URLSuffix is "localhost"; CloudFormation's, which the toolkit gives, is amazonaws.com.
    API_URL: `https://ItemsApi.execute-api.${region}.amazonaws.com/dev`,
    BUCKET_ARN: 'arn:aws:s3:::items-dev-123456789012',
    // The first zone of the region in sam local's table; Fn::Cidr stays as written: "".
    AVAILABILITY_ZONE: `${region}a`,
    SUBNET_CIDR: '',
    FIRST_ORIGIN: 'http://localhost:5173',
    ORIGINS: 'http://localhost:5173,https://app.example.com',
    APP_HOST: 'app.example.com',
    GREETING_B64: 'aGVsbG8=',
    // sam local leaves "${!NotAVariable}"; CloudFormation writes "${NotAVariable}".
    LITERAL: '${NotAVariable}',
    ENABLED: 'true',
    FROM_SHELL: 'template',
    FROM_FILE: 'template',
    NOT_DECLARED: null,
    NODE_OPTIONS: '--enable-source-maps',
    POWERTOOLS_SERVICE_NAME: 'items-store',
    POWERTOOLS_LOG_LEVEL: 'DEBUG',
    AWS_SAM_LOCAL: 'true',
    AWS_REGION: region,
  };
}

interface Answer {
  tracing: boolean;
  env: Record<string, string | null>;
}

// Used in place (the function imports the Powertools Tracer from the toolkit's node_modules): start-api builds into a
// private folder, invoke and start-lambda, one after the other, into the fixture's .aws-sam.
const FIXTURE_DIR = join(TOOLKIT_DIR, 'test', 'fixtures', 'intrinsics-env-api');
const fixture = { dir: FIXTURE_DIR, template: join(FIXTURE_DIR, 'template.yaml') };
const scratch = mkdtempSync(join(tmpdir(), 'intrinsics-env-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// The one start-up line on what is not evaluated locally at all.
const UNEVALUATED =
  'Not evaluated locally, left as written as under sam local ("" as an environment variable): ' +
  'Fn::Cidr at Resources.getEnvFunction.Properties.Environment.Variables.SUBNET_CIDR.';

function answerOf(result: unknown): { statusCode: number; answer: Answer } {
  const { statusCode, body } = result as { statusCode: number; body: string };
  return { statusCode, answer: JSON.parse(body) as Answer };
}

describe('start-api', () => {
  let running: TestApi;
  beforeAll(async () => {
    // The shell's value wins over the template's for a variable the template declares.
    process.env.FROM_SHELL = 'shell';
    running = await startTestApi({
      templatePath: fixture.template,
      region: 'eu-west-1',
      envVars: { Parameters: { FROM_FILE: 'file', NOT_DECLARED: 'x' } },
      watch: false,
      typeCheck: false,
    });
  });
  afterAll(async () => {
    delete process.env.FROM_SHELL;
    await running?.stop();
  });

  it('answers 200 with the environment sam local builds, the Tracer off', async () => {
    // Act
    const res = await fetch(`${running.api.url}/env`);

    // Assess
    expect(res.status).toBe(200);
    const answer = (await res.json()) as Answer;
    expect(answer).toEqual({
      tracing: false,
      env: { ...expectedEnvironment('eu-west-1'), FROM_SHELL: 'shell', FROM_FILE: 'file' },
    });
  });

  it('says once, at start-up, what each value only a deployed stack knows is locally', () => {
    // Assess
    const notes = running.lines.filter((line) => line.startsWith('getEnvFunction: '));
    expect(notes.map((line) => line.split(' = ')[0])).toEqual(
      [
        'TABLE_NAME',
        'TABLE_ARN',
        'STREAM_ARN',
        'SSM_PARAMETER_NAME',
        'SHARED_BUS',
        'API_URL',
        'BUCKET_ARN',
        'AVAILABILITY_ZONE',
        'SUBNET_CIDR',
      ].map((name) => `getEnvFunction: ${name}`),
    );
    expect(notes).toContain(
      'getEnvFunction: SHARED_BUS = !ImportValue shared-event-bus-name is "" locally, as under sam local: Fn::ImportValue reads an export of another, deployed stack',
    );
    expect(running.api.notes).toContain(UNEVALUATED);
  });
});

describe('invoke', () => {
  it('gives the same environment, with --parameter-overrides deciding the conditions and --region the region', () => {
    // Prepare
    const event = join(scratch, 'event.json');
    writeFileSync(event, '{}');
    const envVars = join(scratch, 'env.json');
    writeFileSync(envVars, JSON.stringify({ getEnvFunction: { FROM_FILE: 'file', NOT_DECLARED: 'x' } }));

    // Act
    const run = spawnSync(
      process.execPath,
      [
        SAM_LOCAL_BIN,
        'invoke',
        ...['-e', event, '--template', fixture.template, '--env-vars', envVars],
        ...['--parameter-overrides', 'Stage=prod', '--region', 'ap-southeast-2'],
      ],
      {
        encoding: 'utf8',
        env: { PATH: process.env.PATH, FROM_SHELL: 'shell', AWS_REGION: 'us-west-2' },
        timeout: 60_000,
      },
    );

    // Assess
    expect(run.status).toBe(0);
    const { statusCode, answer } = answerOf(JSON.parse(run.stdout));
    expect(statusCode).toBe(200);
    expect(answer).toEqual({
      tracing: false,
      env: {
        ...expectedEnvironment('ap-southeast-2'),
        STAGE: 'prod',
        IS_PROD: 'true',
        DEBUG_ONLY: null,
        API_URL: 'https://ItemsApi.execute-api.ap-southeast-2.amazonaws.com/prod',
        BUCKET_ARN: 'arn:aws:s3:::items-prod-123456789012',
        POWERTOOLS_LOG_LEVEL: 'WARN',
        FROM_SHELL: 'shell',
        FROM_FILE: 'file',
      },
    });
    expect(run.stderr).toContain(`Note: ${UNEVALUATED}`);
    expect(run.stderr).toContain(
      'getEnvFunction: --env-vars sets NOT_DECLARED, which the template does not declare for it: ignored, as sam local ignores them',
    );
  });
});

describe('invoke --profile', () => {
  it('takes the region of that profile, over AWS_PROFILE, as sam local’s session with --profile does', () => {
    // Prepare: a home whose AWS config has the shell's profile and the one named by --profile.
    const home = join(scratch, 'home');
    mkdirSync(join(home, '.aws'), { recursive: true });
    writeFileSync(
      join(home, '.aws', 'config'),
      '[default]\nregion = us-west-2\n[profile shell]\nregion = ca-central-1\n[profile work]\nregion = eu-central-1\n',
    );
    const event = join(scratch, 'profile-event.json');
    writeFileSync(event, '{}');

    // Act
    const run = spawnSync(
      process.execPath,
      [SAM_LOCAL_BIN, 'invoke', 'getEnvFunction', event, '--template', fixture.template, '--profile', 'work'],
      { encoding: 'utf8', env: { PATH: process.env.PATH, HOME: home, AWS_PROFILE: 'shell' }, timeout: 60_000 },
    );

    // Assess
    expect(run.status).toBe(0);
    const { answer } = answerOf(JSON.parse(run.stdout));
    expect([answer.env.AWS_REGION, answer.env.AVAILABILITY_ZONE]).toEqual(['eu-central-1', 'eu-central-1a']);
  });
});

describe('start-lambda', () => {
  let endpoint: StartedProcess;
  beforeAll(async () => {
    // No --region: the shell's AWS_DEFAULT_REGION, as sam local's session finds it.
    endpoint = await startSamLocalProcess(
      ['start-lambda', '--template', fixture.template, '--port', '0', '--no-watch', '--json-logs'],
      { env: { AWS_DEFAULT_REGION: 'sa-east-1' } },
    );
  });
  afterAll(async () => {
    endpoint?.child.kill('SIGTERM');
    await endpoint?.exited;
  });

  it('gives the same environment through Lambda’s Invoke API', async () => {
    // Act
    const res = await fetch(`http://127.0.0.1:${endpoint.port}/2015-03-31/functions/getEnvFunction/invocations`, {
      method: 'POST',
      body: '{}',
    });

    // Assess
    expect(res.status).toBe(200);
    const { statusCode, answer } = answerOf(await res.json());
    expect([statusCode, answer]).toEqual([200, { tracing: false, env: expectedEnvironment('sa-east-1') }]);
    expect(endpoint.stdout()).toContain('region sa-east-1 (AWS_DEFAULT_REGION)');
    expect(endpoint.stdout()).toContain(`Note: ${UNEVALUATED}`);
  });
});
