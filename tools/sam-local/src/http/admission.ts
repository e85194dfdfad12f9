// The one place where the local servers decide whether to serve a request at all, before any event source sees
// it: every front (start-api's port, each function URL's port, the Invoke API) calls admit() first. Checks of the
// Host (and, later, of who may call a local server) belong here.
import type { IncomingMessage } from 'node:http';
import { hostProblem } from './connections';

/** Why the request is refused (answered 400 and named in the terminal), or undefined to serve it. */
export function admissionProblem(req: IncomingMessage): string | undefined {
  return hostProblem(req);
}
