// Issue 21, finding 5: a function that printed 50,000 lines and then called process.exit() got about 1 in 50 of them
// to the terminal; one that printed and then ran past its Timeout lost most too. Lambda's runtime writes a
// function's output synchronously: every line printed before the function ended must arrive, in order.
import { copyFixture, type FixtureCopy } from '../helpers/fixture-copy';
import { httpRequest, startTestApi } from '../helpers/local-api';

const LINES = 50_000;
let fixture: FixtureCopy;
beforeAll(() => {
  fixture = copyFixture('misbehaving-api');
});
afterAll(() => fixture.remove());

/** The numbers of the `line N of 50000` lines the function printed, as they reached the server. */
function numbered(output: string[]): number[] {
  return output.flatMap((line) => {
    const match = /^\[MisbehavingFunction\] line (\d+) of 50000$/.exec(line);
    return match ? [Number(match[1])] : [];
  });
}

/** One request to the function, then the server stopped (which drains what its environments printed). */
async function run(kind: 'print-exit' | 'print-timeout'): Promise<{ status: number; output: string[] }> {
  // The function's Timeout must come after its 50,000 lines, however long a loaded machine takes to print them (at
  // 3 s, a run beside a mutation run cut it off at line 42,279: lines never printed, not lines lost).
  const api = await startTestApi({
    templatePath: fixture.template,
    watch: false,
    typeCheck: false,
    parameterOverrides: { FunctionTimeout: '8' },
  });
  try {
    const res = await httpRequest(api.api.url, `/misbehave/${kind}?lines=${LINES}`);
    return { status: res.status, output: api.output };
  } finally {
    await api.stop();
  }
}

it.each(['print-exit', 'print-timeout'] as const)(
  '%s: all 50,000 lines arrive, in order, and the request is answered 502',
  async (kind) => {
    const { status, output } = await run(kind);
    expect(status).toBe(502);
    const lines = numbered(output);
    expect(lines.length).toBe(LINES);
    expect(lines.every((n, index) => n === index + 1)).toBe(true);
  },
  120_000,
);
