// The Node inspector for function workers: `--inspect[=[host:]port]` and `--inspect-brk[=…]`, read the way
// Node reads its own flags, and one port per function so each can be attached to on its own.

export interface InspectorOptions {
  host: string;
  /** The first function's port; the next functions (template order) get the ports after it. */
  port: number;
  /** Pause before the worker runs anything, until a debugger attaches (Node's --inspect-brk). */
  breakOnStart: boolean;
}

/** Node's defaults for a bare --inspect. */
export const DEFAULT_INSPECTOR = { host: '127.0.0.1', port: 9229 } as const;

/**
 * Reads the value of `--inspect=` / `--inspect-brk=`: empty (Node's default 127.0.0.1:9229), `PORT` or
 * `HOST:PORT`. Throws a message naming the flag for anything else.
 */
export function parseInspectorValue(value: string, breakOnStart: boolean): InspectorOptions {
  const flag = breakOnStart ? '--inspect-brk' : '--inspect';
  if (value === '') return { ...DEFAULT_INSPECTOR, breakOnStart };
  const at = value.lastIndexOf(':');
  const host = at < 0 ? DEFAULT_INSPECTOR.host : value.slice(0, at).replace(/^\[(.*)\]$/, '$1');
  const portText = at < 0 ? value : value.slice(at + 1);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535 || host === '') {
    throw new Error(`Invalid ${flag}=${value}: use ${flag}, ${flag}=PORT or ${flag}=HOST:PORT (port 1-65535)`);
  }
  return { host, port, breakOnStart };
}

/**
 * Finds `--inspect[=…]` / `--inspect-brk[=…]` in a command line and takes it out (util.parseArgs cannot read
 * a flag whose value is optional). Returns the remaining arguments and the inspector settings, if any.
 */
export function takeInspectorFlag(args: string[]): { rest: string[]; inspector?: InspectorOptions } {
  let inspector: InspectorOptions | undefined;
  const rest: string[] = [];
  for (const arg of args) {
    const match = /^--inspect(-brk)?(?:=(.*))?$/.exec(arg);
    if (!match) {
      rest.push(arg);
      continue;
    }
    if (inspector) throw new Error(`${arg}: give --inspect or --inspect-brk once`);
    inspector = parseInspectorValue(match[2] ?? '', match[1] !== undefined);
  }
  return inspector ? { rest, inspector } : { rest };
}

/** The Node flag that starts one worker's inspector, on the port for the function at `index`. */
export function inspectorFlag(options: InspectorOptions, index: number): string {
  return `--inspect${options.breakOnStart ? '-brk' : ''}=${hostPort(options.host, options.port + index)}`;
}

/** The line that tells a developer where to attach. */
export function attachLine(functionId: string, options: InspectorOptions, index: number): string {
  const address = hostPort(options.host, options.port + index);
  const waits = options.breakOnStart ? ' (waits for the debugger before running)' : '';
  return `Debugger for ${functionId} on ${address}${waits}: attach with VS Code ("Attach to sam-local" in .vscode/launch.json, port ${options.port + index}) or chrome://inspect (Configure… → ${address})`;
}

function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
