import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

/** The Node that runs a function's environments, and what to tell the developer about it. */
export interface NodeChoice {
  /** The node executable the workers are started with. */
  execPath: string;
  /** Its version, e.g. v24.21.0. */
  version: string;
  /** The major the template asks for (nodejs24.x → 24), or undefined for a runtime that names none. */
  wanted: number | undefined;
  /** The Node found is of the major the template asks for. */
  exact: boolean;
  /** One line for the terminal: which Node runs the template's runtime, or why it is not the one asked for. */
  summary: string;
}

const chosen = new Map<string, NodeChoice>();

/**
 * Finds a Node of the template's major for a function's runtime (nodejs24.x → Node 24), in this order:
 * 1. SAM_LOCAL_NODE, a path to a node executable (taken as given);
 * 2. the Node running the toolkit, when its major matches;
 * 3. `node<major>` on PATH, then the Node versions installed by nvm, fnm, Volta, asdf and n, then npm's npx cache,
 *    where `npx -y -p node@24 node -v` leaves the node package's binary;
 * 4. otherwise the toolkit's own Node, with a summary that says so and how to get the right one.
 * The result is kept per runtime for the life of the process.
 */
export function nodeFor(runtime: string, env: NodeJS.ProcessEnv = process.env): NodeChoice {
  const key = `${runtime}\0${env.SAM_LOCAL_NODE ?? ''}`;
  let choice = chosen.get(key);
  if (!choice) chosen.set(key, (choice = choose(runtime, env)));
  return choice;
}

function choose(runtime: string, env: NodeJS.ProcessEnv): NodeChoice {
  const wanted = Number(/^nodejs(\d+)\.x$/.exec(runtime)?.[1]) || undefined;
  const explicit = env.SAM_LOCAL_NODE;
  if (explicit) {
    const version = versionOf(explicit);
    if (!version) throw new Error(`SAM_LOCAL_NODE=${explicit} is not a node executable that answers --version`);
    const matches = wanted === undefined || majorOf(version) === wanted;
    return {
      execPath: explicit,
      version,
      wanted,
      exact: matches,
      summary: `${runtime} functions run on Node ${version} (SAM_LOCAL_NODE=${explicit})${matches ? '' : `, not Node ${wanted} as the template says`}`,
    };
  }
  if (wanted === undefined || majorOf(process.version) === wanted) {
    return {
      execPath: process.execPath,
      version: process.version,
      wanted,
      exact: true,
      summary: `${runtime} functions run on Node ${process.version}`,
    };
  }
  for (const candidate of candidatesFor(wanted, env)) {
    const version = versionOf(candidate);
    if (version && majorOf(version) === wanted) {
      return {
        execPath: candidate,
        version,
        wanted,
        exact: true,
        summary: `${runtime} functions run on Node ${version} (${candidate})`,
      };
    }
  }
  return {
    execPath: process.execPath,
    version: process.version,
    wanted,
    exact: false,
    summary:
      `${runtime} functions run on Node ${process.version}: no Node ${wanted} was found. ` +
      `Point SAM_LOCAL_NODE at one, or fetch one with \`npx -y -p node@${wanted} node -v\` (found there next time).`,
  };
}

function candidatesFor(major: number, env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? homedir();
  const onPath = (env.PATH ?? '').split(delimiter).flatMap((dir) => (dir ? [join(dir, `node${major}`)] : []));
  const versionDirs = (dir: string, prefix: string, tail: string[]): string[] =>
    entries(dir)
      .filter((name) => name.startsWith(`${prefix}${major}.`))
      .sort(byVersionDescending)
      .map((name) => join(dir, name, ...tail));
  const npx = join(env.npm_config_cache ?? join(home, '.npm'), '_npx');
  return [
    ...onPath,
    ...versionDirs(join(env.NVM_DIR ?? join(home, '.nvm'), 'versions', 'node'), 'v', ['bin', 'node']),
    ...versionDirs(join(home, '.local', 'share', 'fnm', 'node-versions'), 'v', ['installation', 'bin', 'node']),
    ...versionDirs(join(env.VOLTA_HOME ?? join(home, '.volta'), 'tools', 'image', 'node'), '', ['bin', 'node']),
    ...versionDirs(join(env.ASDF_DATA_DIR ?? join(home, '.asdf'), 'installs', 'nodejs'), '', ['bin', 'node']),
    ...versionDirs(join(env.N_PREFIX ?? '/usr/local', 'n', 'versions', 'node'), '', ['bin', 'node']),
    ...entries(npx).map((name) => join(npx, name, 'node_modules', 'node', 'bin', 'node')),
  ].filter((path) => existsSync(path));
}

function entries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function byVersionDescending(a: string, b: string): number {
  const parts = (name: string): number[] => name.replace(/^v/, '').split('.').map(Number);
  const [pa, pb] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pb[i] ?? 0) - (pa[i] ?? 0);
  return 0;
}

function versionOf(executable: string): string | undefined {
  const run = spawnSync(executable, ['--version'], { encoding: 'utf8', timeout: 5000 });
  const version = run.status === 0 ? run.stdout.trim() : '';
  return /^v\d+\.\d+\.\d+/.test(version) ? version : undefined;
}

function majorOf(version: string): number {
  return Number(/^v(\d+)/.exec(version)?.[1]);
}
