// The project each tool serves: tools/bench/local-fixture/ with the starter's hello-world/ beside it, written to a
// scratch folder per tool (an edit measured on one tool must not reach the others' watchers). Its node_modules
// links to the packages the handlers and serverless-offline need, so nothing resolves through the repository.
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, ROOT } from '../paths';

const FIXTURE_DIR = join(BENCH_DIR, 'local-fixture');

/** The Lambda runtime id of a Node version: v20.20.2 → nodejs20.x. */
export function runtimeOf(nodeVersion: string): string {
  const major = /^v(\d+)\./.exec(nodeVersion)?.[1];
  if (!major) throw new Error(`not a Node version: ${nodeVersion}`);
  return `nodejs${major}.x`;
}

/** What a measured edit changes: the file, and the text that becomes `edited(token)`. */
export interface EditSpec {
  file: string;
  original: string;
  edited: (token: string) => string;
}

export const EDITS = {
  trivial: {
    file: join('trivial', 'handler.ts'),
    original: '"message":"trivial v0"',
    edited: (token: string) => `"message":"trivial ${token}"`,
  },
  // The starter's greeting, in a module app.ts imports: a rebuild must follow the import.
  hello: {
    file: join('hello-world', 'greeting.ts'),
    original: '`Hello, ${',
    edited: (token: string) => `\`Hello ${token}, \${`,
  },
} satisfies Record<string, EditSpec>;

export function writeProject(dir: string, runtime: string, peerNodeModules: string): void {
  mkdirSync(dir, { recursive: true });
  cpSync(join(FIXTURE_DIR, 'trivial'), join(dir, 'trivial'), { recursive: true });
  cpSync(join(ROOT, 'hello-world'), join(dir, 'hello-world'), { recursive: true });
  for (const file of ['template.yaml', 'serverless.yml']) {
    const text = readFileSync(join(FIXTURE_DIR, file), 'utf8').replaceAll('__RUNTIME__', runtime);
    writeFileSync(join(dir, file), text);
  }
  for (const edit of Object.values(EDITS)) {
    if (!readFileSync(join(dir, edit.file), 'utf8').includes(edit.original)) {
      throw new Error(`${edit.file} no longer contains ${edit.original}: update EDITS in ${__filename}`);
    }
  }
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  // Powertools' own dependencies resolve from its real path, in the repository's node_modules.
  symlinkSync(join(ROOT, 'node_modules', '@aws-lambda-powertools'), join(modules, '@aws-lambda-powertools'));
  symlinkSync(join(peerNodeModules, 'serverless-offline'), join(modules, 'serverless-offline'));
}
