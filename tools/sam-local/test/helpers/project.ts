import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalFunctions, type LocalFunctions } from '../../src/lambda/local-functions';
import { startInvokeEndpoint, type InvokeEndpoint } from '../../src/lambda-api/invoke-endpoint';
import { allFunctionIds } from '../../src/template/functions';
import { loadTemplate } from '../../src/template/template';
import { startTestApi, type TestApi } from '../../src/http/test-api';
import { SAM_LOCAL_BIN, TOOLKIT_DIR } from './paths';

/**
 * A fixture project (test/fixtures/<name>) copied to a private temporary folder, so builds beside its template and
 * edits never touch the repository or another test's copy.
 */
export interface ProjectCopy {
  dir: string;
  template: string;
  remove: () => void;
}

export function copyProject(name: string): ProjectCopy {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  cpSync(join(TOOLKIT_DIR, 'test', 'fixtures', name), dir, {
    recursive: true,
    filter: (source) => !source.includes('.aws-sam'),
  });
  return { dir, template: join(dir, 'template.yaml'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `sam-local start-api` in process on a free loopback port (real HTTP), without watch or type check, building into
 * the project's own .aws-sam/local-build as the command does.
 */
export function serveProject(project: ProjectCopy, options: Parameters<typeof startTestApi>[0] = {}): Promise<TestApi> {
  return startTestApi({
    templatePath: project.template,
    watch: false,
    typeCheck: false,
    buildDir: join(project.dir, '.aws-sam', 'local-build'),
    ...options,
  });
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  /** stdout's first line as JSON (the invocation's result). */
  result: () => unknown;
}

/** `sam-local invoke <functionId> -e <event>` as a user runs it, from the project's folder. */
export function invokeProject(project: ProjectCopy, functionId: string | undefined, event: unknown): CliRun {
  const eventPath = join(project.dir, `event-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(eventPath, JSON.stringify(event));
  const run = spawnSync(
    process.execPath,
    [SAM_LOCAL_BIN, 'invoke', ...(functionId ? [functionId] : []), '-e', eventPath],
    { cwd: project.dir, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: process.env.HOME }, timeout: 90_000 },
  );
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    result: () => JSON.parse(run.stdout.split('\n')[0] ?? '') as unknown,
  };
}

export interface LambdaApiOnProject {
  endpoint: InvokeEndpoint;
  functions: LocalFunctions;
  lines: string[];
  /** POST …/functions/<name>/invocations over loopback, as the AWS SDK sends it. */
  invoke: (functionName: string, payload: unknown) => Promise<{ status: number; body: unknown; headers: Headers }>;
  stop: () => Promise<void>;
}

/** `sam-local start-lambda` in process (every function of the template) on a free loopback port. */
export async function startLambdaApi(project: ProjectCopy): Promise<LambdaApiOnProject> {
  const loaded = loadTemplate(project.template);
  const lines: string[] = [];
  const log = (line: string): void => void lines.push(line);
  const functions = await startLocalFunctions({
    loaded,
    functionIds: allFunctionIds(loaded),
    buildDir: join(project.dir, '.aws-sam', 'lambda-api-build'),
    log,
    functionOutput: (functionId, line) => lines.push(`[${functionId}] ${line}`),
  });
  const endpoint = await startInvokeEndpoint({ loaded, functions, port: 0, log });
  return {
    endpoint,
    functions,
    lines,
    invoke: async (functionName, payload) => {
      const response = await fetch(`${endpoint.url}/2015-03-31/functions/${functionName}/invocations`, {
        method: 'POST',
        body: JSON.stringify(payload),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null, headers: response.headers };
    },
    stop: async () => {
      await endpoint.close();
      await functions.close();
    },
  };
}

/** A REST proxy (v1) event for a GET, enough for the fixtures' handlers. */
export function getEvent(path: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    httpMethod: 'GET',
    path,
    resource: path,
    headers: {},
    queryStringParameters: null,
    pathParameters: null,
    body: null,
    isBase64Encoded: false,
    ...extra,
  };
}
