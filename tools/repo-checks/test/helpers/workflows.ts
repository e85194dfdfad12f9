import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ROOT } from '../../../../tests/helpers/project';

/** The parts of a GitHub Actions workflow file these tests read. */
export interface Workflow {
  name?: string;
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

export interface Job {
  if?: string;
  permissions?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps: Step[];
}

export interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}

export const WORKFLOWS_DIR = join(ROOT, '.github', 'workflows');

export function workflowText(file: string): string {
  return readFileSync(join(WORKFLOWS_DIR, file), 'utf8');
}

/** Parses a workflow as YAML 1.2 (where `on` is a string key, not the boolean YAML 1.1 makes of it). */
export function loadWorkflow(file: string): Workflow {
  const workflow = parse(workflowText(file), { uniqueKeys: true }) as Workflow;
  if (typeof workflow?.jobs !== 'object' || workflow.jobs === null) throw new Error(`${file}: no jobs`);
  return workflow;
}

export function allSteps(workflow: Workflow): Step[] {
  return Object.values(workflow.jobs).flatMap((job) => job.steps);
}

/** Shell commands of the run steps, one entry per non-empty, non-comment line. */
export function runCommands(steps: Step[]): string[] {
  return steps.flatMap((step) =>
    (step.run ?? '')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0 && !line.startsWith('#')),
  );
}

/** Index of the first step satisfying the predicate; -1 when none does. */
export function stepIndex(steps: Step[], predicate: (step: Step) => boolean): number {
  return steps.findIndex(predicate);
}

export const uses = (action: string) => (step: Step) => step.uses?.split('@')[0] === action;
export const runs = (command: string) => (step: Step) => runCommands([step]).includes(command);

/**
 * Places where a workflow would hand AWS long-lived keys to a step: the key inputs of
 * configure-aws-credentials, the AWS key environment variables, or any secret named like an AWS key.
 */
export function longLivedAwsKeyUses(text: string): string[] {
  const patterns = [
    /aws-access-key-id/i,
    /aws-secret-access-key/i,
    /aws-session-token/i,
    /AWS_ACCESS_KEY_ID/,
    /AWS_SECRET_ACCESS_KEY/,
    /secrets\.AWS_\w+/i,
    /\bAKIA[0-9A-Z]{16}\b/,
  ];
  return text.split('\n').filter((line) => patterns.some((pattern) => pattern.test(line)));
}
