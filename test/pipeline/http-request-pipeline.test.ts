import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';

const routeToProducts = '{"source": "product", "tables": ["listProducts", "listCategories"]}';
const cheapestOutdoor = '<request>{"operation": "listProducts", "parameters": {"category": "outdoor", "sort": "price", "order": "asc", "limit": 3}}</request>';

// The demo's REST source end to end: the catalog plugin starts the local product API (src/demo/),
// the scripted model routes and writes a JSON plan, the connector calls the API over HTTP.
describe('query pipeline on the demo product API (REST source) with a scripted model', () => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function ask(model: ScriptedLanguageModel, payload: Record<string, unknown>) {
    app = await buildTestApp({ languageModel: model });
    return app.inject({ method: 'POST', url: '/query', payload });
  }

  it('routes, plans one GET, calls the API, flattens the rows and explains them', async () => {
    const model = new ScriptedLanguageModel([routeToProducts, cheapestOutdoor, 'The cheapest outdoor product is the Deluxe Trekking Poles.']);
    const response = await ask(model, { question: 'What are the three cheapest outdoor products?' });
    const body = response.json();
    expect(response.statusCode, JSON.stringify(body)).toBe(200);
    expect(body.source).toBe('product');
    expect(body.sql).toBe('GET /products?category=outdoor&sort=price&order=asc&limit=3');
    expect(body.attempts).toEqual([{ sql: body.sql }]);
    expect(body.guard).toEqual({ verdict: 'allowed', limitApplied: false, functions: [] });
    expect(body.columns.map((column: { name: string }) => column.name)).toEqual(['id', 'sku', 'name', 'category', 'price', 'stock', 'rating', 'supplier.name', 'supplier.country']);
    const name = body.columns.findIndex((column: { name: string }) => column.name === 'name');
    const price = body.columns.findIndex((column: { name: string }) => column.name === 'price');
    expect(body.rows.map((row: unknown[]) => [row[name], row[price]])).toEqual([
      ['Deluxe Trekking Poles', 19.55],
      ['Classic Backpack', 23.52],
      ['Compact Hammock', 68.58],
    ]);
    expect(body.answer).toBe('The cheapest outdoor product is the Deluxe Trekking Poles.');
    expect(body.usage.llmCalls).toBe(3);

    // Chain 1 saw the REST source beside the DuckDB ones; the plan prompt saw operations, not DDL.
    expect(model.promptOf(0)).toContain('source: product');
    const planPrompt = model.promptOf(1);
    expect(planPrompt).toContain('operation: listProducts');
    expect(planPrompt).toContain('category (query, optional): string; one of "outdoor"');
    expect(planPrompt).toContain('operation: listCategories');
    expect(planPrompt).not.toContain('operation: getWeatherForecast');
    expect(planPrompt).not.toContain('CREATE TABLE');
    expect(planPrompt).toContain('Request: GET /categories');
    // The explanation saw the API's rows as data.
    expect(model.promptOf(2)).toContain('Deluxe Trekking Poles');
  });

  it('sends validation errors and HTTP 4xx back to the model and reports every attempt', async () => {
    const model = new ScriptedLanguageModel([
      '<request>{"operation": "listProducts", "parameters": {"limit": 500}}</request>',
      '<request>{"operation": "getProduct", "parameters": {"productId": 999}}</request>',
      '<request>{"operation": "deleteProduct", "parameters": {}}</request>',
      '<request>{"operation": "getProduct", "parameters": {"productId": 3}}</request>',
      'It is the Classic Backpack.',
    ]);
    const response = await ask(model, { question: 'Which product has id 3?', source: 'product' });
    const body = response.json();
    expect(response.statusCode, JSON.stringify(body)).toBe(200);
    expect(body.attempts).toHaveLength(4);
    expect(body.attempts[0].error).toMatch(/"limit" must be at most 100/);
    expect(body.attempts[1]).toEqual({ sql: 'GET /products/999', error: 'HTTP 404 from GET /products/999: product 999 not found; ids run from 1 to 40' });
    expect(body.attempts[2].error).toMatch(/"deleteProduct" is not an operation of this source/);
    expect(body.attempts[3]).toEqual({ sql: 'GET /products/3' });
    expect(body.rows).toHaveLength(1);
    expect(body.rows[0]).toContain('Classic Backpack');
    // Each repair prompt carried the previous request and its error.
    expect(model.promptOf(1)).toContain('"limit" must be at most 100');
    expect(model.promptOf(2)).toContain('product 999 not found');
    expect(model.promptOf(2)).toContain('GET /products/999');
  });

  it('a dry run validates the plan and returns the request text without calling the API', async () => {
    const model = new ScriptedLanguageModel(['<request>{"operation": "getWeatherForecast", "parameters": {"city": "Seattle", "days": 5}}</request>']);
    const response = await ask(model, { question: 'Will it rain in Seattle this week?', source: 'product', dryRun: true });
    const body = response.json();
    expect(response.statusCode, JSON.stringify(body)).toBe(200);
    expect(body.sql).toBe('GET /weather/Seattle?days=5');
    expect(body.rows).toEqual([]);
    expect(body.answer).toBeNull();
  });

  it('answers a repeat whose result is not cached from the cached plan: the request is validated and sent again, no routing or planning call', async () => {
    const model = new ScriptedLanguageModel([routeToProducts, cheapestOutdoor, 'Trekking poles first.', 'Still the trekking poles.']);
    app = await buildTestApp({ languageModel: model, environment: { SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE: '{"product": 0}' } });
    const ask = async () => (await (app as FastifyInstance).inject({ method: 'POST', url: '/query', payload: { question: 'What are the three cheapest outdoor products?' } })).json();
    const first = await ask();
    const second = await ask();
    expect(model.calls).toHaveLength(4);
    expect(second).toMatchObject({ cache: 'miss', sql: first.sql, rows: first.rows, answer: 'Still the trekking poles.', usage: { llmCalls: 1 } });
    expect(second.attempts).toEqual([{ sql: 'GET /products?category=outdoor&sort=price&order=asc&limit=3' }]);
    // REST answers offer no rows.csv: a request returns what its parameters ask for, so a rerun holds no more rows.
    expect(first.queryId).toBeUndefined();
  });

  it('gives up with a stable code when the model never produces a valid plan', async () => {
    const model = new ScriptedLanguageModel([], 'I would call the weather API.');
    const response = await ask(model, { question: 'Weather in Paris?', source: 'product' });
    expect(response.statusCode).toBe(502);
    expect(response.json().error.code).toBe('SWY_ERR_REPAIR_EXHAUSTED');
    expect(response.json().error.details.attempts[0].error).toMatch(/no JSON request/);
  });
});
