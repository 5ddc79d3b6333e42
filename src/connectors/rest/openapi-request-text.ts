import type { HttpOperationShape, HttpRequestPlan } from '../connector.js';
import type { OpenApiGetOperation, OpenApiSchema } from './openapi-document.js';

/** Path (with path parameters filled in, each encoded) and query string of one GET request. */
export function renderRequestTarget(operation: Pick<HttpOperationShape, 'path' | 'parameters'>, parameters: Record<string, unknown>): string {
  const query = new URLSearchParams();
  let target = operation.path;
  for (const parameter of operation.parameters) {
    const value = parameters[parameter.name];
    if (value === undefined || value === null) continue;
    if (parameter.in === 'path') {
      // Encoded, so a value can never add a path segment, a query or another host.
      target = target.replaceAll(`{${parameter.name}}`, encodeURIComponent(Array.isArray(value) ? value.join(',') : String(value)));
    } else if (Array.isArray(value)) {
      // OpenAPI's default for query arrays is style=form, explode=true: one pair per item.
      for (const item of value) query.append(parameter.name, String(item));
    } else {
      query.append(parameter.name, String(value));
    }
  }
  const queryText = query.toString();
  return queryText === '' ? target : `${target}?${queryText}`;
}

/** The request text shown to users and stored as the response's `sql`: `GET /path?query`. */
export function renderRequestText(operation: Pick<HttpOperationShape, 'path' | 'parameters'>, parameters: Record<string, unknown>): string {
  return `GET ${renderRequestTarget(operation, parameters)}`;
}

function pathPattern(template: string): RegExp {
  const escaped = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? '([^/]+)' : part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${escaped}$`);
}

/** Turns query-string text back into the parameter's type, so the validator sees numbers as numbers. */
function typedValue(text: string, schema: OpenApiSchema): unknown {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if ((types.includes('integer') || types.includes('number')) && text.trim() !== '' && Number.isFinite(Number(text))) return Number(text);
  if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
  return text;
}

/**
 * Reads request text back into a plan for one of the document's GET operations. Undefined when the
 * text is not `GET /path…` or the path matches no GET operation, so no other method or host can pass.
 */
export function parseRequestText(text: string, operations: readonly OpenApiGetOperation[]): HttpRequestPlan | undefined {
  // A path only: `//host/...` would name another host, so it is refused like an absolute URL.
  const match = /^GET\s+(\/(?!\/)\S*)$/.exec(text.trim());
  if (match === null) return undefined;
  const url = new URL(match[1] as string, 'http://request.invalid');
  if (url.host !== 'request.invalid') return undefined;
  // Literal paths win over templated ones (`/products/featured` before `/products/{id}`).
  const ordered = [...operations].sort((left, right) => (left.path.match(/\{/g)?.length ?? 0) - (right.path.match(/\{/g)?.length ?? 0));
  for (const operation of ordered) {
    const pathMatch = pathPattern(operation.path).exec(url.pathname);
    if (pathMatch === null) continue;
    const names = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((found) => found[1] as string);
    const parameters: Record<string, unknown> = {};
    names.forEach((name, index) => {
      const schema = operation.parameters.find((parameter) => parameter.name === name)?.schema ?? {};
      parameters[name] = typedValue(decodeURIComponent(pathMatch[index + 1] as string), schema);
    });
    for (const name of new Set(url.searchParams.keys())) {
      const schema = operation.parameters.find((parameter) => parameter.name === name && parameter.in === 'query')?.schema ?? {};
      const values = url.searchParams.getAll(name);
      const isArray = schema.type === 'array' || (Array.isArray(schema.type) && schema.type.includes('array'));
      parameters[name] = isArray ? values.map((value) => typedValue(value, schema.items ?? {})) : typedValue(values[0] as string, schema);
    }
    return { operation: operation.operationId, parameters };
  }
  return undefined;
}
