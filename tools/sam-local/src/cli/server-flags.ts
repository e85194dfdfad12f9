// The flags start-api and start-lambda share, and the checks of their numeric values.
export const SERVER_FLAGS = {
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'allowed-hosts': { type: 'string' },
  template: { type: 'string', short: 't' },
  'env-vars': { type: 'string', short: 'n' },
  'parameter-overrides': { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'max-environments': { type: 'string' },
  'no-watch': { type: 'boolean' },
  'json-logs': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A TCP port from 0 (any free one) to 65535, or an error naming the flag. */
export function portFrom(text: string, flag: string, usage: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid ${flag} "${text}"\n${usage}`);
  return port;
}

/** --max-environments: a whole number from 1 (default 1). */
export function environmentsFrom(text: string | undefined, usage: string): number {
  const environments = Number(text ?? '1');
  if (!Number.isInteger(environments) || environments < 1) {
    throw new Error(`Invalid --max-environments "${text}": a whole number from 1\n${usage}`);
  }
  return environments;
}

/** The address to listen on: the flag, else the environment's HOST; empty counts as unset (HOST= in a shell). */
export function listenHostFrom(flag: string | undefined, env: string | undefined): string {
  return flag || env || '127.0.0.1';
}

/** What the usage texts say about --host and --allowed-hosts. */
export const HOST_USAGE = `--host: the address to listen on (default 127.0.0.1; anything else is reachable from the network, and a
warning says so). Requests must name localhost, a loopback address or that address in their Host header;
--allowed-hosts a.test,.b.test allows more names (a leading dot: the domain and its subdomains; all: any).`;
