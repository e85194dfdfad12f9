import fc from 'fast-check';
import { apiGatewayEvent, hostileRestEvent } from './helpers/event-arbitraries';
import { assertProperty } from './helpers/fast-check';
import { expectedOutcome } from './helpers/name-rule';
import { propertyInvoker } from './helpers/property-invoke';
import { expectOutcome, expectWellFormedAnswer } from './helpers/proxy-result-checks';

// Generated events per run: 1,000 + 1,000 here, 800 in handler-malformed.property.test.ts; each run draws new
// ones (FC_SEED replays a failure).
const HOSTILE_EVENT_RUNS = 1_000;
const API_GATEWAY_EVENT_RUNS = 1_000;

describe('lambdaHandler with generated REST proxy events', () => {
  const invoke = propertyInvoker();

  // Each property checks, for every event: no rejection, a well-formed proxy result (status 200/400/500, JSON
  // body, JSON Content-Type, no internal detail, only JSON log lines, Object.prototype untouched), and the
  // documented outcome: a 200 greets exactly the validated name, anything else refused is a 400.
  it('answers hostile events (missing, null, wrongly typed fields; odd query maps and headers) as documented', async () => {
    await assertProperty(
      fc.asyncProperty(hostileRestEvent, async (event) => {
        const invocation = await invoke(event);
        expectOutcome(invocation, expectWellFormedAnswer(invocation), expectedOutcome(event));
      }),
      HOSTILE_EVENT_RUNS,
    );
  });

  it('answers every query string API Gateway can deliver as documented (repeated name, edge-case names)', async () => {
    await assertProperty(
      fc.asyncProperty(apiGatewayEvent, async (event) => {
        const invocation = await invoke(event);
        expectOutcome(invocation, expectWellFormedAnswer(invocation), expectedOutcome(event));
      }),
      API_GATEWAY_EVENT_RUNS,
    );
  });
});
