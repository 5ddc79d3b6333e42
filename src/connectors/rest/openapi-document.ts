import fs from 'node:fs/promises';
import { parse } from 'yaml';
import { SwitchyardError } from '../../errors/switchyard-error.js';

/** The JSON Schema subset OpenAPI uses for parameters and responses (what we read of it). */
export interface OpenApiSchema {
  /** JSON type, or a list of types (OpenAPI 3.1 writes `[string, "null"]`). */
  readonly type?: string | string[];
  /** Allowed values. */
  readonly enum?: unknown[];
  /** Inclusive lower bound of a number. */
  readonly minimum?: number;
  /** Inclusive upper bound of a number. */
  readonly maximum?: number;
  /** Exclusive lower bound (OpenAPI 3.1 number form). */
  readonly exclusiveMinimum?: number | boolean;
  /** Exclusive upper bound (OpenAPI 3.1 number form). */
  readonly exclusiveMaximum?: number | boolean;
  /** Shortest string. */
  readonly minLength?: number;
  /** Longest string. */
  readonly maxLength?: number;
  /** Regular expression a string must match. */
  readonly pattern?: string;
  /** Format hint, e.g. `date`, `date-time`. */
  readonly format?: string;
  /** Element schema of an array. */
  readonly items?: OpenApiSchema;
  /** Fewest array elements. */
  readonly minItems?: number;
  /** Most array elements. */
  readonly maxItems?: number;
  /** Properties of an object. */
  readonly properties?: Record<string, OpenApiSchema>;
  /** Required property names of an object. */
  readonly required?: string[];
  /** OpenAPI 3.0 nullability. */
  readonly nullable?: boolean;
  /** Value used when the parameter is omitted. */
  readonly default?: unknown;
  /** What the value means. */
  readonly description?: string;
  /** An example value. */
  readonly example?: unknown;
}

/** A path or query parameter of a GET operation. */
export interface OpenApiParameter {
  /** Parameter name. */
  readonly name: string;
  /** Where it goes; header and cookie parameters are never offered to the model. */
  readonly in: 'path' | 'query';
  /** Whether the request needs it (path parameters always do). */
  readonly required: boolean;
  /** What it means. */
  readonly description?: string;
  /** Its schema. */
  readonly schema: OpenApiSchema;
}

/** One GET operation offered to the model. */
export interface OpenApiGetOperation {
  /** operationId, or a name derived from the path when the document gives none. */
  readonly operationId: string;
  /** Path template, e.g. `/products/{productId}`. */
  readonly path: string;
  /** One-line summary. */
  readonly summary?: string;
  /** Longer description. */
  readonly description?: string;
  /** Path and query parameters. */
  readonly parameters: OpenApiParameter[];
  /** Schema of the JSON body of the success response. */
  readonly responseSchema?: OpenApiSchema;
  /** Example bodies of the success response. */
  readonly responseExamples: unknown[];
}

/** What the connector needs from an OpenAPI 3 document. */
export interface OpenApiDocument {
  /** `info.title`. */
  readonly title: string;
  /** Absolute server URLs from `servers`. */
  readonly servers: string[];
  /** GET operations only; every other method is left out. */
  readonly operations: OpenApiGetOperation[];
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Replaces local `$ref`s (`#/components/...`) with their targets; a cycle stops at `maxDepth`. */
function dereference(root: JsonObject, value: unknown, depth = 0): unknown {
  if (depth > 32) return {};
  if (Array.isArray(value)) return value.map((item) => dereference(root, item, depth + 1));
  if (!isObject(value)) return value;
  const reference = value.$ref;
  if (typeof reference === 'string') {
    if (!reference.startsWith('#/')) throw new Error(`only local $ref values are supported, found "${reference}"`);
    let target: unknown = root;
    for (const segment of reference.slice(2).split('/')) {
      const key = segment.replaceAll('~1', '/').replaceAll('~0', '~');
      target = isObject(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new Error(`$ref "${reference}" points nowhere`);
    return dereference(root, target, depth + 1);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, dereference(root, item, depth + 1)]));
}

function successResponse(responses: unknown): JsonObject | undefined {
  if (!isObject(responses)) return undefined;
  const key = ['200', '2XX', '2xx', 'default'].find((candidate) => isObject(responses[candidate]));
  return key === undefined ? undefined : (responses[key] as JsonObject);
}

function jsonContent(response: JsonObject | undefined): JsonObject | undefined {
  const content = response?.content;
  if (!isObject(content)) return undefined;
  const key = Object.keys(content).find((type) => /json/i.test(type));
  return key === undefined || !isObject(content[key]) ? undefined : (content[key] as JsonObject);
}

function responseExamples(media: JsonObject | undefined): unknown[] {
  if (media === undefined) return [];
  if (media.example !== undefined) return [media.example];
  if (isObject(media.examples)) {
    return Object.values(media.examples).flatMap((example) => (isObject(example) && example.value !== undefined ? [example.value] : []));
  }
  const schema = media.schema;
  return isObject(schema) && schema.example !== undefined ? [schema.example] : [];
}

function derivedOperationId(pathTemplate: string): string {
  const words = pathTemplate.split('/').filter(Boolean).map((segment) => segment.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+/g, '_'));
  return ['get', ...words].join('_');
}

function readParameters(pathItem: JsonObject, operation: JsonObject): OpenApiParameter[] {
  const byKey = new Map<string, OpenApiParameter>();
  // Operation-level parameters override path-level ones with the same name and location.
  for (const raw of [...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []), ...(Array.isArray(operation.parameters) ? operation.parameters : [])]) {
    if (!isObject(raw) || typeof raw.name !== 'string' || (raw.in !== 'path' && raw.in !== 'query')) continue;
    byKey.set(`${raw.in}:${raw.name}`, {
      name: raw.name,
      in: raw.in,
      required: raw.in === 'path' || raw.required === true,
      ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
      schema: isObject(raw.schema) ? (raw.schema as OpenApiSchema) : { type: 'string' },
    });
  }
  return [...byKey.values()];
}

/** Reads the GET operations, servers and title of a parsed OpenAPI 3 document. */
export function readOpenApiDocument(parsed: unknown, location: string): OpenApiDocument {
  if (!isObject(parsed) || typeof parsed.openapi !== 'string' || !parsed.openapi.startsWith('3.')) {
    throw new Error(`${location} is not an OpenAPI 3 document (no "openapi: 3.x" field)`);
  }
  const root = dereference(parsed, parsed) as JsonObject;
  const paths = isObject(root.paths) ? root.paths : {};
  const operations: OpenApiGetOperation[] = [];
  for (const [pathTemplate, pathItem] of Object.entries(paths)) {
    if (!isObject(pathItem) || !isObject(pathItem.get)) continue;
    const operation = pathItem.get;
    const media = jsonContent(successResponse(operation.responses));
    operations.push({
      operationId: typeof operation.operationId === 'string' ? operation.operationId : derivedOperationId(pathTemplate),
      path: pathTemplate,
      ...(typeof operation.summary === 'string' ? { summary: operation.summary } : {}),
      ...(typeof operation.description === 'string' ? { description: operation.description } : {}),
      parameters: readParameters(pathItem, operation),
      ...(isObject(media?.schema) ? { responseSchema: media.schema as OpenApiSchema } : {}),
      responseExamples: responseExamples(media),
    });
  }
  const servers = (Array.isArray(root.servers) ? root.servers : [])
    .map((server) => (isObject(server) && typeof server.url === 'string' ? server.url : ''))
    .filter((url) => /^https?:\/\//i.test(url));
  const info = isObject(root.info) ? root.info : {};
  return { title: typeof info.title === 'string' ? info.title : location, servers, operations };
}

/**
 * Loads an OpenAPI document from an http(s) URL or a file (YAML or JSON). A file that is missing
 * or malformed is a configuration error; a URL that does not answer makes the source unavailable.
 */
export async function loadOpenApiDocument(location: string, sourceName: string, timeoutMs: number): Promise<OpenApiDocument> {
  let text: string;
  if (/^https?:\/\//i.test(location)) {
    try {
      const response = await fetch(location, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json, application/yaml' } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      text = await response.text();
    } catch (error) {
      throw new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', `Source "${sourceName}": the OpenAPI document could not be fetched (${(error as Error).message})`, {
        details: { source: sourceName },
        cause: error,
      });
    }
  } else {
    try {
      text = await fs.readFile(location, 'utf8');
    } catch (error) {
      throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Source "${sourceName}": cannot read the OpenAPI document ${location}`, {
        details: { source: sourceName, file: location },
        cause: error,
      });
    }
  }
  try {
    return readOpenApiDocument(parse(text) as unknown, location);
  } catch (error) {
    throw new SwitchyardError('SWY_ERR_CONFIG_INVALID', `Source "${sourceName}": ${(error as Error).message}`, {
      details: { source: sourceName, document: location },
      cause: error,
    });
  }
}
