import { join } from 'node:path';

/** The starter's root (this workspace is tools/repo-checks), where template.yaml, docs/ and postman/ are. */
export const ROOT = join(__dirname, '..', '..', '..');
