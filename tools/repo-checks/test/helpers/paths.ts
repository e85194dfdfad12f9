import { join } from 'node:path';

/** This workspace's scripts (npm run test:postman, test:deployed, check:recipes, audit:runtime run them). */
export const SRC = join(__dirname, '..', '..', 'src');
