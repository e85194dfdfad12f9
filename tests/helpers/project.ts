import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';

export const ROOT = resolve(__dirname, '..', '..');
export const EVENTS_DIR = join(ROOT, 'events');
export const TEMPLATE_PATH = join(ROOT, 'template.yaml');

export function eventFiles(): string[] {
  return readdirSync(EVENTS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort();
}

export function loadEvent(file: string): APIGatewayProxyEvent {
  return JSON.parse(readFileSync(join(EVENTS_DIR, file), 'utf8')) as APIGatewayProxyEvent;
}
