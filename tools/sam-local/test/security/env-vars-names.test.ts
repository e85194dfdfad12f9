// Issue 21, finding 8: `--env-vars` took any name: one with `=` or NUL, or an empty one, was accepted (NUL made every
// request 502 with a stack trace). Names are now checked against Lambda's pattern for Environment.Variables keys,
// [a-zA-Z]([a-zA-Z0-9_])+ (Lambda API reference, Environment), and the file is refused at start-up.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, type FixtureCopy } from '../helpers/fixture-copy';
import { httpRequest } from '../helpers/local-api';
import { SAM_LOCAL_BIN } from '../helpers/paths';
import { startSamLocalProcess } from '../helpers/start-process';

let fixture: FixtureCopy;
let badFile: string;
beforeAll(() => {
  fixture = copyFixture('misbehaving-api');
  badFile = join(fixture.dir, 'bad-env.json');
  writeFileSync(
    badFile,
    JSON.stringify({
      Parameters: { GOOD_NAME: 'kept', 'BAD=NAME': 'x', '': 'empty', 'NUL\u0000NAME': 'y' },
      MisbehavingFunction: { A: 'too short', '1ST': 'digit first', VALUE_WITH_NUL: 'a\u0000b' },
    }),
  );
});
afterAll(() => fixture.remove());

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [SAM_LOCAL_BIN, ...args], {
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    // A server that started anyway (the failure this file is about) is stopped once it says it is ready.
    const stopIfServing = (): void => {
      if (/Ctrl\+C to stop/.test(output)) child.kill('SIGKILL');
    };
    child.stdout.on('data', stopIfServing);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

function expectEveryBadNameNamed(output: string): void {
  expect(output).toMatch(/Env-vars file .*bad-env\.json: these variables are not ones Lambda accepts/);
  for (const named of ['"BAD=NAME"', '""', '"NUL\\u0000NAME"', '"A"', '"1ST"', 'the value of VALUE_WITH_NUL']) {
    expect(output).toContain(named);
  }
  expect(output).toContain('[a-zA-Z]([a-zA-Z0-9_])+');
  expect(output).not.toContain('GOOD_NAME');
  expect(output).not.toMatch(/\n\s+at /); // a message, not a stack trace
}

it.each(['start-api', 'start-lambda'])(
  '%s refuses the file at start-up, naming every bad variable',
  async (command) => {
    const { code, output } = await run([command, '--template', fixture.template, '--port', '0', '--env-vars', badFile]);
    expect(code).toBe(1);
    expectEveryBadNameNamed(output);
  },
  60_000,
);

it('invoke refuses it too (exit 2, nothing invoked)', () => {
  const event = join(fixture.dir, 'event.json');
  writeFileSync(
    event,
    JSON.stringify({ pathParameters: { kind: 'env' }, queryStringParameters: { name: 'GOOD_NAME' } }),
  );
  const ran = spawnSync(
    process.execPath,
    [
      SAM_LOCAL_BIN,
      'invoke',
      'MisbehavingFunction',
      '-e',
      event,
      '--template',
      fixture.template,
      '--env-vars',
      badFile,
    ],
    { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 60_000 },
  );
  expect(ran.status).toBe(2);
  expect(ran.stdout).toBe('');
  expectEveryBadNameNamed(ran.stderr);
}, 60_000);

it('a file of valid names is served as before', async () => {
  const goodFile = join(fixture.dir, 'good-env.json');
  writeFileSync(goodFile, JSON.stringify({ Parameters: { GOOD_NAME: 'kept', lower_case_9: 'also' } }));
  const server = await startSamLocalProcess([
    'start-api',
    ...['--template', fixture.template, '--port', '0', '--no-watch', '--no-type-check', '--env-vars', goodFile],
  ]);
  try {
    const res = await httpRequest(`http://127.0.0.1:${server.port}`, '/misbehave/env?name=lower_case_9');
    expect(res.json()).toEqual({ value: 'also' });
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}, 60_000);
