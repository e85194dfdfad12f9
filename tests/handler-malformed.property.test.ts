import fc from 'fast-check';
import { notAnObject } from './helpers/event-arbitraries';
import { buildExoticEvent, exoticEventCase } from './helpers/exotic-events';
import { assertProperty } from './helpers/fast-check';
import { expectedOutcome } from './helpers/name-rule';
import { loadEvent } from './helpers/project';
import { propertyInvoker } from './helpers/property-invoke';
import { expectOutcome, expectWellFormedAnswer } from './helpers/proxy-result-checks';

const NOT_AN_OBJECT_RUNS = 300;
const EXOTIC_EVENT_RUNS = 500;

describe('lambdaHandler with input that is not a plain proxy event', () => {
  const invoke = propertyInvoker();

  it('answers 400 to null, undefined, strings, numbers, booleans, bigints, symbols and arrays', async () => {
    await assertProperty(
      fc.asyncProperty(notAnObject, async (event) => {
        const invocation = await invoke(event);
        expectOutcome(invocation, expectWellFormedAnswer(invocation), { status: 400 });
      }),
      NOT_AN_OBJECT_RUNS,
    );
  });

  it('answers a clean 500 with the request id when reading the event throws (getters, proxies)', async () => {
    await assertProperty(
      fc.asyncProperty(exoticEventCase, async (exotic) => {
        const { event, trapped } = buildExoticEvent(exotic);
        const invocation = await invoke(event);
        const body = expectWellFormedAnswer(invocation);
        if (invocation.result.body.includes(exotic.secret)) throw new Error('The thrown detail reached the body');
        const plain = expectedOutcome(exotic.event);
        if (!trapped()) {
          // The handler never touched the trap: it answers as it would the same event without one.
          expectOutcome(invocation, body, plain);
        } else if (exotic.trap.kind === 'getter' && exotic.trap.path[0] === 'requestContext') {
          // The request id only feeds logging: answering without it is as good as a 500.
          expectOutcome(invocation, body, invocation.result.statusCode === 500 ? { status: 500 } : plain);
        } else {
          expectOutcome(invocation, body, { status: 500 });
        }
      }),
      EXOTIC_EVENT_RUNS,
    );
  });

  // The first counterexamples the property found: the request id was read before the handler's try.
  it.each([
    ['a requestContext getter', ['requestContext']],
    ['a requestContext.requestId getter', ['requestContext', 'requestId']],
  ])('answers 500, not a rejection, when %s throws', async (_label, path) => {
    const { event } = buildExoticEvent({
      event: loadEvent('hello-name.json'),
      trap: { kind: 'getter', path },
      thrown: 'TypeError',
      secret: 'SECRET-regression',
    });
    const invocation = await invoke(event);
    expectOutcome(invocation, expectWellFormedAnswer(invocation), { status: 500 });
  });

  it('answers 500, not a rejection, when the event is a Proxy that throws on every read', async () => {
    const { event } = buildExoticEvent({
      event: loadEvent('hello.json'),
      trap: { kind: 'proxy', at: null, traps: ['get'] },
      thrown: 'Error',
      secret: 'SECRET-regression',
    });
    const invocation = await invoke(event);
    expectOutcome(invocation, expectWellFormedAnswer(invocation), { status: 500 });
  });
});
