import { join, resolve } from 'node:path';

/** The toolkit's own folder (tools/sam-local). */
export const TOOLKIT_DIR = resolve(__dirname, '..', '..');
export const SAM_LOCAL_BIN = join(TOOLKIT_DIR, 'bin', 'sam-local.cjs');

/** Routes of every shape and functions that misbehave on purpose. */
export const ROUTES_TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'routes-api', 'template.yaml');
/** A starter-like greeting API: stage dev, CORS and gateway responses, one well-behaved function. */
export const HELLO_DIR = join(TOOLKIT_DIR, 'test', 'fixtures', 'hello-api');
export const HELLO_TEMPLATE = join(HELLO_DIR, 'template.yaml');
/** One function that reports the size of the body it received, with a generous Timeout. */
export const BODY_SIZE_TEMPLATE = join(TOOLKIT_DIR, 'test', 'fixtures', 'body-size-api', 'template.yaml');
