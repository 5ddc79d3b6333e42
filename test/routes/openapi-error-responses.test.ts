import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { Check } from 'typebox/value';
import { QueryResponseSchema } from '../../src/schemas/query-schema.js';
import { apiKeyFor, promptAwareModel } from '../ops/ops-test-support.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

interface DocumentedResponse {
  content?: Record<string, { schema?: { $ref?: string; anyOf?: { $ref?: string }[] } }>;
}

/** The reference the shared error body is documented by. */
const errorResponseRef = '#/components/schemas/ErrorResponse';

/** One documented operation: its responses and, when it overrides the global one, its security. */
interface DocumentedOperation {
  /** Responses by status code. */
  responses: Record<string, DocumentedResponse>;
  /** Security requirements; absent means the document's global ones (an API key). */
  security?: Record<string, string[]>[];
}

type Operations = Record<string, DocumentedOperation>;

/** Every documented operation as an injectable request that passes body validation. */
function documentedRequests(paths: Record<string, Operations>) {
  return Object.entries(paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      label: `${method} ${path}`,
      operation,
      method: method.toUpperCase() as 'GET' | 'POST',
      url: path.replace('{id}', 'unknown-id'),
      ...(method === 'post' ? { payload: path.startsWith('/admin') ? {} : { question: 'How many sales?' } } : {}),
    })),
  );
}

describe('error responses in the generated OpenAPI document', () => {
  let app: FastifyInstance;
  let paths: Record<string, Operations>;

  beforeAll(async () => {
    app = await buildTestApp({ languageModel: new ScriptedLanguageModel([]), environment: { SWITCHYARD_ADMIN_TOKEN: 'admin-secret' } });
    paths = (await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths;
  });
  afterAll(async () => app?.close());

  const postRoutes = ['/query', '/query/stream', '/admin/catalog/refresh'];

  it('lists every route that takes a body', () => {
    const documented = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).filter((method) => method !== 'get').map((method) => `${method} ${path}`));
    expect(documented.sort()).toEqual(postRoutes.map((path) => `post ${path}`).sort());
  });

  it.each(postRoutes)('POST %s declares 413 and 415 with the shared error schema', (path) => {
    const responses = paths[path]!.post!.responses;
    for (const status of ['413', '415']) {
      expect(Object.keys(responses[status]?.content ?? {}), `${path} ${status}`).toEqual(['application/json']);
      expect(responses[status]!.content!['application/json']!.schema?.$ref).toBe(errorResponseRef);
    }
  });

  it.each(postRoutes)('POST %s really answers 413 and 415 with the error body', async (path) => {
    const headers = { authorization: 'Bearer admin-secret' };
    const tooLarge = await app.inject({ method: 'POST', url: path, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify({ question: 'x'.repeat(300 * 1024) }) });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('SWY_ERR_PAYLOAD_TOO_LARGE');
    const notJson = await app.inject({ method: 'POST', url: path, headers: { ...headers, 'content-type': 'text/plain' }, payload: '{"question": "hi"}' });
    expect(notJson.statusCode).toBe(415);
    expect(notJson.json().error.code).toBe('SWY_ERR_UNSUPPORTED_MEDIA_TYPE');
  });

  it('documents every error response as JSON, also on the routes whose success is CSV or an event stream', () => {
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          if (Number(status) < 400) continue;
          expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual(['application/json']);
          // /ready answers 503 with its own readiness report, or the error body while shutting down.
          const schema = response.content!['application/json']!.schema;
          if (path === '/ready' && status === '503') expect(schema?.anyOf?.map((member) => member.$ref)).toContain(errorResponseRef);
          else expect(schema?.$ref, `${method} ${path} ${status}`).toBe(errorResponseRef);
        }
      }
    }
    const download = paths['/query/{id}/rows.csv']!.get!.responses;
    expect(Object.keys(download['200']!.content!)).toEqual(['text/csv']);
    expect(Object.keys(download)).toEqual(expect.arrayContaining(['400', '401', '404', '422', '429', '502', '503', '504']));
    expect(Object.keys(paths['/query/stream']!.post!.responses['200']!.content!)).toEqual(['text/event-stream']);
  });

  it.each(['/sources', '/catalog', '/catalog/status'])('GET %s declares 401 and 429 with the shared error schema', (path) => {
    const responses = paths[path]!.get!.responses;
    for (const status of ['401', '429']) expect(responses[status]?.content?.['application/json']?.schema?.$ref, `${path} ${status}`).toBe(errorResponseRef);
  });

  it('gives POST /admin/catalog/refresh its own admin-token security and declares 429', async () => {
    const operation = paths['/admin/catalog/refresh']!.post!;
    expect(operation.security).toEqual([{ adminToken: [] }]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '429']));
    const schemes = (await app.inject({ method: 'GET', url: '/openapi.json' })).json().components.securitySchemes;
    expect(schemes.adminToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('documents the 200 of POST /query as JSON only, so generated clients can narrow it (the stream has its own route)', () => {
    const content = paths['/query']!.post!.responses['200']!.content!;
    expect(Object.keys(content)).toEqual(['application/json']);
    expect(content['application/json']!.schema).toEqual({ $ref: '#/components/schemas/QueryResponse' });
    expect(paths['/query/stream']!.post!.responses['200']!.content!['text/event-stream']!.schema).toEqual({ $ref: '#/components/schemas/QueryEvent' });
  });
});

describe('POST /query JSON answers with the 200 documented as a content map', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp({ languageModel: promptAwareModel({ source: 'sales', tables: ['sales'] }, 'SELECT COUNT(*) AS n FROM sales', 'Many.') });
  });
  afterAll(async () => app?.close());

  it('still validate against QueryResponse and go through its serializer', async () => {
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?', source: 'sales' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Check(QueryResponseSchema, response.json())).toBe(true);

    // The serializer writes only the schema's properties: a field the schema lacks never reaches the client.
    const pipeline = app.queryPipeline as unknown as { run: (...args: unknown[]) => Promise<object> };
    const run = pipeline.run.bind(pipeline);
    pipeline.run = async (...args) => ({ ...(await run(...args)), internalOnly: 'never serialized' });
    const serialized = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales now?', source: 'sales' } });
    expect(serialized.statusCode).toBe(200);
    expect(serialized.json()).not.toHaveProperty('internalOnly');
    expect(Check(QueryResponseSchema, serialized.json())).toBe(true);
  });
});

describe('401 and 429 in the OpenAPI document match what each route really answers', () => {
  const client = apiKeyFor('openapi-test', '*');
  const keys = JSON.stringify([client.entry]);
  let paths: Record<string, Operations>;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    const app = await buildTestApp({ environment: { SWITCHYARD_API_KEYS: keys } });
    apps.push(app);
    paths = (await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths;
  });
  afterAll(async () => Promise.all(apps.map((app) => app.close())));

  it('declares 401 wherever a request without credentials gets it, and API-key security exactly where a key is checked', async () => {
    const app = await buildTestApp({ environment: { SWITCHYARD_API_KEYS: keys, SWITCHYARD_RATE_LIMIT_MAX: '0', SWITCHYARD_ADMIN_TOKEN: 'admin-secret' } });
    apps.push(app);
    for (const { label, operation, ...request } of documentedRequests(paths)) {
      const anonymous = await app.inject(request);
      if (anonymous.statusCode === 401) expect(operation.responses, label).toHaveProperty('401');
      const keyChecked = anonymous.statusCode === 401 && anonymous.json().error.code === 'SWY_ERR_UNAUTHORIZED';
      expect(operation.security === undefined, `${label} inherits the API-key security`).toBe(keyChecked);
      // An API key opens every route that checks one, and never the admin route.
      const withKey = await app.inject({ ...request, headers: { 'x-api-key': client.key } });
      expect(withKey.statusCode === 401, `${label} with an API key`).toBe(operation.security?.[0]?.adminToken !== undefined);
    }
  });

  it('declares 429 exactly where a client over its budget gets it', async () => {
    const app = await buildTestApp({ environment: { SWITCHYARD_API_KEYS: keys, SWITCHYARD_RATE_LIMIT_MAX: '1' } });
    apps.push(app);
    const headers = { 'x-api-key': client.key };
    for (const { label, operation, ...request } of documentedRequests(paths)) {
      // The second request is over any budget of one, whether counted per key or per address.
      await app.inject({ ...request, headers });
      const limited = (await app.inject({ ...request, headers })).statusCode === 429;
      expect(Object.hasOwn(operation.responses, '429'), label).toBe(limited);
    }
  });
});
