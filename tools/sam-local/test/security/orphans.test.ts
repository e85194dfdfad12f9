// Issue 21, finding 4: processes outlived the server. A function busy-looping past Ctrl+C kept spinning after the
// forced exit (the worker ignored SIGINT/SIGTERM); children a function spawns (a headless browser, a detached
// process) outlived a discarded worker and the server; after `kill -9` of the server, `tsc --watch` kept running.
// Each case is checked with the process table (/proc): every process must be gone, not merely the port closed.
import { existsSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { copyFixture, type FixtureCopy } from '../helpers/fixture-copy';
import { httpRequest } from '../helpers/local-api';
import { TOOLKIT_DIR } from '../helpers/paths';
import { isRunning, startSamLocalProcess, type StartedProcess } from '../helpers/start-process';

// How long the processes may take to end once the server is gone or has let them go: the forced exit (5 s after
// Ctrl+C) plus the grace between SIGTERM and SIGKILL (2 s), with room for a loaded machine. Not a speed target.
const GONE_WITHIN_MS = 20_000;

let fixture: FixtureCopy;
const leftovers = new Set<number>();
const servers: StartedProcess[] = [];
beforeAll(() => {
  fixture = copyFixture('misbehaving-api');
});
afterEach(() => {
  // A failed test must not leave its processes behind.
  for (const pid of leftovers) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  leftovers.clear();
  for (const server of servers)
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
  servers.length = 0;
});
afterAll(() => fixture.remove());

function startServer({ typeCheck = false } = {}): Promise<StartedProcess> {
  const args = ['start-api', '--template', fixture.template, '--port', '0', '--no-watch', '--json-logs'];
  return startSamLocalProcess([...args, ...(typeCheck ? [] : ['--no-type-check'])], { detached: true }).then(
    (server) => {
      servers.push(server);
      return server;
    },
  );
}

/** Calls the function that spawns children (and loops forever); resolves with their pids once written. */
async function spawnChildren(server: StartedProcess, route: 'looping' | 'misbehave'): Promise<Record<string, number>> {
  const pidFile = join(fixture.dir, `pids-${Date.now()}-${Math.random()}.json`);
  void httpRequest(`http://127.0.0.1:${server.port}`, `/${route}/spawn?then=loop&pidFile=${pidFile}`).catch(
    () => undefined,
  );
  const deadline = Date.now() + 30_000;
  while (!existsSync(pidFile) || readFileSync(pidFile, 'utf8') === '') {
    if (Date.now() > deadline)
      throw new Error(`the function wrote no ${pidFile}:\n${server.stdout()}\n${server.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const pids = JSON.parse(readFileSync(pidFile, 'utf8')) as Record<string, number>;
  for (const pid of Object.values(pids)) leftovers.add(pid);
  // Every one of them is running before the server is touched.
  expect(Object.entries(pids).filter(([, pid]) => !isRunning(pid))).toEqual([]);
  return pids;
}

/** The processes of `pids` still running once they all end or the bound passes (empty when all are gone). */
async function survivors(pids: Record<string, number>): Promise<string[]> {
  const deadline = Date.now() + GONE_WITHIN_MS;
  for (;;) {
    const running = Object.entries(pids)
      .filter(([, pid]) => isRunning(pid))
      .map(
        ([name, pid]) => `${name} (pid ${pid}): ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')}`,
      );
    if (running.length === 0 || Date.now() > deadline) return running;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a function looping forever with children of every kind', () => {
  it.each([
    ['Ctrl+C (SIGINT to the terminal process group), then the forced exit', 'SIGINT'],
    ['SIGTERM to the server, then the forced exit', 'SIGTERM'],
    ['SIGKILL to the server', 'SIGKILL'],
  ] as const)(
    '%s: the worker and all its children end',
    async (_name, signal) => {
      const server = await startServer();
      const pids = await spawnChildren(server, 'looping');
      // The terminal sends Ctrl+C to the whole foreground group; the server was started as a group of its own.
      process.kill(signal === 'SIGINT' ? -server.child.pid! : server.child.pid!, signal);
      await server.exited;
      expect(await survivors(pids)).toEqual([]);
    },
    60_000,
  );

  it('a crash of the server (an uncaught exception): the worker and all its children end', async () => {
    // The server in a script of its own that throws on SIGUSR2, as a bug in the toolkit would.
    const script = join(fixture.dir, 'crash.cjs');
    writeFileSync(
      script,
      `require(${JSON.stringify(require.resolve('tsx/cjs/api'))}).register();
const { startLocalApi } = require(${JSON.stringify(join(TOOLKIT_DIR, 'src', 'http', 'server.ts'))});
startLocalApi({ templatePath: ${JSON.stringify(fixture.template)}, port: 0 }).then((api) => {
  console.log(api.url);
  process.on('SIGUSR2', () => { throw new Error('a bug in the server'); });
});`,
    );
    const server = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      server.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        text += chunk;
        const found = /http:\/\/127\.0\.0\.1:\d+/.exec(text);
        if (found) resolve(found[0]);
      });
      server.once('exit', () => reject(new Error(`the server exited before serving: ${text}`)));
    });
    const exited = new Promise<number | null>((resolve) => server.once('exit', resolve));
    const pids = await spawnChildren({ port: Number(new URL(url).port) } as StartedProcess, 'looping');
    server.kill('SIGUSR2');
    expect(await exited).not.toBe(0);
    expect(await survivors(pids)).toEqual([]);
  }, 60_000);
});

it('a worker discarded at its Timeout: its children end with it, and the server keeps serving', async () => {
  const server = await startServer();
  const pids = await spawnChildren(server, 'misbehave');
  expect(await survivors(pids)).toEqual([]);
  expect(isRunning(server.child.pid!)).toBe(true);
  const next = await httpRequest(`http://127.0.0.1:${server.port}`, '/misbehave/method');
  expect(next.status).toBe(200);
}, 60_000);

it('tsc --watch ends when the server is killed with SIGKILL', async () => {
  writeFileSync(
    join(fixture.dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, types: ['node'] },
      include: ['src'],
    }),
  );
  if (!existsSync(join(fixture.dir, 'node_modules'))) {
    symlinkSync(join(TOOLKIT_DIR, '..', '..', 'node_modules'), join(fixture.dir, 'node_modules'), 'dir');
  }
  const server = await startServer({ typeCheck: true });
  await server.waitFor('stdout', /Type check: /, 40_000);
  const tsc = descendants(server.child.pid!).filter((pid) => commandLine(pid).includes('--watch'));
  expect(tsc).toHaveLength(1);
  leftovers.add(tsc[0]!);
  process.kill(server.child.pid!, 'SIGKILL');
  await server.exited;
  expect(await survivors({ tsc: tsc[0]! })).toEqual([]);
}, 90_000);

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Every live descendant of `root`, from /proc's parent pids. */
function descendants(root: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone
    }
  }
  const found = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!found.has(pid) && found.has(ppid)) {
        found.add(pid);
        grew = true;
      }
    }
  }
  found.delete(root);
  return [...found];
}
