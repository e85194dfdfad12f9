import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { calls, fakeCliPath, removeFakeClis, type FakeCli } from './helpers/fake-cli';
import { startFaultyProxy, type Fault } from './helpers/faulty-proxy';
import { startProjectApi, type RunningApi } from '../../../tests/helpers/local-api';
import { closedLoopbackUrl } from '../../../tests/helpers/loopback-server';
import { ROOT } from '../../../tests/helpers/project';
import { SRC } from './helpers/paths';

// npm run test:deployed's exit codes (src/test-deployed.ts).
const EXIT_PASSED = 0;
const EXIT_FAILED = 1;
const EXIT_SKIPPED = 77;

const NO_FILE = join(ROOT, 'tests', 'fixtures', 'does-not-exist');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs src/test-deployed.ts as npm run test:deployed does (tsx), in a child process whose
 * environment is only PATH plus env: no AWS settings of the machine running the tests leak in.
 */
function testDeployed(env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(SRC, 'test-deployed.ts')],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          // No shared AWS config or credentials files, and never the EC2 instance metadata service.
          AWS_CONFIG_FILE: NO_FILE,
          AWS_SHARED_CREDENTIALS_FILE: NO_FILE,
          AWS_EC2_METADATA_DISABLED: 'true',
          ...env,
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

const summaryLines = (stdout: string) => stdout.split('\n').filter((line) => /^\d+ passed, \d+ failed$/.test(line));
const resultLines = (stdout: string, verdict: 'PASS' | 'FAIL') =>
  stdout.split('\n').filter((line) => line.startsWith(`${verdict}  `));

let local: RunningApi;
let helloUrl: string;

beforeAll(async () => {
  local = await startProjectApi();
  helloUrl = `${local.api.url}/dev/hello`;
});
afterAll(() => {
  removeFakeClis();
  return local.stop();
});

describe('npm run test:deployed', () => {
  it('passes every check against the real function served by the local API', async () => {
    const run = await testDeployed({ API_URL: helloUrl });
    expect(run.stderr).not.toMatch(/FAIL|Error/);
    expect(run.code).toBe(EXIT_PASSED);
    expect(run.stdout).toContain(`Checking ${helloUrl} (from API_URL)`);
    expect(resultLines(run.stdout, 'PASS')).toHaveLength(4);
    expect(summaryLines(run.stdout)).toEqual(['4 passed, 0 failed']);
  });

  it.each<[Fault, number, RegExp[]]>([
    ['text-content-type', 4, [/Content-Type "text\/plain", expected application\/json/]],
    [
      'ignores-name',
      2,
      [/name=Ada.*expected only a "message" that greets "Ada"/, /invalid name.*status 200, expected 400/],
    ],
    ['unknown-path-404', 1, [/unknown path.*status 404, expected 403/]],
    ['html-error-body', 2, [/invalid name.*body is not JSON/, /unknown path.*body is not JSON/]],
  ])('reports a server whose answers have the fault %s, and exits non-zero', async (fault, failures, reasons) => {
    const proxy = await startFaultyProxy(local.api.url, fault);
    try {
      const run = await testDeployed({ API_URL: `${proxy.url}/dev/hello` });
      expect(run.code).toBe(EXIT_FAILED);
      const failed = resultLines(run.stdout, 'FAIL');
      expect(failed).toHaveLength(failures);
      for (const reason of reasons) expect(failed.some((line) => reason.test(line))).toBe(true);
      expect(summaryLines(run.stdout)).toEqual([`${4 - failures} passed, ${failures} failed`]);
    } finally {
      await proxy.close();
    }
  });

  it('fails every check, with the network error, when nothing answers', async () => {
    const run = await testDeployed({ API_URL: `${await closedLoopbackUrl()}/dev/hello` });
    expect(run.code).toBe(EXIT_FAILED);
    expect(resultLines(run.stdout, 'FAIL').every((line) => /failed: .*ECONNREFUSED/.test(line))).toBe(true);
    expect(summaryLines(run.stdout)).toEqual(['0 passed, 4 failed']);
  });

  describe('without API_URL, from the stack outputs (read with the SAM CLI, else the AWS CLI)', () => {
    // Stand-ins for `sam` and `aws` on PATH: each records its arguments and answers as the real CLI does.
    const cliEnv = (clis: Record<string, FakeCli>) => ({ PATH: fakeCliPath(clis) });

    it('skips with exit 77 and says what to set when neither CLI is installed', async () => {
      const run = await testDeployed(cliEnv({}));
      expect(run.code).toBe(EXIT_SKIPPED);
      expect(run.stdout).toMatch(/^SKIPPED: No API_URL, and stack sam-hello-api can't be described: neither/m);
      expect(run.stdout).toMatch(/Set API_URL to the full \/hello URL/);
      expect(summaryLines(run.stdout)).toEqual([]);
    });

    it("checks the URL in the HelloApiUrl output of samconfig.toml's stack, read by sam list stack-outputs", async () => {
      const sam: FakeCli = {
        stdout: JSON.stringify([{ OutputKey: 'HelloApiUrl', OutputValue: helloUrl, Description: 'x' }]),
      };
      const run = await testDeployed(cliEnv({ sam }));
      expect(calls(sam)).toEqual([['list', 'stack-outputs', '--stack-name', 'sam-hello-api', '--output', 'json']]);
      expect(run.code).toBe(EXIT_PASSED);
      expect(run.stdout).toContain(`Checking ${helloUrl} (from stack sam-hello-api, output HelloApiUrl)`);
      expect(summaryLines(run.stdout)).toEqual(['4 passed, 0 failed']);
    });

    it('falls back on the AWS CLI when there is no SAM CLI', async () => {
      const aws: FakeCli = { stdout: JSON.stringify([{ OutputKey: 'HelloApiUrl', OutputValue: helloUrl }]) };
      const run = await testDeployed({ ...cliEnv({ aws }), AWS_SAM_STACK_NAME: 'my-stack' });
      expect(calls(aws)[0]).toEqual(expect.arrayContaining(['describe-stacks', '--stack-name', 'my-stack']));
      expect(run.code).toBe(EXIT_PASSED);
    });

    it('skips with exit 77, quoting the CLI, when the stack does not exist', async () => {
      const sam: FakeCli = { stderr: 'Error: The input stack my-stack does not exist on Cloudformation', exitCode: 1 };
      const run = await testDeployed({ ...cliEnv({ sam }), AWS_SAM_STACK_NAME: 'my-stack' });
      expect(calls(sam)).toHaveLength(1);
      expect(run.code).toBe(EXIT_SKIPPED);
      expect(run.stdout).toMatch(/^SKIPPED: .*my-stack.*does not exist/m);
      expect(summaryLines(run.stdout)).toEqual([]);
    });
  });
});
