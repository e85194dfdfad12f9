import { execFile, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CfnTemplate } from './cloudformation';

/**
 * AWS's own template tools, run from the tests through python3: cfn-lint (its CLI) and the SAM translator
 * (scripts/sam-translate.py). Without them the template tests are skipped with one line saying what to
 * install; with REQUIRE_AWS_TOOLS=1 (CI) a missing or differently versioned tool fails the suite instead.
 */

export const PINNED = { 'cfn-lint': '1.51.0', 'aws-sam-translator': '1.110.0' } as const;
export const INSTALL_HINT = `pip install cfn-lint==${PINNED['cfn-lint']}`;

const ROOT = join(__dirname, '..', '..');
export const TRANSLATE_SCRIPT = join(ROOT, 'scripts', 'sam-translate.py');
export const PROJECT_TEMPLATE = join(ROOT, 'template.yaml');

type Availability = { ok: true } | { ok: false; reason: string };

/**
 * How long one python3 run (cfn-lint, the translator) may take. A hook that waits for one gets the same limit plus a
 * margin, not jest's 30 s: on a loaded machine a cfn-lint run alone has taken over 30 s.
 */
export const AWS_TOOL_TIMEOUT_MS = 120_000;
export const AWS_TOOL_HOOK_TIMEOUT_MS = AWS_TOOL_TIMEOUT_MS + 10_000;

/** Whether python3 on PATH can import both packages, at the pinned versions when they are required. */
export function awsToolsAvailability(env: NodeJS.ProcessEnv = process.env): Availability {
  // importlib.metadata reads the installed versions without importing cfn-lint (which takes a second).
  const probe = spawnSync(
    'python3',
    ['-c', 'from importlib.metadata import version\nprint(version("cfn-lint"), version("aws-sam-translator"))'],
    { env, encoding: 'utf8', timeout: 30_000 },
  );
  if (probe.error) return { ok: false, reason: 'python3 was not found on PATH' };
  if (probe.status !== 0) return { ok: false, reason: 'python3 cannot find cfn-lint and aws-sam-translator' };
  const [lint, translator] = probe.stdout.trim().split(' ');
  const wanted = `cfn-lint ${PINNED['cfn-lint']} and aws-sam-translator ${PINNED['aws-sam-translator']}`;
  if (env.REQUIRE_AWS_TOOLS === '1' && (lint !== PINNED['cfn-lint'] || translator !== PINNED['aws-sam-translator'])) {
    return { ok: false, reason: `found cfn-lint ${lint} and aws-sam-translator ${translator}, need ${wanted}` };
  }
  return { ok: true };
}

/** describe() when the tools are there; otherwise a skip with one line of advice, or a failure in CI. */
export function describeWithAwsTools(title: string, body: () => void): void {
  const availability = awsToolsAvailability();
  if (availability.ok) {
    describe(title, body);
  } else if (process.env.REQUIRE_AWS_TOOLS === '1') {
    describe(title, () => {
      it('has python3 with cfn-lint and the SAM translator (REQUIRE_AWS_TOOLS=1)', () => {
        throw new Error(`${availability.reason}; ${INSTALL_HINT}`);
      });
    });
  } else {
    process.stderr.write(`Skipped "${title}": ${availability.reason}; ${INSTALL_HINT}\n`);
    describe.skip(title, body);
  }
}

function python(args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'python3',
      args,
      { cwd: ROOT, maxBuffer: 256 * 1024 * 1024, timeout: AWS_TOOL_TIMEOUT_MS },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(input);
  });
}

export interface Finding {
  Filename: string;
  Level: string;
  Message: string;
  Rule: { Id: string };
  Location: { Start: { LineNumber: number } };
}

// The installed cfn-lint command, started through its console-script entry point so no PATH to it is needed.
const CFN_LINT = [
  'import sys',
  'from importlib.metadata import entry_points',
  '(cli,) = entry_points(group="console_scripts", name="cfn-lint")',
  'sys.argv[0] = "cfn-lint"',
  'sys.exit(cli.load()())',
].join('\n');

/** cfn-lint with informational rules on, over several templates in one run (one run costs seconds). */
export async function cfnLint(templates: string[]): Promise<Finding[]> {
  const run = await python(['-c', CFN_LINT, '--include-checks', 'I', '--format', 'json', '--', ...templates]);
  // Exit codes are a bit mask of the levels found (2 error, 4 warning, 8 informational); 1 is a crash.
  if (run.code === 1 || run.code < 0 || !run.stdout.trim().startsWith('[')) {
    throw new Error(`cfn-lint did not run (exit ${run.code}): ${run.stderr || run.stdout}`);
  }
  return JSON.parse(run.stdout) as Finding[];
}

export interface TranslationJob {
  template: string;
  parameters?: Record<string, string>;
  /** us-east-1 unless given. */
  region?: string;
}

export type Translation = { template: CfnTemplate } | { error: string };

/** The SAM translator over several templates in one python3 run (start-up costs more than a translation). */
export async function translate(jobs: TranslationJob[]): Promise<Translation[]> {
  const run = await python([TRANSLATE_SCRIPT, '--batch', '--region', 'us-east-1'], JSON.stringify(jobs));
  if (run.code !== 0) throw new Error(`sam-translate.py failed (exit ${run.code}): ${run.stderr}`);
  return JSON.parse(run.stdout) as Translation[];
}

/** One translation that must have worked. */
export function translated(result: Translation | undefined): CfnTemplate {
  if (result === undefined) throw new Error('no translation');
  if ('error' in result) throw new Error(`the SAM translator rejected the template: ${result.error}`);
  return result.template;
}

/** Runs scripts/sam-translate.py as a user would (pythonOptions go to python3 itself, e.g. -S). */
export function translateCli(
  args: string[],
  pythonOptions: string[] = [],
): Promise<{ code: number; stdout: string; stderr: string }> {
  return python([...pythonOptions, TRANSLATE_SCRIPT, ...args]);
}
