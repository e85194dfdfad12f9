import { execFile } from 'node:child_process';

/**
 * The commands that print a stack's outputs as a JSON list of { OutputKey, OutputValue, Description }: the SAM CLI
 * a SAM user has (`sam list stack-outputs`, which calls DescribeStacks), else the AWS CLI. Both take region and
 * credentials from the usual places (AWS_REGION, AWS_PROFILE, SSO, the role a CI job assumed, ...).
 */
const READERS: Array<(stack: string) => { command: string; args: string[] }> = [
  (stack) => ({ command: 'sam', args: ['list', 'stack-outputs', '--stack-name', stack, '--output', 'json'] }),
  (stack) => ({
    command: 'aws',
    args: [
      'cloudformation',
      'describe-stacks',
      '--stack-name',
      stack,
      '--query',
      'Stacks[0].Outputs',
      '--output',
      'json',
    ],
  }),
];

/** A stack's outputs as key → value. Throws with the CLI's own message when the stack can't be described. */
export async function describeStackOutputs(stackName: string): Promise<Record<string, string>> {
  for (const reader of READERS) {
    const { command, args } = reader(stackName);
    const run = await runCommand(command, args);
    if (run.kind === 'missing') continue;
    if (run.kind === 'failed') throw new Error(`${command} ${args.slice(0, 2).join(' ')}: ${run.message}`);
    return outputsFrom(command, run.stdout);
  }
  throw new Error('neither the SAM CLI (sam) nor the AWS CLI (aws) is on PATH');
}

function outputsFrom(command: string, stdout: string): Record<string, string> {
  let list: unknown;
  try {
    list = JSON.parse(stdout);
  } catch {
    throw new Error(`${command} printed something that is not JSON: ${stdout.slice(0, 200)}`);
  }
  if (!Array.isArray(list)) return {};
  return Object.fromEntries(
    list.flatMap((output: { OutputKey?: unknown; OutputValue?: unknown }) =>
      typeof output.OutputKey === 'string' && typeof output.OutputValue === 'string'
        ? [[output.OutputKey, output.OutputValue]]
        : [],
    ),
  );
}

type CommandRun = { kind: 'ok'; stdout: string } | { kind: 'missing' } | { kind: 'failed'; message: string };

function runCommand(command: string, args: string[]): Promise<CommandRun> {
  return new Promise((resolve) => {
    // A minute at most: a developer waiting on a typo'd stack name should hear back.
    execFile(command, args, { timeout: 60_000, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolve({ kind: 'ok', stdout });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ kind: 'missing' });
      const message = stderr.trim().split('\n').filter(Boolean).pop() ?? error.message;
      resolve({ kind: 'failed', message });
    });
  });
}
