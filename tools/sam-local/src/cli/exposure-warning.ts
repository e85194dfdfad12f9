// One warning at start-up when a server listens beyond this machine (HOST=0.0.0.0, --host <LAN address>,
// --inspect=0.0.0.0): what is exposed, to whom, and how to keep it local.
import { isExposedListenHost } from '../http/host-check';
import type { InspectorOptions } from '../lambda/inspector';

export interface Listeners {
  /** The local API (start-api). */
  api?: { host: string; port: number };
  /** Lambda's Invoke API (start-lambda, start-api --lambda-port). */
  invoke?: { host: string; port: number };
  /** The functions' Node inspector (--inspect). */
  inspector?: InspectorOptions;
}

/** The warning, or undefined when everything listens on loopback only. */
export function exposureWarning({ api, invoke, inspector }: Listeners): string | undefined {
  const exposed: string[] = [];
  const fixes: string[] = [];
  if (api && isExposedListenHost(api.host)) {
    exposed.push(`the local API (${hostPort(api.host, api.port)})`);
  }
  if (invoke && isExposedListenHost(invoke.host)) {
    exposed.push(
      `the Lambda Invoke API (${hostPort(invoke.host, invoke.port)}), which runs any function of the template`,
    );
  }
  if (exposed.length > 0) fixes.push('--host 127.0.0.1 (and HOST unset)');
  if (inspector && isExposedListenHost(inspector.host)) {
    exposed.push(
      `the functions' Node debugger (${hostPort(inspector.host, inspector.port)} and up), through which anyone ` +
        `connecting can run any code as you`,
    );
    fixes.push(`--inspect=127.0.0.1:${inspector.port}`);
  }
  if (exposed.length === 0) return undefined;
  return (
    `Warning: ${list(exposed)} ${exposed.length === 1 ? 'listens' : 'listen'} beyond this machine: anyone who can ` +
    `reach it over the network can call ${exposed.length === 1 ? 'it' : 'them'}, and the functions run with your ` +
    `AWS credentials. To keep ${exposed.length === 1 ? 'it' : 'them'} on this machine use ${fixes.join(' and ')}.`
  );
}

function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}
