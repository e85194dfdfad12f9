import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { splitHandler } from '../template/functions';

/**
 * The file Lambda's Node runtime would load for a Handler in taskRoot, or undefined when there is none: the module
 * path as written, then with `.js`, `.mjs` and `.cjs` (aws-lambda-nodejs-runtime-interface-client src/UserFunction.js,
 * _tryRequire). The worker (runtime-worker.cjs) does the loading itself; this is for checking a build's output.
 */
export function handlerModuleFile(taskRoot: string, handler: string): string | undefined {
  let parts;
  try {
    parts = splitHandler(handler);
  } catch {
    return undefined;
  }
  const base = resolve(taskRoot, parts.moduleRoot, parts.module);
  return [base, `${base}.js`, `${base}.mjs`, `${base}.cjs`].find((file) => existsSync(file) && statSync(file).isFile());
}
