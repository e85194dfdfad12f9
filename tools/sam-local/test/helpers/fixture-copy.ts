import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOOLKIT_DIR } from './paths';

export interface FixtureCopy {
  dir: string;
  template: string;
  remove: () => void;
}

/**
 * A private copy of a fixture folder (template and sources), so a command that builds into `.aws-sam/` beside
 * the template never shares its build output with another test's process.
 */
export function copyFixture(name: 'hello-api' | 'routes-api' | 'misbehaving-api'): FixtureCopy {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  cpSync(join(TOOLKIT_DIR, 'test', 'fixtures', name), dir, {
    recursive: true,
    filter: (source) => !source.includes('.aws-sam'),
  });
  return { dir, template: join(dir, 'template.yaml'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A loopback port that was free a moment ago (for a child process to listen on). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
