// A type error in a function's TypeScript is reported in the terminal while the local API keeps serving (esbuild
// builds without checking types, so nothing else would say it).
import { cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { TOOLKIT_DIR } from '../helpers/paths';
import { ROUTES_TEMPLATE, httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'es2022',
    module: 'node16',
    moduleResolution: 'node16',
    types: ['node'],
    skipLibCheck: true,
  },
  include: ['functions'],
};

/** A private copy of the routes fixture as a project: a tsconfig.json, and node_modules with TypeScript or not. */
function project(withTypeScript: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'sam-local-typecheck-'));
  cpSync(dirname(ROUTES_TEMPLATE), dir, { recursive: true });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
  writeFileSync(join(dir, 'package.json'), '{"private":true}');
  if (withTypeScript) symlinkSync(join(TOOLKIT_DIR, '..', '..', 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The first line from index `from` on that matches, waiting for it (tsc takes seconds). */
async function logged(running: RunningApi, pattern: RegExp, from = 0, timeoutMs = 40_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = running.lines.slice(from).find((line) => pattern.test(line));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in ${JSON.stringify(running.lines)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('type checking while serving', () => {
  it('reports a type error with file and line, keeps serving, and says when it is fixed', async () => {
    const dir = project(true);
    const running = await startTestApi({ templatePath: join(dir, 'template.yaml'), watch: true, typeCheck: true });
    try {
      await logged(running, /^Type check: no errors in /);
      writeFileSync(join(dir, 'functions', 'version.ts'), "export const VERSION: number = 'two';\n");
      const report = await logged(running, /^Type check: 1 error in .* \(requests are still served\):/);
      expect(report).toMatch(
        /functions\/version\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\./,
      );
      const served = await httpRequest(running.api.url, '/test/echo');
      expect(served.status).toBe(200);
      writeFileSync(join(dir, 'functions', 'version.ts'), 'export const VERSION: number = 2;\n');
      await logged(running, /^Type check: no errors in /, running.lines.indexOf(report));
    } finally {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('says once that type checking is off when the project has no TypeScript', async () => {
    const dir = project(false);
    const running = await startTestApi({ templatePath: join(dir, 'template.yaml'), typeCheck: true });
    try {
      expect(running.lines.filter((line) => line.startsWith('Type checking is off'))).toEqual([
        `Type checking is off: TypeScript is not installed for ${dir} (npm install --save-dev typescript)`,
      ]);
      expect((await httpRequest(running.api.url, '/test/echo')).status).toBe(200);
    } finally {
      await running.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
