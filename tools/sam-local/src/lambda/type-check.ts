import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { watchGroup, type WatchedGroup } from './process-groups';

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\): (error|warning) (TS\d+): (.*)$/;
const CYCLE_END = /Found \d+ errors?\. Watching for file changes\./;

export interface TypeCheck {
  stop: () => Promise<void>;
}

/**
 * Type-checks the functions' sources in the background while the local API serves them: `tsc --noEmit --watch` on
 * the tsconfig.json nearest to each CodeUri, with the project's own TypeScript. esbuild builds without checking
 * types, so this is the only place a type error shows; requests are never held up by it. After each check, the
 * errors in the functions' folders are printed (or that there are none), once per change of outcome.
 */
export function startTypeCheck(codeDirs: string[], log: (line: string) => void): TypeCheck {
  const byConfig = new Map<string, string[]>();
  for (const codeDir of new Set(codeDirs)) {
    const config = nearestTsconfig(codeDir);
    if (!config) {
      log(`Type checking is off for ${codeDir}: no tsconfig.json in it or above it`);
      continue;
    }
    byConfig.set(config, [...(byConfig.get(config) ?? []), codeDir]);
  }
  const children: Array<{ child: ChildProcess; group: WatchedGroup | undefined }> = [];
  for (const [config, dirs] of byConfig) {
    const tsc = typescriptCompiler(dirname(config));
    if (!tsc) {
      log(
        `Type checking is off: TypeScript is not installed for ${dirname(config)} (npm install --save-dev typescript)`,
      );
      continue;
    }
    const child = watch(tsc, config, dirs, log);
    // A process group of its own, watched by the reaper: tsc ends with the server, even when the server is killed.
    children.push({ child, group: child.pid === undefined ? undefined : watchGroup(child.pid) });
  }
  return {
    stop: async () => {
      await Promise.all(
        children.map(async ({ child, group }) => {
          const exited = new Promise<void>((done) => {
            if (child.exitCode !== null || child.signalCode !== null) done();
            else child.once('exit', () => done());
          });
          if (group) await group.stop();
          else child.kill('SIGTERM');
          await exited;
        }),
      );
    },
  };
}

function watch(tsc: string, config: string, codeDirs: string[], log: (line: string) => void): ChildProcess {
  const cwd = dirname(config);
  const child = spawn(
    process.execPath,
    [tsc, '--noEmit', '--watch', '--preserveWatchOutput', '--pretty', 'false', '-p', config],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const where = codeDirs.map((dir) => relative(process.cwd(), dir) || '.').join(', ');
  let cycle: string[] = [];
  let reported: string | undefined;
  const inFunctions = (file: string): boolean =>
    codeDirs.some((dir) => `${resolve(cwd, file)}${sep}`.startsWith(`${dir}${sep}`) || resolve(cwd, file) === dir);
  const lines = createInterface({ input: child.stdout });
  let keep = false;
  lines.on('line', (line) => {
    const diagnostic = DIAGNOSTIC.exec(line);
    if (diagnostic) {
      keep = inFunctions(diagnostic[1]!);
      if (keep)
        cycle.push(`${relative(process.cwd(), resolve(cwd, diagnostic[1]!))}${line.slice(diagnostic[1]!.length)}`);
      return;
    }
    // A message that goes on over several lines.
    if (/^\s+\S/.test(line)) {
      if (keep) cycle.push(line);
      return;
    }
    if (!CYCLE_END.test(line)) return;
    const errors = cycle.filter((entry) => DIAGNOSTIC.test(entry)).length;
    const outcome =
      errors === 0
        ? `Type check: no errors in ${where}`
        : `Type check: ${errors} error${errors === 1 ? '' : 's'} in ${where} (requests are still served):\n${cycle.join('\n')}`;
    if (outcome !== reported) log(outcome);
    reported = outcome;
    cycle = [];
    keep = false;
  });
  createInterface({ input: child.stderr }).on('line', (line) => log(`Type check (tsc): ${line}`));
  child.on('error', (error) => log(`Type check could not start: ${error.message}`));
  return child;
}

function nearestTsconfig(from: string): string | undefined {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    const candidate = join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The project's own tsc, as its npm scripts would run it; undefined when TypeScript is not installed there. */
function typescriptCompiler(projectDir: string): string | undefined {
  try {
    return createRequire(join(projectDir, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}
