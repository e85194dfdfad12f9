import { join } from 'node:path';

import { ROOT } from '../root';

export { ROOT };

const POSTMAN_DIR = join(ROOT, 'postman');
export const COLLECTION_FILE = join(POSTMAN_DIR, 'sam-hello-api.postman_collection.json');
export const LOCAL_ENVIRONMENT_FILE = join(POSTMAN_DIR, 'local.postman_environment.json');
export const DEPLOYED_ENVIRONMENT_FILE = join(POSTMAN_DIR, 'deployed.postman_environment.json');
