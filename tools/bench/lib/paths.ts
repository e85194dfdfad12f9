import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const BENCH_DIR = join(ROOT, 'tools', 'bench');
export const RUNNER_DIR = join(BENCH_DIR, 'runner');
export const RESULTS_DIR = join(BENCH_DIR, 'results');
export const TEMPLATE_PATH = join(ROOT, 'template.yaml');
export const EVENTS_DIR = join(ROOT, 'events');
