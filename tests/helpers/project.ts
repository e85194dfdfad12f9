import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { loadTemplate, routesFromTemplate } from 'sam-local-node';

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

/** The events/ files whose route (resource and method) the template gives to this function. */
export function eventFilesFor(functionId: string): string[] {
  const routes = routesFromTemplate(loadTemplate(TEMPLATE_PATH)).filter((route) => route.functionId === functionId);
  return eventFiles().filter((file) => {
    const { resource, httpMethod } = loadEvent(file);
    return routes.some((r) => r.resourcePath === resource && (r.method === 'ANY' || r.method === httpMethod));
  });
}
