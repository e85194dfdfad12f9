import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { captureOutput, isEmf, parseJsonLines } from './helpers/capture-output';
import { helloContext, loadFreshHandler } from './helpers/handler';
import { helloEnvironment, loadEvent } from './helpers/project';

// The benchmark's baselines (bench/candidates/) are only meaningful if they answer like the project and the floor
// does exactly the required work. Their speed is measured by `npm run bench`, never asserted here.
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

function loadCandidate(name: 'bare' | 'floor'): Handler {
  Object.assign(process.env, helloEnvironment());
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh module per execution environment needs require
    handler = (require(`../bench/candidates/${name}/app`) as { lambdaHandler: Handler }).lambdaHandler;
  });
  if (!handler) throw new Error(`bench/candidates/${name}/app did not export lambdaHandler`);
  return handler;
}

describe('bench candidates', () => {
  it.each(['hello.json', 'hello-name.json'])(
    'answer %s with the status and JSON body the project gives',
    async (file) => {
      const project = await captureOutput(() => loadFreshHandler()(loadEvent(file), helloContext()));
      for (const name of ['bare', 'floor'] as const) {
        const { result } = await captureOutput(() => loadCandidate(name)(loadEvent(file), helloContext()));
        expect([name, result.statusCode, JSON.parse(result.body)]).toEqual([
          name,
          project.result.statusCode,
          JSON.parse(project.result.body),
        ]);
      }
    },
  );

  it('the bare handler writes nothing', async () => {
    const { stdout, stderr } = await captureOutput(() =>
      loadCandidate('bare')(loadEvent('hello.json'), helloContext()),
    );
    expect([...stdout, ...stderr]).toEqual([]);
  });

  it('the floor writes one INFO line and one business metric per invocation, plus ColdStart on the first', async () => {
    const floor = loadCandidate('floor');
    for (const first of [true, false]) {
      const { stdout, stderr } = await captureOutput(() => floor(loadEvent('hello-name.json'), helloContext()));
      expect(stderr).toEqual([]);
      const documents = parseJsonLines(stdout);
      const logs = documents.filter((d) => !isEmf(d));
      expect(logs).toEqual([expect.objectContaining({ level: 'INFO', message: 'Request handled' })]);
      const metricNames = documents
        .filter(isEmf)
        .flatMap(
          (d) => (d._aws as { CloudWatchMetrics: Array<{ Metrics: Array<{ Name: string }> }> }).CloudWatchMetrics,
        )
        .flatMap((directive) => directive.Metrics.map((metric) => metric.Name));
      expect(metricNames.sort()).toEqual(first ? ['ColdStart', 'GreetingsServed'] : ['GreetingsServed']);
    }
  });
});
