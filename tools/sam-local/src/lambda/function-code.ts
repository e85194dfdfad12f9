import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FunctionSpec } from '../template/functions';
import { writeFilesAtomically } from './atomic-write';
import { buildFunction, watchFunction, type LocalBuildOptions, type RebuildOutcome } from './build';
import { watchCodeDir } from './watch-code';

/** A function's code, ready to load: the folder that stands for /var/task and the Handler as Lambda reads it there. */
export interface PreparedCode {
  taskRoot: string;
  handler: string;
  /** Stops watching the sources (nothing to do without watch). */
  dispose: () => Promise<void>;
}

export interface PrepareOptions {
  local: LocalBuildOptions;
  /** Called after the first preparation whenever the code changed (rebuilt, or edited in place). */
  onChange?: (outcome: RebuildOutcome) => void;
  /** Called as soon as a change is seen, before onChange (the build may take a while): to get ready for it. */
  onChanging?: () => void;
}

/**
 * Puts a function's code where a worker can load it, by its kind:
 * - esbuild: built into outdir as `sam build` would (watched and rebuilt with onChange);
 * - directory: CodeUri itself, with its own node_modules (watched for edits with onChange);
 * - inline: InlineCode written to outdir/index.js, the file CloudFormation makes of it ("When you specify source
 *   code inline for a Node.js function, the index file that CloudFormation creates uses the extension .js",
 *   AWS::Lambda::Function Code, ZipFile).
 * Throws when the code cannot be made ready (a build error at start-up).
 */
export async function prepareFunctionCode(
  fn: FunctionSpec,
  outdir: string,
  options: PrepareOptions,
): Promise<PreparedCode> {
  const { onChange, onChanging } = options;
  switch (fn.code.kind) {
    case 'esbuild': {
      isolateFromProject(outdir);
      if (!onChange) {
        const built = await buildFunction(fn, outdir, options.local);
        return { taskRoot: outdir, handler: built.handler, dispose: () => Promise.resolve() };
      }
      const watcher = await watchFunction(fn, outdir, onChange, options.local, onChanging);
      if (!watcher.first.ok) {
        await watcher.dispose();
        throw new Error(watcher.first.message);
      }
      return { taskRoot: outdir, handler: watcher.first.handler, dispose: watcher.dispose };
    }
    case 'inline': {
      isolateFromProject(outdir);
      writeFilesAtomically([{ path: join(outdir, 'index.js'), contents: Buffer.from(fn.code.source) }]);
      return { taskRoot: outdir, handler: fn.handler, dispose: () => Promise.resolve() };
    }
    case 'directory': {
      if (!onChange) return { taskRoot: fn.codeDir, handler: fn.handler, dispose: () => Promise.resolve() };
      const watcher = watchCodeDir(fn.codeDir, () => onChange({ ok: true, bytes: 0, handler: fn.handler }), onChanging);
      return {
        taskRoot: fn.codeDir,
        handler: fn.handler,
        dispose: () => {
          watcher.close();
          return Promise.resolve();
        },
      };
    }
  }
}

/**
 * On Lambda a build's output is /var/task, with no package.json above it, so a `.js` file there is CommonJS. Locally
 * the output sits inside the project, and Node (and Lambda's loader) would take the project's package.json: with
 * `"type": "module"` there, a CommonJS bundle would be loaded as an ES module. An empty package.json in the output
 * folder ends that lookup where /var/task ends it.
 */
function isolateFromProject(outdir: string): void {
  mkdirSync(outdir, { recursive: true });
  writeFilesAtomically([
    {
      path: join(outdir, 'package.json'),
      contents: Buffer.from(
        '{ "//": "written by sam-local: this folder stands for /var/task, with no package.json above it" }\n',
      ),
    },
  ]);
}
