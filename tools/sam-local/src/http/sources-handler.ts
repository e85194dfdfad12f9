import type { EventSource } from '../pipeline/event-source';
import { jsonResponse } from '../pipeline/http-response';
import { runPipeline } from '../pipeline/run';
import type { FrontHandler } from './front';

/** The front's handler for event sources sharing one port: each request runs the pipeline (src/pipeline/run.ts). */
export function sourcesHandler(sources: EventSource[], log: (line: string) => void): FrontHandler {
  const first = sources[0];
  if (!first) throw new Error('no event source to serve');
  return {
    respond: (exchange) =>
      runPipeline(
        sources,
        {
          head: exchange.head,
          declaredLength: Number(exchange.req.headers['content-length'] ?? 0),
          readBody: exchange.readBody,
          drainAfterAnswer: exchange.drainAfterAnswer,
        },
        log,
      ),
    // A bug in the toolkit: API Gateway's answer to an integration it could not complete.
    fault: () => jsonResponse(502, { message: 'Internal server error' }),
    continueLimit: Math.max(...sources.map((source) => source.bodyLimit)),
  };
}
