// `npm start` runs the server under npm (npm → sh -c → node). SIGTERM to the npm process alone (a process manager,
// an IDE's stop button, a CI step timing out) used to leave the server running, orphaned, holding its port.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { canConnect } from '../helpers/raw-http';
import { ROUTES_TEMPLATE, SAM_LOCAL_BIN } from '../helpers/paths';

// A project of its own whose `npm start` is `sam-local start-api`, as the starter's is, on a copy of the fixture.
const workDir = mkdtempSync(join(tmpdir(), 'sam-local-orphan-'));
cpSync(dirname(ROUTES_TEMPLATE), workDir, { recursive: true });
writeFileSync(
  join(workDir, 'package.json'),
  JSON.stringify({ name: 'orphan-check', private: true, scripts: { start: `node ${SAM_LOCAL_BIN} start-api` } }),
);
const STOP_BOUND_MS = 5000;

const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  // Should the server have been orphaned after all (the failure this file is about), it is ended here: it is the
  // process started in workDir.
  for (const pid of processesIn(workDir)) process.kill(pid, 'SIGKILL');
  rmSync(workDir, { recursive: true, force: true });
});

function processesIn(dir: string): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return readlinkSync(`/proc/${entry}/cwd`) === dir ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}

function npmStart(args: string[]): { child: ChildProcess; output: () => string; url: Promise<string> } {
  const child = spawn('npm', ['start', '--', ...args], {
    cwd: workDir,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let text = '';
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: string): void => {
      text += chunk;
      const found = /http:\/\/127\.0\.0\.1:\d+/.exec(text);
      if (found) resolve(found[0]);
    };
    child.stdout?.setEncoding('utf8').on('data', onData);
    child.stderr?.setEncoding('utf8').on('data', onData);
    child.once('exit', () => reject(new Error(`npm start exited before serving:\n${text}`)));
  });
  url.catch(() => undefined); // a test that expects the exit does not await the URL
  return { child, output: () => text, url };
}

async function closedWithin(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (!(await canConnect(port))) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

describe('npm start', () => {
  it(`SIGTERM to the npm process only: the server stops within ${STOP_BOUND_MS} ms`, async () => {
    const started = npmStart(['--port', '0', '--no-watch', '--json-logs']);
    const port = Number(new URL(await started.url).port);
    expect(await canConnect(port)).toBe(true);
    started.child.kill('SIGTERM');
    const closed = await closedWithin(port, STOP_BOUND_MS);
    expect(closed ? 'closed' : started.output()).toBe('closed');
  }, 60_000);

  it('a port already in use: a message naming --port and PORT, and a non-zero exit', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const started = npmStart(['--port', String(port), '--no-watch', '--json-logs']);
      const code = await new Promise<number | null>((resolve) => started.child.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(started.output()).toMatch(new RegExp(`port ${port} is already in use`, 'i'));
      expect(started.output()).toMatch(/--port/);
      expect(started.output()).toMatch(/PORT=/);
    } finally {
      blocker.close();
    }
  }, 60_000);

  it('a --lambda-port already in use: a message naming --lambda-port, and a non-zero exit', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const started = npmStart(['--port', '0', '--lambda-port', String(port), '--no-watch', '--json-logs']);
      const code = await new Promise<number | null>((resolve) => started.child.once('exit', resolve));
      expect(code).not.toBe(0);
      expect(started.output()).toMatch(new RegExp(`port ${port} is already in use`, 'i'));
      expect(started.output()).toMatch(/--lambda-port <number>/);
    } finally {
      blocker.close();
    }
  }, 60_000);
});
