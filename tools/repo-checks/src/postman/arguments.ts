/** What `npm run test:postman -- ...` was asked to do. */
export type Invocation =
  | { kind: 'help' }
  | { kind: 'run'; baseUrl: string | undefined; envVars: Array<{ key: string; value: string }> }
  | { kind: 'error'; message: string };

export const USAGE = `Usage: npm run test:postman [-- [--base-url URL] [--env-var KEY=VALUE]...]

Runs postman/sam-hello-api.postman_collection.json with newman.
  (no --base-url)      starts the local API (npm start) on a free port, runs against it, stops it
  --base-url URL       runs against a running API instead, e.g. a deployed stack's HelloApiUrl output
                       (with or without the trailing /hello), using the deployed environment
  --env-var KEY=VALUE  sets an environment variable of the run, e.g. allowedOrigin=https://app.example.com
                       for a stack deployed with that AllowedOrigin

Exit codes: 0 every assertion passed; 1 a request, script or assertion failed, or the local API did not
start; 2 bad arguments.`;

/** Parses the arguments after `--`. Never throws: a mistake is an `error` with a message for the user. */
export function parseArguments(args: string[]): Invocation {
  let baseUrl: string | undefined;
  const envVars: Array<{ key: string; value: string }> = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const [flag, inline] = splitFlag(arg);
    if (flag !== '--base-url' && flag !== '--env-var') return { kind: 'error', message: `Unknown argument ${arg}` };
    const value = inline ?? args[++i];
    if (value === undefined) return { kind: 'error', message: `${flag} needs a value` };
    if (flag === '--base-url') {
      const url = normalizeBaseUrl(value);
      if (url === undefined) {
        return { kind: 'error', message: `--base-url must be an http(s) URL, got ${JSON.stringify(value)}` };
      }
      baseUrl = url;
    } else {
      const equals = value.indexOf('=');
      if (equals < 1) return { kind: 'error', message: `--env-var takes KEY=VALUE, got ${JSON.stringify(value)}` };
      envVars.push({ key: value.slice(0, equals), value: value.slice(equals + 1) });
    }
  }
  return { kind: 'run', baseUrl, envVars };
}

/**
 * The collection's baseUrl from what a user pastes: the stage URL, or the HelloApiUrl output itself (ending
 * in /hello). No trailing slash, since the requests add `/hello`.
 */
export function normalizeBaseUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  url.search = '';
  url.hash = '';
  const path = url.pathname.replace(/\/+$/, '').replace(/\/hello$/, '');
  return `${url.origin}${path}`;
}

function splitFlag(arg: string): [string, string | undefined] {
  const equals = arg.indexOf('=');
  return arg.startsWith('--') && equals > 0 ? [arg.slice(0, equals), arg.slice(equals + 1)] : [arg, undefined];
}
