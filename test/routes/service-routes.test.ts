import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/test-app.js';

describe('service routes without a language model', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(async () => app.close());

  it('GET /health answers ok', async () => {
    const response = await app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /ready reports the loaded catalog and every demo source healthy', async () => {
    const response = await app.inject({ method: 'GET', url: '/ready' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.ready).toBe(true);
    expect(body.llmConfigured).toBe(false);
    expect(body.catalogVersion).toMatch(/^[0-9a-f]{16}$/);
    expect(body.sources.map((source: { name: string }) => source.name).sort()).toEqual(['finance', 'hr', 'legal', 'product', 'sales']);
    expect(body.sources.every((source: { healthy: boolean }) => source.healthy)).toBe(true);
  });

  it('GET /sources lists the five demo sources with descriptions and table counts', async () => {
    const response = await app.inject({ method: 'GET', url: '/sources' });
    expect(response.statusCode).toBe(200);
    const sources = response.json().sources as { name: string; kind: string; dialect: string; description: string; tableCount: number }[];
    const sales = sources.find((source) => source.name === 'sales');
    expect(sales).toMatchObject({ kind: 'duckdb', dialect: 'duckdb', tableCount: 7 });
    expect(sales?.description.length).toBeGreaterThan(10);
    expect(sources.find((source) => source.name === 'legal')?.tableCount).toBeGreaterThanOrEqual(1);
    expect(sources.find((source) => source.name === 'product')).toMatchObject({ kind: 'rest', dialect: 'openapi' });
    // The demo's REST source: one "table" per GET operation of its OpenAPI document.
    expect(sources.find((source) => source.name === 'product')).toMatchObject({ kind: 'rest', tableCount: 4 });
  });

  it('GET /catalog returns tables and columns with types, descriptions and sample values', async () => {
    const response = await app.inject({ method: 'GET', url: '/catalog' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    const sales = body.sources.find((source: { name: string }) => source.name === 'sales');
    const salesTable = sales.tables.find((table: { name: string }) => table.name === 'sales');
    expect(salesTable.description).toBeTruthy();
    const pricepaid = salesTable.columns.find((column: { name: string }) => column.name === 'pricepaid');
    expect(pricepaid.type).toMatch(/decimal/);
    expect(pricepaid.description).toBeTruthy();
    expect(pricepaid.sampleValues.length).toBeGreaterThan(0);
    expect(sales.exampleQuestions.length).toBeGreaterThan(0);
    const claims = body.sources.find((source: { name: string }) => source.name === 'legal').tables.find((table: { name: string }) => table.name === 'claims');
    expect(claims.columns.map((column: { name: string }) => column.name)).toEqual(expect.arrayContaining(['fraud', 'write_time']));
  });

  it('GET /openapi.json documents /query with its request and error schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    const query = document.paths['/query'].post;
    expect(query.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/QueryRequest' });
    expect(document.components.schemas.QueryRequest.properties.question).toMatchObject({ type: 'string', maxLength: 2000 });
    expect(Object.keys(query.responses)).toEqual(expect.arrayContaining(['200', '400', '404', '422', '502', '503']));
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/sources', '/catalog', '/health', '/ready']));
    // Generated clients learn how to send the key; probes are documented as open, admin routes as admin-token only.
    expect(Object.keys(document.components.securitySchemes).sort()).toEqual(['adminToken', 'apiKeyHeader', 'bearerAuth']);
    expect(document.components.securitySchemes.apiKeyHeader).toMatchObject({ type: 'apiKey', in: 'header', name: 'X-API-Key' });
    expect(document.security).toEqual([{ bearerAuth: [] }, { apiKeyHeader: [] }]);
    expect(query.security).toBeUndefined();
    for (const probe of ['/health', '/ready', '/metrics']) expect(document.paths[probe].get.security).toEqual([]);
  });

  it('GET /docs serves the API browser', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/html/);
  });

  it('POST /query without a model answers 503 naming the settings to set', async () => {
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'How many ticket sales were made on Tuesdays?' } });
    expect(response.statusCode).toBe(503);
    const error = response.json().error;
    expect(error.code).toBe('SWY_ERR_LLM_NOT_CONFIGURED');
    expect(error.message).toContain('SWITCHYARD_LLM');
    expect(error.details.missing).toContain('SWITCHYARD_LLM');
  });

  it.each([
    ['an empty question', { question: '   ' }, 400, 'SWY_ERR_QUESTION_EMPTY'],
    ['an over-long question', { question: 'why '.repeat(600) }, 400, 'SWY_ERR_QUESTION_TOO_LONG'],
    ['a question over the hard limit', { question: 'x'.repeat(100_001) }, 400, 'SWY_ERR_QUESTION_TOO_LONG'],
    ['a missing question', { source: 'sales' }, 400, 'SWY_ERR_VALIDATION'],
    ['a wrongly typed field', { question: 'hi', maxRows: 'ten' }, 400, 'SWY_ERR_VALIDATION'],
    ['an unknown field', { question: 'hi', sql: 'DROP TABLE sales' }, 400, 'SWY_ERR_VALIDATION'],
    ['an unknown source', { question: 'How many?', source: 'nowhere' }, 404, 'SWY_ERR_SOURCE_NOT_FOUND'],
  ])('POST /query with %s answers %i %s', async (_name, payload, status, code) => {
    const response = await app.inject({ method: 'POST', url: '/query', payload });
    expect(response.statusCode).toBe(status);
    expect(response.json().error.code).toBe(code);
  });

  it('POST /query with malformed JSON answers 400 with a stable code', async () => {
    const response = await app.inject({ method: 'POST', url: '/query', headers: { 'content-type': 'application/json' }, payload: '{"question": ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('SWY_ERR_VALIDATION');
  });

  it('an unknown route answers 404 with a stable code', async () => {
    const response = await app.inject({ method: 'GET', url: '/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('SWY_ERR_NOT_FOUND');
  });
});
