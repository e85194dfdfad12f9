import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { lambdaEnvironment } from '../../scripts/lib/environment';
import { findFunction, type FunctionSpec } from '../../scripts/lib/functions';
import { loadTemplate, type LoadedTemplate } from '../../scripts/lib/template';

export const ROOT = resolve(__dirname, '..', '..');
export const EVENTS_DIR = join(ROOT, 'events');

export function projectTemplate(): LoadedTemplate {
  return loadTemplate(join(ROOT, 'template.yaml'));
}

export function helloFunction(): FunctionSpec {
  return findFunction(projectTemplate(), 'HelloWorldFunction');
}

/** The environment Lambda would give HelloWorldFunction, from template.yaml. */
export function helloEnvironment(): Record<string, string> {
  const loaded = projectTemplate();
  return lambdaEnvironment(loaded.template, findFunction(loaded, 'HelloWorldFunction'));
}

export function eventFiles(): string[] {
  return readdirSync(EVENTS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort();
}

export function loadEvent(file: string): APIGatewayProxyEvent {
  return JSON.parse(readFileSync(join(EVENTS_DIR, file), 'utf8')) as APIGatewayProxyEvent;
}
