import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

interface DocumentedResponse {
  content?: Record<string, { schema?: { title?: string } }>;
}

type Operations = Record<string, { responses: Record<string, DocumentedResponse> }>;

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
      expect(responses[status]!.content!['application/json']!.schema?.title).toBe('ErrorResponse');
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
          // /ready answers 503 with its own readiness report; every other failure is the error body.
          if (path !== '/ready') expect(response.content!['application/json']!.schema?.title, `${method} ${path} ${status}`).toBe('ErrorResponse');
        }
      }
    }
    const download = paths['/query/{id}/rows.csv']!.get!.responses;
    expect(Object.keys(download['200']!.content!)).toEqual(['text/csv']);
    expect(Object.keys(download)).toEqual(expect.arrayContaining(['400', '401', '404', '422', '429', '502', '503', '504']));
    expect(Object.keys(paths['/query/stream']!.post!.responses['200']!.content!)).toEqual(['text/event-stream']);
  });
});
