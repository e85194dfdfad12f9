// One GET at a time on a fresh connection, and polling with it: how start-up and edits are timed (a developer's
// curl, over and over, until the answer is the one expected).
import { request } from 'node:http';

export interface Answer {
  status: number;
  body: string;
}

export function getOnce(url: string, timeoutMs = 10_000): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * GETs `url` until `wanted` accepts the answer (a refused connection counts as not yet), `intervalMs` apart; resolves
 * with performance.now() when that answer arrived, rejects with the last answer after `deadlineMs`, or once `signal` aborts.
 */
export async function pollUntil(
  url: string,
  wanted: (answer: Answer) => boolean,
  deadlineMs: number,
  signal?: AbortSignal,
  intervalMs = 5,
): Promise<number> {
  const deadline = performance.now() + deadlineMs;
  for (;;) {
    if (signal?.aborted) throw new Error(`${url}: polling stopped`);
    let last: string;
    try {
      const answer = await getOnce(url, Math.max(1, deadline - performance.now()));
      if (wanted(answer)) return performance.now();
      last = `${answer.status} ${answer.body.slice(0, 200)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (performance.now() > deadline)
      throw new Error(`${url}: not the expected answer within ${deadlineMs} ms (last: ${last})`);
    await sleep(intervalMs);
  }
}
