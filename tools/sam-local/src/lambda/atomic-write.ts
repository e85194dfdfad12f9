import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Writes each file beside its destination under a name of its own, then renames it into place. A rename is atomic,
 * so a process that loads the file (a worker requiring the handler) sees the old file or the new one, never half of
 * one, however many processes build the same function into the same folder at once.
 */
export function writeFilesAtomically(files: ReadonlyArray<{ path: string; contents: Uint8Array }>): void {
  for (const { path, contents } of files) {
    mkdirSync(dirname(path), { recursive: true });
    const scratch = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    writeFileSync(scratch, contents);
    renameSync(scratch, path);
  }
}
