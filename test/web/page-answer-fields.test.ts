import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryResponse } from '../../src/schemas/query-schema.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

const modelSql = 'SELECT catname, COUNT(*) AS events FROM category GROUP BY catname ORDER BY events DESC';

// What the page shows besides the rows: the SQL as the model wrote it, the row limit the guard
// applied to it, and whether the answer came from SQL or from an HTTP request to a REST source.
describe('answer fields the page shows', () => {
  let app: FastifyInstance;
  const model = new ScriptedLanguageModel([
    `<sql>${modelSql}</sql>`,
    '{"source": "product", "tables": ["listProducts"]}',
    '<request>{"operation": "listProducts", "parameters": {"category": "outdoor", "limit": 3}}</request>',
  ]);

  beforeAll(async () => {
    app = await buildTestApp({ languageModel: model });
  });
  afterAll(async () => app?.close());

  it('keeps the model\'s SQL apart from the SQL that ran with the guard\'s LIMIT, and names the limit', async () => {
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'Events per category?', source: 'sales', explain: false, maxRows: 50 } });
    const body = response.json<QueryResponse>();
    expect(response.statusCode, response.body).toBe(200);
    expect(body.modelSql).toBe(modelSql);
    expect(body.sql).toMatch(/LIMIT 51\s*$/);
    expect(body.guard).toMatchObject({ limitApplied: true, rowLimit: 51 });
    expect(body.requestLanguage).toBe('sql');
  });

  it('labels a REST answer as an HTTP request, with no model SQL and no CSV download', async () => {
    const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'Three outdoor products?', explain: false } });
    const body = response.json<QueryResponse>();
    expect(response.statusCode, response.body).toBe(200);
    expect(body.source).toBe('product');
    expect(body.requestLanguage).toBe('http-get');
    expect(body.sql).toMatch(/^GET \/products\?/);
    expect(body.modelSql).toBeUndefined();
    expect(body.guard.rowLimit).toBeUndefined();
    expect(body.queryId).toBeUndefined();
  });
});
