// How a trace's host paths become Lambda's /var/task paths (issue 21, finding 6).
import { lambdaTrace, taskPath } from '../../src/lambda/lambda-trace';

describe('taskPath and lambdaTrace', () => {
  const paths = {
    taskRoot: '/home/dev/My App/.aws-sam/local-build/Fn',
    codeDir: '/home/dev/My App/src',
    workerPath: '/opt/toolkit/src/lambda/runtime-worker.cjs',
  };

  it('maps the build output and CodeUri to /var/task, dependencies to /var/task/node_modules', () => {
    expect(taskPath('/home/dev/My App/.aws-sam/local-build/Fn/app.js', paths)).toBe('/var/task/app.js');
    expect(taskPath('/home/dev/My App/src/lib/db.ts', paths)).toBe('/var/task/lib/db.ts');
    expect(taskPath('/home/dev/My App/node_modules/@scope/pkg/index.js', paths)).toBe(
      '/var/task/node_modules/@scope/pkg/index.js',
    );
    // Beside CodeUri: resolved from /var/task as a relative source path is, with no host folder left.
    expect(taskPath('/home/dev/My App/shared/util.ts', paths)).toBe('/var/shared/util.ts');
  });

  it('rewrites frames (plain, file: URLs, paths with spaces), drops the worker, keeps node: frames', () => {
    expect(
      lambdaTrace(
        [
          'TypeError: nope',
          '    at handler (/home/dev/My App/src/app.ts:3:9)',
          '    at file:///home/dev/My App/.aws-sam/local-build/Fn/app.mjs:10:2',
          '    at invoke (/opt/toolkit/src/lambda/runtime-worker.cjs:170:26)',
          '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
        ],
        paths,
      ),
    ).toEqual([
      'TypeError: nope',
      '    at handler (/var/task/app.ts:3:9)',
      '    at file:///var/task/app.mjs:10:2',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ]);
  });
});
