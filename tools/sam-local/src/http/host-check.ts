// Which Host a local server answers: the defence against DNS rebinding, where a web page makes its own domain
// resolve to 127.0.0.1 and then reads this server's answers as same-origin. The rule is the one of Vite's
// server.allowedHosts (CVE-2025-24010) and webpack-dev-server's host check (CVE-2018-14732): a Host that names
// the address the server listens on, `localhost` or a loopback address passes; any other name must be allowed
// by the user (--allowed-hosts). Both the local API and the Lambda Invoke API use it.
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';

export interface HostPolicy {
  /** The address the server listens on (`127.0.0.1`, `0.0.0.0`, `::`, a LAN address, a name). */
  listenHost: string;
  /**
   * More names the user allows (--allowed-hosts): `api.example.test`, `.example.test` (the domain and every
   * subdomain, as Vite reads a leading dot), or `all` (no check at all).
   */
  allowedHosts?: readonly string[];
}

/** The flag that allows more hosts, named in every refusal. */
export const ALLOWED_HOSTS_FLAG = '--allowed-hosts';

/** Whether an address (or `localhost`) is this machine's loopback: 127.0.0.0/8, ::1 or `localhost`. */
export function isLoopbackHost(host: string): boolean {
  const name = bareHost(host);
  if (name === 'localhost') return true;
  if (isIP(name) === 4) return name.startsWith('127.');
  if (isIP(name) === 6) return name === '::1' || /^::ffff:127\./.test(name);
  return false;
}

/** Whether listening on `host` reaches beyond this machine (a wildcard or any non-loopback address or name). */
export function isExposedListenHost(host: string): boolean {
  return !isLoopbackHost(host);
}

/**
 * Checks a request's Host header. Returns undefined when the server may answer it, else the refusal: the host as
 * the request named it and a message that says how to allow it.
 */
export function refusedHost(
  hostHeader: string | undefined,
  policy: HostPolicy,
): { host: string; message: string } | undefined {
  // A request without Host (HTTP/1.0) cannot have come from a browser: browsers always send one.
  if (hostHeader === undefined) return undefined;
  const allowed = policy.allowedHosts ?? [];
  if (allowed.includes('all')) return undefined;
  const name = hostName(hostHeader);
  if (name !== undefined && isAllowedName(name, policy.listenHost, allowed)) return undefined;
  const shown = name ?? hostHeader;
  return {
    host: shown,
    message:
      `Blocked request: the Host "${shown}" is not allowed. sam-local answers only requests addressed to ` +
      `localhost, a loopback address or the address it listens on, so that no web page can reach it through DNS ` +
      `rebinding. To allow this host, restart with ${ALLOWED_HOSTS_FLAG} ${name ?? '<host>'} (a comma-separated list; ` +
      `a leading dot allows the domain and its subdomains).`,
  };
}

/** Reads `--allowed-hosts a,b,.c`: names lower-cased, empty entries dropped. */
export function parseAllowedHosts(text: string | undefined): string[] {
  if (text === undefined) return [];
  return text
    .split(',')
    .map((entry) => entry.trim().toLowerCase().replace(/\.$/, ''))
    .filter((entry) => entry !== '');
}

function isAllowedName(name: string, listenHost: string, allowed: readonly string[]): boolean {
  if (isLoopbackHost(name)) return true;
  const listen = bareHost(listenHost).toLowerCase();
  if (name === listen) return true;
  // On a wildcard address the server listens on every address of the machine: each of them names it.
  if ((listen === '0.0.0.0' || listen === '::') && isIP(name) !== 0 && machineAddresses().has(name)) return true;
  return allowed.some((entry) =>
    entry.startsWith('.') ? name === entry.slice(1) || name.endsWith(entry) : name === entry,
  );
}

/** The host name of a Host header (`name`, `name:port`, `[v6]`, `[v6]:port`), lower-cased; undefined if malformed. */
function hostName(header: string): string | undefined {
  const text = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::(\d{1,5}))?$/.exec(text);
  if (bracketed) return isIP(bracketed[1]!) === 6 ? bracketed[1] : undefined;
  const plain = /^([a-z0-9._-]+)(?::(\d{1,5}))?$/.exec(text);
  return plain ? plain[1]!.replace(/\.$/, '') : undefined;
}

function bareHost(host: string): string {
  return host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
}

function machineAddresses(): Set<string> {
  const addresses = new Set<string>();
  for (const list of Object.values(networkInterfaces())) {
    for (const entry of list ?? []) addresses.add(entry.address.toLowerCase().replace(/%.*$/, ''));
  }
  return addresses;
}
