import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import fs from 'node:fs/promises';
import { RestApiConnector } from '../../src/connectors/rest/rest-api-connector.js';
import { startProductApiServer, type ProductApiServer } from '../../src/demo/product-api-server.js';
import { repositoryRoot } from '../helpers/services.js';

// The demo's REST source as shipped: catalog/apis/product-api.yaml served by the demo product API.
let server: ProductApiServer;
let connector: RestApiConnector;

beforeAll(async () => {
  server = await startProductApiServer();
  connector = new RestApiConnector({
    name: 'product',
    kind: 'rest',
    connection: { document: path.join(repositoryRoot, 'catalog', 'apis', 'product-api.yaml'), baseUrl: server.url },
  });
});

afterAll(async () => {
  await connector.close();
  await server.close();
});

describe('demo product API and its OpenAPI document', () => {
  it('every few-shot example of catalog/overlays/product.yaml returns rows from the demo API', async () => {
    const overlay = parse(await fs.readFile(path.join(repositoryRoot, 'catalog', 'overlays', 'product.yaml'), 'utf8')) as { examples: { question: string; sql: string }[] };
    expect(overlay.examples.length).toBeGreaterThanOrEqual(3);
    for (const example of overlay.examples) {
      const result = await connector.execute(example.sql, { maxRows: 100, timeoutMs: 5000 });
      expect(result.rows.length, example.question).toBeGreaterThan(0);
    }
  });

  it('the document examples match what the API returns, so catalog sample rows are real rows', async () => {
    const tables = await connector.introspect();
    const list = tables.find((table) => table.name === 'listProducts');
    const live = await connector.execute('GET /products?limit=100', { maxRows: 100, timeoutMs: 5000 });
    expect(live.columns.map((column) => column.name)).toEqual(list?.columns.map((column) => column.name));
    for (const sample of list?.sampleRows ?? []) expect(live.rows).toContainEqual(sample);
    const categories = await connector.execute('GET /categories', { maxRows: 100, timeoutMs: 5000 });
    for (const sample of tables.find((table) => table.name === 'listCategories')?.sampleRows ?? []) expect(categories.rows).toContainEqual(sample);
  });

  it('answers deterministically and rejects what its document forbids', async () => {
    const first = await connector.execute('GET /weather/Boston?days=3', { maxRows: 100, timeoutMs: 5000 });
    const second = await connector.execute('GET /weather/Boston?days=3', { maxRows: 100, timeoutMs: 5000 });
    expect(first.rows).toHaveLength(3);
    expect(second.rows).toEqual(first.rows);
    await expect(connector.execute('GET /weather/Paris', { maxRows: 10, timeoutMs: 5000 })).rejects.toThrow(/"city" must be one of/);
    const response = await fetch(`${server.url}/products`, { method: 'DELETE' });
    expect(response.status).toBe(405);
    await connector.ping();
  });
});
