// Issue 21, finding 6: error traces from `invoke` and the Invoke API named the developer's file paths and the
// toolkit's own runtime-worker.cjs frame. Lambda shows the function's files under /var/task and none of the local
// worker's frames (its own frame is file:///var/runtime/index.mjs, which a local run has no equivalent of).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, type FixtureCopy } from '../helpers/fixture-copy';
import { httpRequest } from '../helpers/local-api';
import { startTestInvokeEndpoint } from '../helpers/invoke-endpoint';
import { SAM_LOCAL_BIN } from '../helpers/paths';

let fixture: FixtureCopy;
beforeAll(() => {
  fixture = copyFixture('misbehaving-api');
});
afterAll(() => fixture.remove());

const THROW_EVENT = { pathParameters: { kind: 'throw' }, queryStringParameters: {} };

function expectLambdaTrace(trace: string[]): void {
  expect(trace[0]).toBe('Error: thrown on purpose');
  // The function's own frame, from its source map, at its place under /var/task.
  expect(trace[1]).toMatch(/^ {4}at handler \(\/var\/task\/misbehave\.ts:\d+:\d+\)$/);
  // Every other frame is Node's own (node:…, <anonymous>) or under /var/task.
  for (const frame of trace.slice(1))
    expect(frame).toMatch(/\((\/var\/task\/|node:|<anonymous>)|at (\/var\/task\/|node:)/);
  const text = trace.join('\n');
  expect(text).not.toContain(fixture.dir);
  expect(text).not.toContain('runtime-worker');
}

it('sam-local invoke prints the trace with /var/task paths and no worker frame', () => {
  const eventPath = join(fixture.dir, 'throw.json');
  writeFileSync(eventPath, JSON.stringify(THROW_EVENT));
  const run = spawnSync(
    process.execPath,
    [SAM_LOCAL_BIN, 'invoke', 'MisbehavingFunction', '-e', eventPath, '--template', fixture.template],
    { encoding: 'utf8', env: { PATH: process.env.PATH }, timeout: 60_000 },
  );
  expect(run.status).toBe(1);
  const printed = JSON.parse(run.stdout.split('\n')[0]!) as { errorType: string; trace: string[] };
  expect(printed.errorType).toBe('Error');
  expectLambdaTrace(printed.trace);
}, 60_000);

it('the Invoke API answers the same trace', async () => {
  const running = await startTestInvokeEndpoint(fixture.template);
  try {
    const res = await httpRequest(running.endpoint.url, '/2015-03-31/functions/MisbehavingFunction/invocations', {
      method: 'POST',
      body: JSON.stringify(THROW_EVENT),
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-amz-function-error']).toBe('Unhandled');
    expectLambdaTrace((res.json() as { trace: string[] }).trace);
  } finally {
    await running.stop();
  }
}, 60_000);
