// What a developer sees while `sam-local start-api` runs a Powertools function: with pretty logs (the default),
// Powertools Metrics would be silent (POWERTOOLS_DEV disables them); the toolkit keeps them on and shows each
// invocation's metrics as one compact line. With --json-logs, the EMF documents are printed as Lambda prints them.
import { join } from 'node:path';
import { TOOLKIT_DIR } from '../helpers/paths';
import { httpRequest, startTestApi, type RunningApi } from '../helpers/local-api';

const POWERTOOLS_TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'powertools-api', 'template.yaml');

async function twoRequests(running: RunningApi): Promise<void> {
  for (const kind of ['first', 'second']) {
    const response = await httpRequest(running.api.url, `/dev/metered?kind=${kind}`);
    expect(response.status).toBe(200);
  }
}

describe('metrics in the terminal', () => {
  it('pretty logs: one compact line per published EMF document, and no raw EMF JSON', async () => {
    const running = await startTestApi({ templatePath: POWERTOOLS_TEMPLATE, prettyLogs: true });
    try {
      await twoRequests(running);
      const metricLines = running.output.filter((line) => line.startsWith('[MeteredFunction] metrics '));
      expect(metricLines).toEqual([
        '[MeteredFunction] metrics SamLocalFixture: ColdStart=1 Count (service=metered, function_name=MeteredFunction)',
        '[MeteredFunction] metrics SamLocalFixture: Served=1 Count (service=metered, kind=first)',
        '[MeteredFunction] metrics SamLocalFixture: Served=1 Count (service=metered, kind=second)',
      ]);
      expect(running.output.some((line) => line.includes('"_aws"'))).toBe(false);
      // The logs stay pretty (Powertools' indented JSON).
      expect(running.output).toContain('[MeteredFunction]     "message": "Served",');
    } finally {
      await running.stop();
    }
  });

  it('JSON logs: the EMF documents as Lambda prints them', async () => {
    const running = await startTestApi({ templatePath: POWERTOOLS_TEMPLATE, prettyLogs: false });
    try {
      await twoRequests(running);
      const documents = running.output
        .map((line) => line.replace(/^\[MeteredFunction\] /, ''))
        .filter((line) => line.includes('"_aws"'))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(documents.map((d) => d.Served ?? d.ColdStart)).toEqual([1, 1, 1]);
      expect(running.output.some((line) => line.includes(' metrics SamLocalFixture'))).toBe(false);
    } finally {
      await running.stop();
    }
  });
});
