// The CLI runs a cached esbuild bundle of the toolkit's sources, not the sources through a TypeScript loader
// (bin/compiled-toolkit.cjs; issue 23: the loader was 60-80 % of start-up). Checked on the real bin: nothing of tsx
// and no .ts file is loaded; and on a copy of the package (bin, src, package.json) made under this workspace's
// node_modules so that it resolves the same packages: an edit of a source is what the next start runs, two starts
// on an empty cache both run, a cache that cannot be written still runs, a toolkit error points at its source.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SAM_LOCAL_BIN, TOOLKIT_DIR } from '../helpers/paths';

jest.setTimeout(120_000);

const COPIES = join(TOOLKIT_DIR, 'node_modules', '.cache', 'compiled-toolkit-test');
let copy: string;

beforeAll(() => {
  mkdirSync(COPIES, { recursive: true });
  copy = mkdtempSync(join(COPIES, 'package-'));
  for (const part of ['bin', 'src', 'package.json', 'tsconfig.json']) {
    cpSync(join(TOOLKIT_DIR, part), join(copy, part), { recursive: true });
  }
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, ...env },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function runAsync(bin: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const copyBin = (): string => join(copy, 'bin', 'sam-local.cjs');
const bundlesIn = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith('.cjs'));

/** Replaces `from` by `to` in one of the copy's sources (the text must be there). */
function editCopy(file: string, from: string, to: string): void {
  const path = join(copy, 'src', file);
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(from);
  writeFileSync(path, text.replace(from, to));
}

it('runs the toolkit without a TypeScript loader: no module of tsx and no .ts file is loaded', () => {
  // Prints every module loaded, when the CLI exits after its help text.
  const recorder = join(copy, 'record-modules.cjs');
  writeFileSync(
    recorder,
    "process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(Object.keys(require.cache)) + '\\n'));",
  );
  const result = spawnSync(process.execPath, ['--require', recorder, SAM_LOCAL_BIN, 'start-api', '--help'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
    timeout: 60_000,
  });
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('--max-environments');
  const loaded = JSON.parse(/LOADED (.*)/.exec(result.stderr)?.[1] ?? '[]') as string[];
  expect(loaded.length).toBeGreaterThan(0);
  expect(loaded.filter((file) => /[\\/]tsx[\\/]/.test(file) || file.endsWith('.ts'))).toEqual([]);
});

it('runs an edit of a source on the next start, and keeps one bundle of the sources', () => {
  const cache = join(copy, 'node_modules', '.cache', 'sam-local');
  const first = run(copyBin(), ['--help']);
  expect(first.status).toBe(0);
  expect(first.stdout).toContain('Usage: sam-local <command> [options]');
  const [before] = bundlesIn(cache);
  expect(bundlesIn(cache)).toHaveLength(1);

  editCopy('cli/main.ts', 'Usage: sam-local <command> [options]', 'Usage (edited): sam-local <command>');
  const second = run(copyBin(), ['--help']);
  expect(second.status).toBe(0);
  expect(second.stdout).toContain('Usage (edited): sam-local <command>');
  expect(bundlesIn(cache)).toHaveLength(1);
  expect(bundlesIn(cache)).not.toEqual([before]);
  // Each bundle has its source map beside it, and no half-written file is left.
  expect(readdirSync(cache).sort()).toEqual([...bundlesIn(cache), `${bundlesIn(cache)[0]}.map`].sort());
});

it('serves four starts at once on an empty cache kept elsewhere: each runs, one whole bundle is left', async () => {
  // Outside the package: the bundle still finds the packages it does not hold (esbuild).
  const cache = join(mkdtempSync(join(tmpdir(), 'sam-local-cache-')), 'cache');
  const runs = await Promise.all(
    [1, 2, 3, 4].map(() => runAsync(copyBin(), ['start-api', '--help'], { SAM_LOCAL_CACHE_DIR: cache })),
  );
  for (const result of runs) {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--max-environments');
  }
  expect(bundlesIn(cache)).toHaveLength(1);
  expect(readdirSync(cache).filter((name) => name.endsWith('.partial'))).toEqual([]);
  rmSync(join(cache, '..'), { recursive: true, force: true });
});

it('still runs when its cache cannot be written (a read-only install)', () => {
  // A folder below a file cannot be made, whoever runs the test (root ignores permission bits).
  const blocker = join(copy, 'not-a-folder');
  writeFileSync(blocker, '');
  const result = run(copyBin(), ['start-api', '--help'], { SAM_LOCAL_CACHE_DIR: join(blocker, 'cache') });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(result.stdout).toContain('--max-environments');
});

it('reports an error in the toolkit at its TypeScript source and line', () => {
  const path = join(copy, 'src', 'cli', 'main.ts');
  const lines = readFileSync(path, 'utf8').split('\n');
  const at = lines.findIndex((line) => line.startsWith('async function main('));
  expect(at).toBeGreaterThan(0);
  lines.splice(at, 0, "if (process.env.BREAK_THE_TOOLKIT) throw new Error('a bug in the toolkit');");
  writeFileSync(path, lines.join('\n'));
  const result = run(copyBin(), ['--help'], { BREAK_THE_TOOLKIT: '1' });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toContain('a bug in the toolkit');
  // Line numbers count from 1: the inserted line is line at + 1.
  expect(result.stderr).toContain(`${join(copy, 'src', 'cli', 'main.ts')}:${at + 1}:`);
});
