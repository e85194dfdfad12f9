// An error's trace as Lambda shows it: the function's files under /var/task, no frames of the toolkit's own worker.
// Lambda's Node runtime answers a thrown error with frames such as
//   "    at Runtime.handler (file:///var/task/index.mjs:3:12)"
//   "    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)"
// (quoted in public issue threads and test fixtures; aws-lambda-nodejs-runtime-interface-client builds the
// `trace` from error.stack). Locally the function's files live in the developer's folders: those paths are shown
// as /var/task paths, and the worker's frames (runtime-worker.cjs, the stand-in for /var/runtime) are left out.
import { isAbsolute, posix, relative, sep } from 'node:path';

export interface TracePaths {
  /** The folder that stands for /var/task (the build output of an esbuild function, else CodeUri). */
  taskRoot: string;
  /** The function's CodeUri: source-mapped frames point at the sources here. */
  codeDir: string;
  /** The toolkit's worker module, whose frames are dropped. */
  workerPath: string;
}

const TASK = '/var/task';
// A path in a frame: after `(` or `at `, optionally as a file: URL, up to `:line:column`.
const FRAME_PATH = /(\(|\bat )(file:\/\/)?(\/[^()]*?)(?=:\d+:\d+\)?$|\)$|$)/;

/** The trace lines with host paths rewritten to /var/task and the worker's own frames removed. */
export function lambdaTrace(lines: readonly string[], paths: TracePaths): string[] {
  return lines
    .filter((line) => !(/^\s+at /.test(line) && line.includes(paths.workerPath)))
    .map((line) => (/^\s+at /.test(line) ? rewriteFrame(line, paths) : line));
}

function rewriteFrame(line: string, paths: TracePaths): string {
  return line.replace(FRAME_PATH, (_match, before: string, scheme: string | undefined, path: string) => {
    return `${before}${scheme ?? ''}${taskPath(path, paths)}`;
  });
}

/** Where a host file of the function is on Lambda (a path outside every known folder is resolved from /var/task). */
export function taskPath(path: string, { taskRoot, codeDir }: Pick<TracePaths, 'taskRoot' | 'codeDir'>): string {
  for (const root of [taskRoot, codeDir]) {
    const inside = relative(root, path);
    if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
      return posix.join(TASK, inside.split(sep).join('/'));
    }
  }
  // A dependency of the bundle (node_modules above CodeUri): where Lambda keeps packages.
  const modules = path.lastIndexOf(`${sep}node_modules${sep}`);
  if (modules >= 0)
    return posix.join(
      TASK,
      path
        .slice(modules + 1)
        .split(sep)
        .join('/'),
    );
  // Anything else (a shared folder beside CodeUri), as Node resolves a relative source path from /var/task.
  return posix.resolve(TASK, relative(codeDir, path).split(sep).join('/'));
}
