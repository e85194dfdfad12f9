import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { loadTemplate } from 'sam-local-node';
import { benchEnvironment } from '../lib/candidates';
import { TEMPLATE_PATH } from '../lib/paths';
import { captureOutput, isEmf, metricNames, parseJsonLines } from './helpers/capture-output';
import { lambdaContext, loadEvent, projectHandler } from './helpers/lambda';

// The benchmark's baselines (candidates/) are only meaningful if they answer like the project and the floor does
// exactly the required work. Their speed is measured by `npm run bench`, never asserted here.
type Handler = (event: APIGatewayProxyEvent, context: Context) => Promise<APIGatewayProxyResult>;

// The environment the benchmark runs every candidate with (template.yaml's, as Lambda would set it).
const saved = { ...process.env };
beforeAll(() => Object.assign(process.env, benchEnvironment(loadTemplate(TEMPLATE_PATH))));
afterAll(() => {
  process.env = saved;
});

/**
 * A candidate in a new execution environment. Unlike the project's createHandler, the candidates keep their
 * Logger and Metrics at module scope, the plainest Lambda style, which is what the benchmark measures; so a fresh
 * environment (a cold start counted again) needs a fresh instance of the module.
 */
function loadCandidate(name: 'bare' | 'floor'): Handler {
  let handler: Handler | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- isolateModules hands out fresh modules only to require
    handler = (require(`../candidates/${name}/app`) as { lambdaHandler: Handler }).lambdaHandler;
  });
  if (!handler) throw new Error(`candidates/${name}/app did not export lambdaHandler`);
  return handler;
}

describe('bench candidates', () => {
  it.each(['hello.json', 'hello-name.json'])(
    'answer %s with the status and JSON body the project gives',
    async (file) => {
      const project = await captureOutput(() => projectHandler()(loadEvent(file), lambdaContext()));
      expect(project.result.statusCode).toBe(200);
      for (const name of ['bare', 'floor'] as const) {
        const { result } = await captureOutput(() => loadCandidate(name)(loadEvent(file), lambdaContext()));
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
      loadCandidate('bare')(loadEvent('hello.json'), lambdaContext()),
    );
    expect([...stdout, ...stderr]).toEqual([]);
  });

  it('the floor writes one INFO line and one business metric per invocation, plus ColdStart on the first', async () => {
    const floor = loadCandidate('floor');
    for (const first of [true, false]) {
      const { stdout, stderr } = await captureOutput(() => floor(loadEvent('hello-name.json'), lambdaContext()));
      expect(stderr).toEqual([]);
      const documents = parseJsonLines(stdout);
      expect(documents.filter((d) => !isEmf(d))).toEqual([
        expect.objectContaining({ level: 'INFO', message: 'Request handled', service: 'hello-world' }),
      ]);
      const metrics = documents.filter(isEmf).flatMap(metricNames);
      expect(metrics.sort()).toEqual(first ? ['ColdStart', 'GreetingsServed'] : ['GreetingsServed']);
    }
  });
});
