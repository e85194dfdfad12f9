import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** What a stand-in command prints and how it exits. `log` is set when it is installed. */
export interface FakeCli {
  stdout?: string;
  stderr?: string;
  exitCode?: number;
  log?: string;
}

// The folders made so far, removed by removeFakeClis (each suite's afterAll): they are not left in the temp folder.
const made: string[] = [];

/**
 * A PATH holding only Node and the given stand-in commands (e.g. `sam`, `aws`): each appends its arguments as one
 * JSON line to its log, prints what it was given and exits with its code.
 */
export function fakeCliPath(clis: Record<string, FakeCli>): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-cli-'));
  made.push(dir);
  for (const [name, cli] of Object.entries(clis)) {
    cli.log = join(dir, `${name}.log`);
    const script = join(dir, name);
    writeFileSync(
      script,
      `#!/usr/bin/env node
require('node:fs').appendFileSync(${JSON.stringify(cli.log)}, JSON.stringify(process.argv.slice(2)) + '\\n');
process.stdout.write(${JSON.stringify(cli.stdout ?? '')});
process.stderr.write(${JSON.stringify(cli.stderr ?? '')});
process.exitCode = ${cli.exitCode ?? 0};
`,
    );
    chmodSync(script, 0o755);
  }
  return `${dir}:${dirname(process.execPath)}`;
}

/** The argument lists a stand-in was called with. */
export function calls(cli: FakeCli): string[][] {
  if (!cli.log || !existsSync(cli.log)) return [];
  return readFileSync(cli.log, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as string[]);
}

/** Removes every stand-in folder fakeCliPath made. */
export function removeFakeClis(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
