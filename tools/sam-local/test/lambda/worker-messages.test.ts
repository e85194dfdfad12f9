// What an execution environment (runtime-worker.cjs) tells the server per invocation, over its real IPC channel:
// the first invocation loads the function (the init phase) and says when the handler starts, so the server times the
// function's Timeout apart from init; a warm invocation sends its result only (one message, and one wake-up of the
// server, less per request: issue 23's per-request overhead).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOLKIT_DIR } from '../helpers/paths';

const WORKER = join(TOOLKIT_DIR, 'src', 'lambda', 'runtime-worker.cjs');
const dir = mkdtempSync(join(tmpdir(), 'sam-local-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Message {
  type: string;
  id?: string;
  ok?: boolean;
}

/** Sends one invocation and collects this invocation's messages until its result. */
function invoke(worker: ChildProcess, id: string): Promise<string[]> {
  return new Promise((resolve) => {
    const types: string[] = [];
    const onMessage = (message: Message): void => {
      if (message.id !== id) return;
      types.push(message.type);
      if (message.type === 'result') {
        worker.off('message', onMessage);
        resolve(types);
      }
    };
    worker.on('message', onMessage);
    worker.send({
      type: 'invoke',
      id,
      taskRoot: dir,
      handler: 'app.handler',
      layerModules: [],
      event: {},
      context: { awsRequestId: id },
      timeoutMs: 3000,
    });
  });
}

it('says "started" after loading the function on the first invocation, and sends only the result afterwards', async () => {
  writeFileSync(join(dir, 'app.js'), 'exports.handler = async () => ({ ok: true });');
  const worker = fork(WORKER, [], { cwd: dir, stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'json' });
  try {
    expect(await invoke(worker, 'first')).toEqual(['started', 'result']);
    expect(await invoke(worker, 'second')).toEqual(['result']);
    expect(await invoke(worker, 'third')).toEqual(['result']);
  } finally {
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.disconnect();
    await exited;
  }
});
