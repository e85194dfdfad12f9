import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUTES_TEMPLATE } from './helpers/local-api';
import { HELLO_DIR, SAM_LOCAL_BIN } from './helpers/paths';
import { HELLO_MESSAGES } from './fixtures/hello-api/messages';

const scratch = mkdtempSync(join(tmpdir(), 'invoke-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs `sam-local invoke ...args` from the greeting fixture's folder (its template.yaml is the default). */
function invoke(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [SAM_LOCAL_BIN, 'invoke', ...args], {
    cwd: HELLO_DIR,
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function writeJson(name: string, value: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

describe('sam-local invoke', () => {
  it('prints the result JSON on stdout and the logs on stderr, exit 0 (function id optional)', () => {
    const run = invoke('events/hello-name.json');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { statusCode: number; body: string };
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual({ message: 'Hello, Ada!' });
    expect(run.stderr).toMatch(/"message":"Request handled"/);
    expect(run.stderr).toMatch(/"coldStart":true/);
  });

  it('accepts the function id and -e like sam local invoke', () => {
    const run = invoke('GreetingFunction', '-e', 'events/hello-name-repeated.json');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout) as { statusCode: number; body: string };
    expect([result.statusCode, JSON.parse(result.body)]).toEqual([400, { message: HELLO_MESSAGES.repeated }]);
  });

  it('applies an --env-vars file in sam local format', () => {
    const envVars = writeJson('env.json', { GreetingFunction: { SERVICE_NAME: 'renamed-service' } });
    const run = invoke('events/hello.json', '--env-vars', envVars);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/"service":"renamed-service"/);
  });

  it('reports a throwing handler in Lambda’s error shape with a non-zero exit', () => {
    const event = writeJson('fault.json', { pathParameters: { kind: 'throw' } });
    const run = invoke('--template', ROUTES_TEMPLATE, 'FaultsFunction', event);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ errorType: 'Error', errorMessage: 'thrown on purpose' });
  });

  it('reports a timeout with a non-zero exit', () => {
    const event = writeJson('timeout.json', { pathParameters: { kind: 'timeout' } });
    const run = invoke('--template', ROUTES_TEMPLATE, 'FaultsFunction', event);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      errorType: 'Sandbox.Timedout',
      errorMessage: 'Task timed out after 1.00 seconds',
    });
  });

  it.each([
    ['a missing event file', ['events/nope.json'], /Cannot read event file events\/nope\.json: ENOENT/],
    ['an event file that is not JSON', ['__INVALID__'], /is not valid JSON/],
    ['no event file', [], /No event file given/],
    [
      'an unknown function',
      ['NopeFunction', 'events/hello.json'],
      /No function NopeFunction in .*template\.yaml; it has: GreetingFunction/,
    ],
    [
      'no function id with several functions',
      ['--template', ROUTES_TEMPLATE, 'events/hello.json'],
      /The template has 2 functions; name one: EchoFunction, FaultsFunction/,
    ],
  ])('%s → a clear message and exit 2, nothing on stdout', (_label, args, message) => {
    const resolved = args.map((arg) => (arg === '__INVALID__' ? writeJson('bad.json', '{ not json') : arg));
    const run = invoke(...resolved);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});
