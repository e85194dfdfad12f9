import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dereference } from '@readme/openapi-parser';
import Ajv, { type ValidateFunction } from 'ajv';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { parse } from 'yaml';
import { ROOT } from '../../../../tests/helpers/project';

export const OPENAPI_FILE = join(ROOT, 'openapi.yaml');

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The parts of an OpenAPI 3.0 document these tests read, after dereferencing (no $ref left). */
export interface MediaType {
  schema?: object;
  examples?: Record<string, { value?: unknown }>;
}
export interface Header {
  required?: boolean;
  schema?: object;
  example?: unknown;
}
export interface ResponseObject {
  description: string;
  headers?: Record<string, Header>;
  content?: Record<string, MediaType>;
}
export interface Operation {
  parameters?: Array<{ name: string; in: string; schema?: object }>;
  responses: Record<string, ResponseObject>;
}
export interface OpenApiDocument {
  openapi: string;
  servers: Array<{ url: string; variables?: Record<string, { default: string }> }>;
  paths: Record<string, Partial<Record<(typeof HTTP_METHODS)[number], Operation>>>;
  components: { responses: Record<string, ResponseObject>; parameters: Record<string, { schema: object }> };
}

/** openapi.yaml as written ($refs kept). */
export function readOpenApi(): OpenApiDocument {
  return parse(readFileSync(OPENAPI_FILE, 'utf8')) as OpenApiDocument;
}

/** openapi.yaml with every $ref replaced by what it points to. */
export async function dereferencedOpenApi(): Promise<OpenApiDocument> {
  return (await dereference(OPENAPI_FILE)) as unknown as OpenApiDocument;
}

/** A document in the form the parser's functions take. */
export function asParserInput(document: OpenApiDocument): Parameters<typeof dereference>[0] {
  return document as unknown as Parameters<typeof dereference>[0];
}

/** Every operation as "METHOD /path". */
export function operationKeys(document: OpenApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) =>
      HTTP_METHODS.filter((method) => item[method] !== undefined).map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

export function operation(document: OpenApiDocument, method: string, path: string): Operation | undefined {
  const item = document.paths[path];
  return item?.[method.toLowerCase() as (typeof HTTP_METHODS)[number]];
}

// One compiler for all the document's schemas. OpenAPI 3.0 schemas here use only JSON Schema keywords, so
// strict mode stays on: a keyword ajv does not know is a mistake in openapi.yaml.
const ajv = new Ajv({ allErrors: true, strict: true });
const compiled = new WeakMap<object, ValidateFunction>();

/** Problems with value against schema, as readable lines; empty when it conforms. */
export function schemaProblems(schema: object, value: unknown): string[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath || '(body)'} ${error.message ?? ''}`.trim());
}

function headerValue(headers: APIGatewayProxyResult['headers'], name: string): string | undefined {
  const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name.toLowerCase());
  return entry === undefined ? undefined : String(entry[1]);
}

/**
 * What is wrong with a proxy result as an answer of the given response: its status must be documented, its
 * required headers present, its Content-Type one of the documented media types, and its body valid JSON
 * against that media type's schema. Empty when the result keeps the contract.
 */
export function contractProblems(
  responses: Record<string, ResponseObject>,
  result: Pick<APIGatewayProxyResult, 'statusCode' | 'headers' | 'body'>,
): string[] {
  const response = responses[String(result.statusCode)];
  if (!response) return [`status ${result.statusCode} is not documented (${Object.keys(responses).join(', ')})`];
  const problems: string[] = [];
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (header.required && headerValue(result.headers, name) === undefined) problems.push(`header ${name} is missing`);
  }
  const contentType = headerValue(result.headers, 'Content-Type')?.split(';')[0]?.trim().toLowerCase();
  const media = contentType === undefined ? undefined : response.content?.[contentType];
  if (!media?.schema) {
    const documented = Object.keys(response.content ?? {}).join(', ') || 'none';
    return [...problems, `Content-Type ${String(contentType)} is not documented (${documented})`];
  }
  let body: unknown;
  try {
    body = JSON.parse(result.body);
  } catch {
    return [...problems, `body is not JSON: ${result.body.slice(0, 100)}`];
  }
  return [...problems, ...schemaProblems(media.schema, body)];
}
