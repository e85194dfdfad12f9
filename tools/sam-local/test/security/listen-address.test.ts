// Issue 21, finding 2: `HOST=` (set but empty) listened on every interface and printed `http://:3000`; HOST=0.0.0.0
// or --inspect=0.0.0.0 put the servers on the network without a word. Now an empty HOST is unset, and listening
// beyond loopback prints one warning naming what is exposed and how to keep it local.
import { copyFixture, freePort, type FixtureCopy } from '../helpers/fixture-copy';
import { httpRequest } from '../helpers/local-api';
import { startSamLocalProcess, type StartedProcess } from '../helpers/start-process';

let fixture: FixtureCopy;
const started: StartedProcess[] = [];
beforeAll(() => {
  fixture = copyFixture('hello-api');
});
afterAll(async () => {
  for (const process of started) {
    process.child.kill('SIGTERM');
    await process.exited;
  }
  fixture.remove();
});

async function start(
  args: string[],
  options: { env?: Record<string, string>; urlHost?: string } = {},
): Promise<StartedProcess> {
  const running = await startSamLocalProcess(
    [...args, '--template', fixture.template, '--no-watch', '--json-logs'],
    options,
  );
  started.push(running);
  await running.waitFor('stdout', /Ctrl\+C to stop/);
  return running;
}

const warnings = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('Warning:'));

it('HOST= (empty) is unset: the API listens on 127.0.0.1, says so, and warns of nothing', async () => {
  const api = await start(['start-api', '--port', '0', '--no-type-check'], { env: { HOST: '' } });
  expect(api.stdout()).not.toMatch(/http:\/\/:/);
  const res = await httpRequest(`http://127.0.0.1:${api.port}`, '/dev/hello');
  expect(res.status).toBe(200);
  expect(warnings(api.stdout() + api.stderr())).toEqual([]);
});

it('HOST=0.0.0.0 with --lambda-port: one warning naming both servers, to whom, and --host 127.0.0.1', async () => {
  const api = await start(['start-api', '--port', '0', '--lambda-port', '0', '--no-type-check'], {
    env: { HOST: '0.0.0.0' },
    urlHost: '0.0.0.0',
  });
  await api.waitFor('stderr', /^Warning:.*\n/m);
  const printed = warnings(api.stdout() + api.stderr());
  expect(printed).toHaveLength(1);
  expect(printed[0]).toContain(`the local API (0.0.0.0:${api.port})`);
  expect(printed[0]).toMatch(/the Lambda Invoke API \(0\.0\.0\.0:\d+\)/);
  expect(printed[0]).toMatch(/anyone who can reach it over the network/);
  expect(printed[0]).toContain('--host 127.0.0.1');
  // Reachable on the network, but still only for Host names that address it.
  expect((await httpRequest(`http://127.0.0.1:${api.port}`, '/dev/hello')).status).toBe(200);
  const rebound = await httpRequest(`http://127.0.0.1:${api.port}`, '/dev/hello', {
    headers: [['Host', 'rebind.attacker.example']],
  });
  expect(rebound.status).toBe(403);
});

it('--inspect=0.0.0.0:PORT: the warning names the debugger and --inspect=127.0.0.1', async () => {
  const inspectPort = await freePort();
  const lambda = await start(['start-lambda', '--port', '0', `--inspect=0.0.0.0:${inspectPort}`]);
  await lambda.waitFor('stderr', /^Warning:.*\n/m);
  const printed = warnings(lambda.stdout() + lambda.stderr());
  expect(printed).toHaveLength(1);
  expect(printed[0]).toContain(`debugger (0.0.0.0:${inspectPort} and up)`);
  expect(printed[0]).toContain(`--inspect=127.0.0.1:${inspectPort}`);
  expect(printed[0]).not.toContain('Invoke API');
});
