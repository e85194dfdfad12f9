import { spawnSync } from 'node:child_process';

export interface NodeRuntime {
  /** How the table names it, e.g. "v20.20.2 (PATH)". */
  label: string;
  path: string;
  version: string;
}

function describe(path: string, origin: string): NodeRuntime {
  const run = spawnSync(path, ['-p', 'process.version'], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`${path} -p process.version failed: ${run.stderr}`);
  const version = run.stdout.trim();
  return { label: `${version} (${origin})`, path, version };
}

/** The `node` that PATH resolves to, as a developer or CI would run it. */
export function nodeOnPath(): NodeRuntime {
  const run = spawnSync('node', ['-p', 'process.execPath'], { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`node on PATH did not start: ${run.stderr}`);
  return describe(run.stdout.trim(), 'PATH');
}

/**
 * Node 24 (Lambda's nodejs24.x) from the npm registry's `node` package, through npx and its cache. Returns the
 * reason instead when it cannot be had (offline, registry refused, timeout).
 */
export function node24FromNpm(timeoutMs: number): NodeRuntime | { unavailable: string } {
  const run = spawnSync('npx', ['-y', '-p', 'node@24', '-c', 'command -v node'], {
    encoding: 'utf8',
    timeout: timeoutMs,
  });
  const path = run.stdout?.trim().split('\n').pop();
  if (run.status !== 0 || !path) {
    const why = run.error?.message ?? run.stderr?.trim().split('\n').pop() ?? `exit ${run.status}`;
    return { unavailable: `npx -p node@24 failed: ${why}` };
  }
  const runtime = describe(path, 'npm node@24');
  if (!runtime.version.startsWith('v24.')) return { unavailable: `npx -p node@24 gave ${runtime.version}` };
  return runtime;
}
