// Requests in a closed loop: `connections` clients, each sending its next GET as soon as its last one is answered
// (autocannon, in this process), for a slice of time. Every response's own time is kept (autocannon's histogram
// rounds to whole milliseconds), so slices of one cell pool into one distribution.
import autocannon from 'autocannon';

export interface Slice {
  latenciesMs: number[];
  requests: number;
  seconds: number;
  /** Connection errors, timeouts and answers other than 2xx. */
  errors: number;
}

export function loadSlice(url: string, connections: number, seconds: number): Promise<Slice> {
  const latenciesMs: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, timeout: 10 }, (error, result) => {
      if (error) return reject(error);
      if (latenciesMs.length === 0) return reject(new Error(`no answers from ${url}`));
      resolve({
        latenciesMs,
        requests: result.requests.total,
        seconds,
        errors: result.errors + result.timeouts + result.non2xx,
      });
    });
    instance.on('response', (_client, _status, _bytes, ms) => latenciesMs.push(ms));
  });
}
