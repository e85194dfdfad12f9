// The toolkit installs into another project as a dev dependency and runs there (issue 19): `npm pack` of this
// workspace, `npm install -D` of the tarball into a fixture project in a temporary folder outside the repository
// (from the npm registry or npm's cache; nothing of this repository is reachable from there), then `npx sam-local`
// start-api and invoke on the project's template, over real HTTP.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { TOOLKIT_DIR } from '../helpers/paths';

const REPOSITORY = realpathSync(join(TOOLKIT_DIR, '..', '..'));
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
// Installing from the registry can take a while on a busy machine; the commands themselves are quick.
jest.setTimeout(240_000);

let scratch: string;
let project: string;
// The environment of a user's shell: nothing points back at this repository.
const userEnv = (): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, HOME: process.env.HOME, npm_config_yes: 'true' });

beforeAll(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'sam-local-install-')));
  expect(relative(REPOSITORY, scratch).startsWith('..')).toBe(true);
  const packed = execFileSync(NPM, ['pack', '--json', '--pack-destination', scratch], {
    cwd: TOOLKIT_DIR,
    encoding: 'utf8',
    env: { ...userEnv(), npm_config_ignore_scripts: 'true' },
  });
  const filename = (JSON.parse(packed) as Array<{ filename: string }>)[0]?.filename;
  if (!filename) throw new Error(`npm pack wrote no tarball: ${packed}`);
  project = join(scratch, 'web-backend');
  cpSync(join(TOOLKIT_DIR, 'test', 'fixtures', 'web-backend'), project, { recursive: true });
  execFileSync(
    NPM,
    [
      'install',
      '--save-dev',
      join(scratch, filename),
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
    ],
    { cwd: project, encoding: 'utf8', env: userEnv() },
  );
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('sam-local installed as a dev dependency of another project', () => {
  it('is installed from the tarball with its bin, and only the files it needs', () => {
    const installed = join(project, 'node_modules', 'sam-local-node');
    expect(readdirSync(installed).sort()).toEqual(['README.md', 'bin', 'docs', 'package.json', 'src']);
    expect(readdirSync(join(project, 'node_modules', '.bin'))).toContain('sam-local');
  });

  it('runs `npx sam-local invoke` on the project’s template', () => {
    writeFileSync(join(project, 'event.json'), JSON.stringify({ httpMethod: 'GET', path: '/', pathParameters: null }));
    const run = spawnSync(NPX, ['sam-local', 'invoke', 'getAllItemsFunction', '-e', 'event.json'], {
      cwd: project,
      encoding: 'utf8',
      env: userEnv(),
      timeout: 120_000,
    });
    expect(run.stderr).not.toMatch(/sam-local invoke failed/);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout.split('\n')[0] ?? '') as { statusCode: number; body: string };
    expect([result.statusCode, JSON.parse(result.body)]).toEqual([
      200,
      {
        table: 'items',
        items: [
          { id: 'id1', name: 'name1' },
          { id: 'id2', name: 'name2' },
        ],
      },
    ]);
  });

  it('runs `npx sam-local start-api` and answers over HTTP', async () => {
    const child = spawn(NPX, ['sam-local', 'start-api', '--port', '0', '--no-watch'], {
      cwd: project,
      env: userEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 120 s:\n${stdout}\n${stderr}`)), 120_000);
        const check = (): void => {
          const found = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout)?.[0];
          if (found) {
            clearTimeout(timer);
            resolve(found);
          }
        };
        child.stdout.on('data', check);
        child.once('exit', () => reject(new Error(`exited:\n${stdout}\n${stderr}`)));
      });
      const res = await fetch(`${url}/id1`);
      expect([res.status, await res.json()]).toEqual([200, { id: 'id1', name: 'name1' }]);
      const staged = await fetch(`${url}/Prod/id2`);
      expect([staged.status, await staged.json()]).toEqual([200, { id: 'id2', name: 'name2' }]);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
