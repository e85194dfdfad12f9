import { relative } from 'node:path';
import fc from 'fast-check';

/**
 * Replay settings from the environment. A failure report prints the seed and counterexample path;
 * `FC_SEED=… FC_PATH=… npx jest <file>` then reruns that exact case (FC_SEED alone reruns the whole run).
 */
function replayParameters(): Pick<fc.Parameters<unknown>, 'seed' | 'path' | 'endOnFailure'> {
  const seed = process.env.FC_SEED;
  const path = process.env.FC_PATH;
  if (seed === undefined || seed === '') return {};
  const parsed = Number(seed);
  if (!Number.isInteger(parsed)) throw new Error(`FC_SEED must be an integer, got ${JSON.stringify(seed)}`);
  return path ? { seed: parsed, path, endOnFailure: true } : { seed: parsed };
}

// Stryker sets STRYKER_MUTATOR_WORKER in its test runners. There only whether a property fails matters, not its
// smallest counterexample, and shrinking a hostile event can outlast Stryker's per-mutant timeout, which would
// report a mutant the property kills as a time-out.
const SHRINK = process.env.STRYKER_MUTATOR_WORKER === undefined;

/**
 * Like fc.assert, but the thrown error starts with a ready-to-paste replay line, so the seed and path reach
 * jest's output even when the counterexample itself is long. The failing assertion is part of the message.
 */
export async function assertProperty<Ts>(property: fc.IAsyncProperty<Ts>, numRuns: number): Promise<void> {
  const details = await fc.check(property, {
    numRuns,
    includeErrorInReport: true,
    endOnFailure: !SHRINK,
    ...replayParameters(),
  });
  if (!details.failed) return;
  const path = details.counterexamplePath === null ? '' : ` FC_PATH=${details.counterexamplePath}`;
  const { testPath, currentTestName } = expect.getState();
  const testFile = testPath ? relative(process.cwd(), testPath) : '<test file>';
  const only = currentTestName ? ` -t ${shellQuote(`^${escapeRegExp(currentTestName)}$`)}` : '';
  throw new Error(
    `Property failed. Replay: FC_SEED=${details.seed}${path} npx jest ${testFile}${only}\n\n` +
      (fc.defaultReportMessage(details) ?? ''),
  );
}

// jest's -t takes a regular expression, and test names here contain parentheses.
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}
