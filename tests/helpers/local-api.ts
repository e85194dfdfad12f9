import { join } from 'node:path';
import { startTestApi, type LocalApiOptions, type TestApi } from 'sam-local-node';
import { ROOT } from './project';

export type RunningApi = TestApi;

/** The local API on template.yaml, on an ephemeral loopback port, building into a private temporary directory. */
export function startProjectApi(options: LocalApiOptions = {}): Promise<RunningApi> {
  return startTestApi({ templatePath: join(ROOT, 'template.yaml'), ...options });
}
