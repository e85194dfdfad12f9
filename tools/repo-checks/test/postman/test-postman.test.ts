import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { startLoopbackServer, type LoopbackServer } from '../../../../tests/helpers/loopback-server';
import { packageScripts } from '../helpers/npm-scripts';
import { assertionCount, readCollection } from '../helpers/postman-collection';
import { ROOT } from '../../../../tests/helpers/project';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command package.json gives test:postman (node flags included), with the arguments after `--`. */
function testPostman(args: string[]): Promise<Run> {
  const [command, ...nodeArgs] = (packageScripts()['test:postman'] ?? '').split(' ');
  expect(command).toBe('node');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...nodeArgs, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? (error.code as number | null) : 0, stdout, stderr }),
    );
  });
}

const summaryLine = (stdout: string): string | undefined =>
  stdout.split('\n').find((line) => /^Postman: \d+ passed, \d+ failed$/.test(line));

/** Whether anything accepts a connection on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function localApiPort(stdout: string): number {
  const match = /Local API \(npm start\) at http:\/\/127\.0\.0\.1:(\d+)\/dev/.exec(stdout);
  if (!match?.[1]) throw new Error(`no local API URL in:\n${stdout}`);
  return Number(match[1]);
}

// An API that ignores its request: every answer is the greeting for no name, well formed.
let alwaysWorld: LoopbackServer;
beforeAll(async () => {
  alwaysWorld = await startLoopbackServer((_, res) => {
    res
      .writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' })
      .end(JSON.stringify({ message: 'Hello, World!' }));
  });
});
afterAll(() => alwaysWorld.close());

describe('npm run test:postman', () => {
  it('passes against the local API it starts, prints the summary, and stops the API', async () => {
    const run = await testPostman([]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/│\s+assertions\s+│\s+\d+\s+│\s+0\s+│/);
    expect(summaryLine(run.stdout)).toBe(`Postman: ${assertionCount(readCollection())} passed, 0 failed`);
    expect(await listening(localApiPort(run.stdout))).toBe(false);
  });

  it('exits 1 when an assertion fails, and still stops the local API', async () => {
    // The local API allows every origin (*): a collection expecting another one fails each CORS assertion.
    const run = await testPostman(['--env-var', 'allowedOrigin=https://app.example.com']);
    expect(run.code).toBe(1);
    const requests = readCollection().item.length;
    expect(summaryLine(run.stdout)).toBe(
      `Postman: ${assertionCount(readCollection()) - requests} passed, ${requests} failed`,
    );
    expect(run.stdout).toContain("The local API's output:");
    expect(await listening(localApiPort(run.stdout))).toBe(false);
  });

  it('--base-url runs against that API instead: one that ignores the request fails every request but "No name"', async () => {
    const run = await testPostman(['--base-url', `${alwaysWorld.url}/dev/hello`]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`Running the collection against ${alwaysWorld.url}/dev`);
    expect(run.stdout).not.toContain('Local API');
    expect(run.stdout).toMatch(/AssertionError\s+message greets Ada/);
    // newman's failure list names the request of each failure: `inside "A name"`.
    const failing = [...new Set([...run.stdout.matchAll(/inside "([^"]+)"/g)].map((match) => match[1]))].sort();
    const names = readCollection().item.map((item) => item.name);
    expect(failing).toEqual(names.filter((name) => name !== 'No name').sort());
    expect(summaryLine(run.stdout)).toMatch(/^Postman: \d+ passed, [1-9]\d* failed$/);
  });

  it('exits 2 with the usage on a bad argument, starting nothing', async () => {
    const run = await testPostman(['--base-url', 'not-a-url']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--base-url must be an http\(s\) URL/);
    expect(run.stderr).toContain('Usage: npm run test:postman');
    expect(run.stdout).toBe('');
  });
});
