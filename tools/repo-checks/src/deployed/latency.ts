/**
 * Cold versus warm, measured from outside: the time of a first GET and of N more after it, one at a time, so
 * that on a quiet stack the first is served by a new execution environment (a cold start) and the rest by the
 * environment it left warm. Read-only: it only sends GET (and one OPTIONS) to the URL; it changes nothing.
 */

export const DEFAULT_LATENCY_REQUESTS = 20;
const MAX_LATENCY_REQUESTS = 1000;
// As for the checks: a cold start behind API Gateway takes about a second, ten leave room for a slow network.
const REQUEST_TIMEOUT_MS = 10_000;

export interface LatencyReport {
  /** Milliseconds of the first GET, then of each later one; fewer than asked when a request failed. */
  first?: number;
  after: number[];
  /** Why measuring stopped early. */
  error?: string;
}

/** LATENCY_REQUESTS: how many GETs after the first (default 20, 0 turns the report off). */
export function latencyRequests(env: NodeJS.ProcessEnv): number | { error: string } {
  const text = env.LATENCY_REQUESTS?.trim();
  if (text === undefined || text === '') return DEFAULT_LATENCY_REQUESTS;
  const count = Number(text);
  if (!/^\d+$/.test(text) || count > MAX_LATENCY_REQUESTS) {
    return {
      error: `LATENCY_REQUESTS must be a whole number from 0 to ${MAX_LATENCY_REQUESTS}, not ${JSON.stringify(text)}`,
    };
  }
  return count;
}

/**
 * Sends an OPTIONS first, which API Gateway answers itself (the CORS preflight, a mock integration), so the
 * connection (DNS, TCP, TLS) is open before the first GET is timed; then 1 + count GETs, one after another.
 * A request that fails or answers other than 2xx ends the measurement: its time says nothing about the function.
 */
export async function measureLatency(url: URL, count: number): Promise<LatencyReport> {
  const report: LatencyReport = { after: [] };
  try {
    await (await fetch(url, { method: 'OPTIONS', signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).arrayBuffer();
  } catch {
    // Only there to open the connection; a failure shows again, with its reason, on the first GET.
  }
  for (let i = 0; i <= count; i++) {
    const started = performance.now();
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await response.arrayBuffer();
      if (response.status < 200 || response.status > 299) {
        report.error = `request ${i + 1} answered ${response.status}`;
        return report;
      }
    } catch (error) {
      report.error = `request ${i + 1} failed: ${reasonOf(error)}`;
      return report;
    }
    const elapsed = performance.now() - started;
    if (i === 0) report.first = elapsed;
    else report.after.push(elapsed);
  }
  return report;
}

/** The nearest-rank percentile (the smallest value with at least q of the values at or below it). */
export function percentile(values: number[], q: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

export function formatLatency(report: LatencyReport): string[] {
  const ms = (value: number | undefined) => (value === undefined ? '-' : `${Math.round(value)} ms`);
  const lines: string[] = [];
  if (report.first !== undefined) {
    const p50 = percentile(report.after, 0.5);
    lines.push(
      `Latency: first ${ms(report.first)}; then ${report.after.length} more: p50 ${ms(p50)}, p99 ${ms(percentile(report.after, 0.99))}`,
    );
    if (p50 !== undefined && report.first > 3 * p50) {
      lines.push('  The first took over 3x the median: most likely a cold start (see docs/operate.md).');
    }
  }
  if (report.error) lines.push(`Latency: stopped, ${report.error}`);
  return lines;
}

/** fetch's message and the socket error it wraps (ECONNREFUSED, ENOTFOUND, a timeout ...). */
function reasonOf(error: unknown): string {
  const { message, cause } = (error ?? {}) as { message?: unknown; cause?: { message?: unknown } };
  if (typeof message !== 'string') return String(error);
  return typeof cause?.message === 'string' ? `${message}: ${cause.message}` : message;
}
