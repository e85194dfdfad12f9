// serverless-offline, the peer bench:local measures sam-local against, pinned exactly in tools/bench/peers/ and
// installed on demand with `npm ci` into a cache folder outside the workspaces, never into the starter's lock.
// Why the Serverless Framework v3 CLI: v4's npm package is an installer that downloads the framework from
// serverless.com and needs a login or licence key to run; v3 runs offline without an account. serverless-offline
// 14 declares `serverless: ^4` as its peer, so the install ignores peer ranges (--legacy-peer-deps); it starts and
// serves under v3, which every run checks by the answers it gets. Sources: serverless.com/framework/docs/guides/
// license-keys (v4's login and licence keys); `npm view serverless@4 scripts.postinstall` (the download).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, ROOT } from '../paths';

export const PEER_PIN_DIR = join(BENCH_DIR, 'peers', 'serverless-offline');

export interface PeerInstall {
  /** node_modules holding serverless and serverless-offline. */
  nodeModules: string;
  /** The Serverless Framework CLI's entry script, run with node. */
  serverlessBin: string;
  serverlessVersion: string;
  offlineVersion: string;
}

function versionIn(nodeModules: string, name: string): string {
  return (JSON.parse(readFileSync(join(nodeModules, name, 'package.json'), 'utf8')) as { version: string }).version;
}

export function installPeer(log: (line: string) => void): PeerInstall {
  const lock = readFileSync(join(PEER_PIN_DIR, 'package-lock.json'));
  const key = createHash('sha256').update(lock).digest('hex').slice(0, 16);
  // node_modules/.cache is where tools keep caches; `npm ci` at the root clears it with the rest.
  const dir = join(ROOT, 'node_modules', '.cache', 'sam-hello-bench', `serverless-offline-${key}`);
  const done = join(dir, 'installed');
  if (!existsSync(done)) {
    log(`Installing the pinned serverless-offline peer into ${dir} (npm ci, once per lock file)…`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(join(PEER_PIN_DIR, file), join(dir, file));
    const run = spawnSync(
      'npm',
      ['ci', '--legacy-peer-deps', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      { cwd: dir, encoding: 'utf8', timeout: 600_000 },
    );
    if (run.status !== 0) {
      throw new Error(
        `npm ci of the serverless-offline peer failed (${run.error?.message ?? `exit ${run.status}`}):\n${run.stderr}`,
      );
    }
    writeFileSync(done, `${new Date().toISOString()}\n`);
  }
  const nodeModules = join(dir, 'node_modules');
  return {
    nodeModules,
    serverlessBin: join(nodeModules, 'serverless', 'bin', 'serverless.js'),
    serverlessVersion: versionIn(nodeModules, 'serverless'),
    offlineVersion: versionIn(nodeModules, 'serverless-offline'),
  };
}
