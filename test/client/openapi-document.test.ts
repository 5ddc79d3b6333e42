import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes } from '../../src/errors/error-codes.js';
import { promptAwareModel } from '../ops/ops-test-support.js';
import { buildTestApp } from '../helpers/test-app.js';

/** The parts of the served document these tests read. */
interface OpenApiDocument {
  /** Operations by path and method. */
  paths: Record<string, Record<string, { operationId?: string; requestBody?: { content: Record<string, { schema: { $ref?: string } }> }; responses: Record<string, unknown> }>>;
  /** Named schemas. */
  components: { schemas: Record<string, Record<string, any>> };
}

/** The component a `$ref` names. */
function componentOf(document: OpenApiDocument, ref: string | undefined): Record<string, any> {
  const name = ref?.replace('#/components/schemas/', '') ?? '';
  const schema = document.components.schemas[name];
  if (schema === undefined) throw new Error(`no component ${ref}`);
  return schema;
}

describe('the served OpenAPI document', () => {
  let app: FastifyInstance;
  let document: OpenApiDocument;

  beforeAll(async () => {
    app = await buildTestApp({
      languageModel: promptAwareModel({ source: 'sales', tables: ['sales'] }, "SELECT date_trunc('month', saletime) AS month, SUM(qtysold) AS tickets FROM sales GROUP BY 1 ORDER BY 1", 'Sales by month.'),
      environment: { SWITCHYARD_MAX_QUESTION_LENGTH: '500', SWITCHYARD_MAX_ROWS_LIMIT: '50', SWITCHYARD_DEFAULT_MAX_ROWS: '20' },
    });
    document = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
  });
  afterAll(async () => app?.close());

  it('names every operation once', () => {
    const ids = Object.values(document.paths).flatMap((operations) => Object.values(operations).map((operation) => operation.operationId));
    expect(ids).not.toContain(undefined);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('states the running limits, and the service enforces exactly those', async () => {
    const request = componentOf(document, document.paths['/query']!.post!.requestBody!.content['application/json']!.schema.$ref);
    expect(request.properties.question).toMatchObject({ maxLength: 500 });
    expect(request.properties.maxRows).toMatchObject({ minimum: 1, maximum: 50 });
    const atLimit = await app.inject({ method: 'POST', url: '/query', payload: { question: 'é'.repeat(500), source: 'sales', maxRows: 50 } });
    expect(atLimit.statusCode).toBe(200);
    const overLength = await app.inject({ method: 'POST', url: '/query', payload: { question: 'é'.repeat(501) } });
    expect(overLength.statusCode).toBe(400);
    expect(overLength.json().error).toMatchObject({ code: 'SWY_ERR_QUESTION_TOO_LONG', details: { length: 501, limit: 500 } });
    const overRows = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many sales?', maxRows: 51 } });
    expect(overRows.statusCode).toBe(400);
    expect(overRows.json().error).toMatchObject({ code: 'SWY_ERR_VALIDATION', message: expect.stringContaining('50') });
  });

  it('declares the status of every failure provoked here on the route that answered it', async () => {
    const json = { 'content-type': 'application/json' };
    const cases: { method: 'GET' | 'POST'; path: string; url?: string; headers?: Record<string, string>; payload?: string }[] = [
      { method: 'POST', path: '/query', headers: json, payload: '{"question": ' },
      { method: 'POST', path: '/query', headers: json, payload: JSON.stringify({ question: 'How many sales?', source: 'nowhere' }) },
      { method: 'POST', path: '/query', headers: json, payload: JSON.stringify({ question: 'And in 2009?', conversationId: 'unknown-conversation' }) },
      { method: 'POST', path: '/query/stream', headers: json, payload: '{"question": ' },
      { method: 'POST', path: '/query/stream', headers: { 'content-type': 'text/plain' }, payload: 'How many sales?' },
      { method: 'POST', path: '/admin/catalog/refresh' },
      { method: 'POST', path: '/admin/catalog/refresh', headers: json, payload: '{' },
      { method: 'GET', path: '/query/{id}/rows.csv', url: '/query/unknown/rows.csv' },
      { method: 'GET', path: '/query/{id}/rows.csv', url: `/query/${'x'.repeat(65)}/rows.csv` },
    ];
    for (const { method, path, url, headers, payload } of cases) {
      const response = await app.inject({ method, url: url ?? path, ...(headers ? { headers } : {}), ...(payload === undefined ? {} : { payload }) });
      const declared = Object.keys(document.paths[path]![method.toLowerCase()]!.responses);
      expect(response.statusCode, `${method} ${url ?? path}`).toBeGreaterThanOrEqual(400);
      expect(declared, `${method} ${url ?? path} answered ${response.statusCode}`).toContain(String(response.statusCode));
    }
  });

  it('lists every stable error code, and no other, as the error body code', () => {
    const apiError = componentOf(document, componentOf(document, '#/components/schemas/ErrorResponse').properties.error.$ref);
    expect(componentOf(document, apiError.properties.code.$ref)).toMatchObject({ type: 'string', enum: Object.keys(errorCodes) });
  });

  it('gives every body an example that /docs "Try it out" sends as it is, and that the demo answers', async () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const ref = operation.requestBody?.content['application/json']?.schema.$ref;
        if (ref === undefined) continue;
        const example = componentOf(document, ref).example;
        expect(example, `${method} ${path}`).toBeDefined();
        const response = await app.inject({ method: method.toUpperCase() as 'POST', url: path, payload: example });
        expect(response.statusCode, `${method} ${path}: ${response.body.slice(0, 200)}`).toBe(200);
      }
    }
  });
});
