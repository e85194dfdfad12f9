import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../../../tests/helpers/project';

export const POSTMAN_DIR = join(ROOT, 'postman');

/** The parts of a Postman collection (v2.1) these tests read. */
export interface PostmanItem {
  name: string;
  request: {
    method: string;
    header?: Array<{ key: string; value: string }>;
    url: { raw: string; host: string[]; path: string[]; query?: Array<{ key: string; value: string }> };
  };
  event?: Array<{ listen: string; script: { exec: string[] } }>;
  /** Saved example responses. */
  response?: Array<{ name: string; code: number; header?: Array<{ key: string; value: string }>; body: string }>;
}
export interface PostmanCollection {
  info: { name: string; schema: string };
  item: PostmanItem[];
}
export interface PostmanEnvironment {
  name: string;
  values: Array<{ key: string; value: string; enabled: boolean }>;
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(POSTMAN_DIR, file), 'utf8')) as T;
}

export const readCollection = (): PostmanCollection => readJson('sam-hello-api.postman_collection.json');
export const readEnvironment = (which: 'local' | 'deployed'): PostmanEnvironment =>
  readJson(`${which}.postman_environment.json`);

export function environmentValue(environment: PostmanEnvironment, key: string): string | undefined {
  return environment.values.find((variable) => variable.key === key && variable.enabled)?.value;
}

/** The request's test script as one text. */
export function testScript(item: PostmanItem): string {
  return (item.event ?? [])
    .filter((event) => event.listen === 'test')
    .flatMap((event) => event.script.exec)
    .join('\n');
}

/** The statuses a request's tests assert with pm.response.to.have.status(N). */
export function assertedStatuses(item: PostmanItem): number[] {
  return [...testScript(item).matchAll(/pm\.response\.to\.have\.status\((\d{3})\)/g)].map((match) => Number(match[1]));
}

/** The message a request's tests expect, from pm.expect(pm.response.json().message).to.eql("…"). */
export function assertedMessage(item: PostmanItem): string | undefined {
  const match = /pm\.response\.json\(\)\.message\)\.to\.eql\(("(?:[^"\\]|\\.)*")\)/.exec(testScript(item));
  return match?.[1] === undefined ? undefined : (JSON.parse(match[1]) as string);
}

/**
 * The name a greeting's test looks for, from pm.expect(pm.response.json().message).to.be.a('string').and.include("…"):
 * a greeting is checked by the name in it, not by its words (tests/greeting.test.ts alone pins those).
 */
export function assertedGreetingName(item: PostmanItem): string | undefined {
  const match = /pm\.response\.json\(\)\.message\)\.to\.be\.a\('string'\)\.and\.include\(("(?:[^"\\]|\\.)*")\)/.exec(
    testScript(item),
  );
  return match?.[1] === undefined ? undefined : (JSON.parse(match[1]) as string);
}

/** The name a request sends in its query (World, the function's default, when it sends none). */
export function greetedName(item: PostmanItem): string {
  return item.request.url.query?.find((parameter) => parameter.key === 'name')?.value ?? 'World';
}

/** The number of pm.test assertions in the collection: what newman counts as assertions in one run. */
export function assertionCount(collection: PostmanCollection): number {
  return collection.item.reduce((sum, item) => sum + [...testScript(item).matchAll(/\bpm\.test\(/g)].length, 0);
}

/** "METHOD /path" of a request whose URL is {{baseUrl}}/path. */
export function requestRoute(item: PostmanItem): string {
  return `${item.request.method.toUpperCase()} /${item.request.url.path.join('/')}`;
}
