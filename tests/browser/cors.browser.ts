// A real browser's CORS enforcement against the local API: a page on one loopback origin calls
// GET /dev/hello?name=Ada on the API's origin. Run with `npm run test:browser` (needs Chromium);
// not part of `npm test`: jest only picks up *.test.ts.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { greet } from '../../hello-world/greeting';
import type { LoopbackServer } from '../helpers/loopback-server';
import { startProjectApi, type RunningApi } from '../helpers/local-api';
import { ROOT } from '../helpers/project';
import { CHROMIUM_PATH, launchChromium, MISSING_CHROMIUM, type Browser } from './chromium';
import { startPageServer } from './page-server';

// The committed picture in docs/ changes only on purpose: UPDATE_SCREENSHOT=1 npm run test:browser.
const SCREENSHOT =
  process.env.UPDATE_SCREENSHOT === '1'
    ? join(ROOT, 'docs', 'cors-browser-test.png')
    : join(tmpdir(), 'sam-hello-api-cors-browser-test.png');
const WAIT_MS = 10_000;
// What the page shows for ?name=Ada, in the function's own words (tests/greeting.test.ts pins them).
const GREETING_SHOWN = `200: ${greet('Ada')}`;

// Before any test starts, so the way to install it is the one thing the run says.
if (!existsSync(CHROMIUM_PATH)) {
  process.stderr.write(`\n${MISSING_CHROMIUM}\n\n`);
  process.exit(1);
}

interface PageRun {
  /** What the page rendered: the status and the greeting (GREETING_SHOWN), or the fetch error. */
  result: string;
  state: string;
  /** The browser's console errors (where Chromium explains a CORS refusal). */
  consoleErrors: string[];
  /** The API's access lines written during this run, without their timings. */
  apiRequests: string[];
}

// node:test's describe and it return promises that its runner awaits itself: hence `void`.
void describe(
  'CORS in headless Chromium against the local API (template.yaml, AllowedOrigin = one page origin)',
  { timeout: 60_000 },
  () => {
    let allowedOrigin: LoopbackServer | undefined;
    let otherOrigin: LoopbackServer | undefined;
    let api: RunningApi | undefined;
    let browser: Browser | undefined;

    before(async () => {
      browser = await launchChromium();
      allowedOrigin = await startPageServer();
      otherOrigin = await startPageServer();
      api = await startProjectApi({ parameterOverrides: { AllowedOrigin: allowedOrigin.url } });
    });

    // Whatever started is stopped, even when a start or a test failed.
    after(async () => {
      const results = await Promise.allSettled([
        browser?.close(),
        api?.stop(),
        allowedOrigin?.close(),
        otherOrigin?.close(),
      ]);
      const failures = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
      if (failures.length > 0) throw new AggregateError(failures, 'cleanup failed');
    });

    /** Opens the page served from `origin`, waits for its fetch to settle and reports what happened. */
    async function runPage(
      origin: LoopbackServer,
      options: { preflight?: boolean; screenshot?: string } = {},
    ): Promise<PageRun> {
      assert.ok(browser && api, 'set up by before()');
      const linesBefore = api.lines.length;
      const page = await browser.context.newPage();
      try {
        const consoleErrors: string[] = [];
        page.on('console', (message) => {
          if (message.type() === 'error') consoleErrors.push(message.text());
        });
        const query = new URLSearchParams({ api: api.api.url, ...(options.preflight ? { preflight: '1' } : {}) });
        await page.goto(`${origin.url}/?${query.toString()}`, { timeout: WAIT_MS });
        const output = page.locator('#result:not([data-state="pending"])');
        await output.waitFor({ timeout: WAIT_MS });
        if (options.screenshot) {
          mkdirSync(dirname(options.screenshot), { recursive: true });
          await page.screenshot({ path: options.screenshot });
        }
        return {
          result: (await output.textContent()) ?? '',
          state: (await output.getAttribute('data-state')) ?? '',
          consoleErrors,
          apiRequests: api.lines.slice(linesBefore).map((line) => line.replace(/ [\d.]+ms$/, '')),
        };
      } finally {
        await page.close();
      }
    }

    void it('lets the allowed origin read the greeting, and saves a screenshot of it', async () => {
      assert.ok(allowedOrigin);
      const run = await runPage(allowedOrigin, { screenshot: SCREENSHOT });
      assert.deepEqual(
        { result: run.result, state: run.state, apiRequests: run.apiRequests, consoleErrors: run.consoleErrors },
        { result: GREETING_SHOWN, state: 'ok', apiRequests: ['GET /dev/hello?name=Ada 200'], consoleErrors: [] },
      );
    });

    void it('answers the browser’s preflight for the allowed origin, then serves the request', async () => {
      assert.ok(allowedOrigin);
      const run = await runPage(allowedOrigin, { preflight: true });
      assert.deepEqual(
        { result: run.result, state: run.state, apiRequests: run.apiRequests },
        {
          result: GREETING_SHOWN,
          state: 'ok',
          apiRequests: ['OPTIONS /dev/hello?name=Ada 200', 'GET /dev/hello?name=Ada 200'],
        },
      );
    });

    void it('keeps the response from another origin: the API answered, the browser refused it', async () => {
      assert.ok(otherOrigin && allowedOrigin);
      const run = await runPage(otherOrigin);
      assert.deepEqual(
        { result: run.result, state: run.state, apiRequests: run.apiRequests },
        { result: 'TypeError: Failed to fetch', state: 'error', apiRequests: ['GET /dev/hello?name=Ada 200'] },
      );
      assertCorsRefusal(run.consoleErrors, otherOrigin.url, allowedOrigin.url);
    });

    void it('refuses another origin at the preflight: the request itself is never sent', async () => {
      assert.ok(otherOrigin && allowedOrigin);
      const run = await runPage(otherOrigin, { preflight: true });
      assert.deepEqual(
        { result: run.result, state: run.state, apiRequests: run.apiRequests },
        { result: 'TypeError: Failed to fetch', state: 'error', apiRequests: ['OPTIONS /dev/hello?name=Ada 200'] },
      );
      assertCorsRefusal(run.consoleErrors, otherOrigin.url, allowedOrigin.url);
    });
  },
);

/** Chromium's own explanation: blocked by CORS policy because the allowed origin is a different one. */
function assertCorsRefusal(consoleErrors: string[], pageOrigin: string, allowedOrigin: string): void {
  const refusal = consoleErrors.find((text) => text.includes('blocked by CORS policy'));
  assert.ok(refusal, `no CORS refusal among the console errors: ${JSON.stringify(consoleErrors)}`);
  assert.ok(refusal.includes(`from origin '${pageOrigin}'`), refusal);
  assert.ok(refusal.includes(`'${allowedOrigin}' that is not equal to the supplied origin`), refusal);
}
