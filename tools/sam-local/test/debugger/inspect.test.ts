// --inspect / --inspect-brk: a debugger attaches to the function's worker over the inspector protocol, sets a
// breakpoint by TypeScript file and line (bound through the local build's source map, as VS Code binds it), and
// the invocation stops there.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CdpSession } from '../helpers/cdp';
import { copyFixture, freePort } from '../helpers/fixture-copy';
import { SAM_LOCAL_BIN } from '../helpers/paths';
import { lineOf, originalLocation, setSourceBreakpoint } from '../helpers/source-map-breakpoints';
import { startSamLocalProcess, type StartedProcess } from '../helpers/start-process';

interface CallFrame {
  callFrameId: string;
  functionName: string;
  location: { lineNumber: number; columnNumber: number };
  scopeChain: Array<{ type: string; object: { objectId: string } }>;
}

describe('sam-local start-api --inspect', () => {
  const fixture = copyFixture('hello-api');
  let inspectorPort: number;
  let server: StartedProcess;
  let session: CdpSession | undefined;

  beforeAll(async () => {
    inspectorPort = await freePort();
    server = await startSamLocalProcess([
      'start-api',
      '--template',
      fixture.template,
      '--port',
      '0',
      '--no-watch',
      `--inspect=${inspectorPort}`,
    ]);
  });
  afterAll(async () => {
    session?.close();
    server.child.kill('SIGTERM');
    await server.exited;
    fixture.remove();
  });

  it('prints where to attach, and the worker is listening before any request', async () => {
    await server.waitFor('stdout', /Debugger for GreetingFunction/);
    expect(server.stdout()).toContain(
      `Debugger for GreetingFunction on 127.0.0.1:${inspectorPort}: attach with VS Code ("Attach to sam-local"`,
    );
    session = await CdpSession.attach(inspectorPort);
  });

  it('stops at a breakpoint set in the minified function by TypeScript file and line, then answers', async () => {
    if (!session) throw new Error('not attached');
    const source = join(fixture.dir, 'src', 'hello.ts');
    const line = lineOf(source, 'return answer(200, `Hello, ${name}!`);');
    await session.send('Debugger.enable');
    const { breakpointId, map } = await setSourceBreakpoint(session, join(fixture.dir, '.aws-sam'), source, line);

    const paused = session.next('Debugger.paused');
    const response = fetch(`http://127.0.0.1:${server.port}/dev/hello?name=Ada`);
    const pause = await paused;

    expect(pause.hitBreakpoints).toEqual([breakpointId]);
    const [top] = pause.callFrames as CallFrame[];
    expect(originalLocation(map, top!.location)).toEqual({ file: source, line });
    // The paused frame runs in the function's environment, with the template's variables.
    const evaluated = await session.send('Debugger.evaluateOnCallFrame', {
      callFrameId: top!.callFrameId,
      expression: 'process.env.SERVICE_NAME',
    });
    expect((evaluated.result as { value: unknown }).value).toBe('greeting');
    // The build keeps its names while debugging (the template says Minify: true): the frame and its locals are the
    // ones in the TypeScript source, not `Ne` and an empty scope.
    expect(top!.functionName).toBe('handler');
    const local = top!.scopeChain.find((scope) => scope.type === 'local');
    const { result: variables } = (await session.send('Runtime.getProperties', {
      objectId: local!.object.objectId,
      ownProperties: true,
    })) as { result: Array<{ name: string; value?: { value?: unknown } }> };
    const values = Object.fromEntries(variables.map((variable) => [variable.name, variable.value?.value]));
    expect(values).toMatchObject({ name: 'Ada', raw: 'Ada', length: 3 });
    expect(Object.keys(values)).toEqual(expect.arrayContaining(['headers', 'answer', 'names']));

    await session.send('Debugger.resume');
    const answered = await response;
    expect([answered.status, await answered.json()]).toEqual([200, { message: 'Hello, Ada!' }]);
  });
});

describe('sam-local invoke --inspect-brk', () => {
  it('waits for the debugger, stops at a TypeScript breakpoint past the Timeout, then prints the result', async () => {
    const fixture = copyFixture('routes-api');
    const inspectorPort = await freePort();
    const eventPath = join(fixture.dir, 'ok.json');
    writeFileSync(eventPath, JSON.stringify({ pathParameters: { kind: 'ok' } }));
    const child = spawn(
      process.execPath,
      [
        SAM_LOCAL_BIN,
        'invoke',
        'FaultsFunction',
        eventPath,
        '--template',
        fixture.template,
        `--inspect-brk=${inspectorPort}`,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let session: CdpSession | undefined;
    try {
      session = await CdpSession.attach(inspectorPort);
      const source = join(fixture.dir, 'functions', 'faults.ts');
      const line = lineOf(source, 'return { statusCode: 200, body: JSON.stringify({ pid: process.pid }) };');
      await session.send('Debugger.enable');
      const { breakpointId, map } = await setSourceBreakpoint(session, join(fixture.dir, '.aws-sam'), source, line);
      // --inspect-brk holds the worker before its first line; the debugger lets it go (as VS Code does).
      const onStart = session.next('Debugger.paused');
      await session.send('Runtime.runIfWaitingForDebugger');
      expect((await onStart).reason).toBe('Break on start');
      const paused = session.next('Debugger.paused');
      await session.send('Debugger.resume');
      const pause = await paused;
      expect(pause.hitBreakpoints).toEqual([breakpointId]);
      expect(originalLocation(map, (pause.callFrames as CallFrame[])[0]!.location)).toEqual({ file: source, line });
      // Paused past the fixture's 1 s Timeout: while debugging, the timeout is not enforced (as sam local -d).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      // The worker may finish and close the connection before it acknowledges this.
      await session.send('Debugger.resume').catch((error: Error) => expect(error.message).toMatch(/closed/));
      expect(await exited).toBe(0);
      const result = JSON.parse(stdout) as { statusCode: number; body: string };
      expect(result.statusCode).toBe(200);
      expect(result.body).toMatch(/^\{"pid":\d+\}$/);
      expect(stderr).toContain(`Debugger for FaultsFunction on 127.0.0.1:${inspectorPort} (waits for the debugger`);
    } finally {
      session?.close();
      child.kill();
      fixture.remove();
    }
  });
});
