import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Value } from 'typebox/value';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CatalogResponseSchema } from '../../src/schemas/catalog-schema.js';
import { buildTestApp } from '../helpers/test-app.js';
import { createDuckDbFile } from './relationship-fixtures.js';

// A catalog of three DuckDB sources: claims handled by employees (a key the catalog can find by itself),
// venues named after listed companies (declared: the names say nothing), and prices.
const databases: Record<string, string[]> = {
  legal: [`CREATE TABLE claims AS SELECT 'CLM-' || i AS claim_id, 10001 + i % 40 AS adjuster_emp_no FROM range(1, 2001) t(i)`],
  hr: [`CREATE TABLE employees AS SELECT 10000 + i AS emp_no, 'Employee ' || i AS full_name FROM range(1, 301) t(i)`],
  finance: [`CREATE TABLE prices AS SELECT ['AAPL', 'KO', 'PEP'][1 + i % 3] AS name, DATE '2017-01-01' + i::INTEGER AS date, 100.0 + i AS close FROM range(30) t(i)`],
  sales: [`CREATE TABLE venue AS SELECT * FROM (VALUES (1, 'Pepsi Center', 'PEP'), (2, 'Minute Maid Park', 'KO'), (3, 'Fenway Park', NULL)) v(venueid, venuename, sponsor_ticker)`],
};
const keys = { all: 'key-for-everything', salesOnly: 'key-for-sales-and-finance', legalOnly: 'key-for-legal' };
const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');

let catalogDirectory: string;
let app: FastifyInstance;

beforeAll(async () => {
  catalogDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-catalog-relationships-'));
  const sourceLines: string[] = ['sources:'];
  for (const [name, statements] of Object.entries(databases)) {
    const file = path.join(catalogDirectory, `${name}.duckdb`);
    await createDuckDbFile(file, statements);
    sourceLines.push(`  - name: ${name}`, '    kind: duckdb', `    description: The ${name} data of the company`, `    connection: { database: ${file} }`);
  }
  await fs.writeFile(path.join(catalogDirectory, 'sources.yaml'), sourceLines.join('\n'));
  await fs.mkdir(path.join(catalogDirectory, 'overlays'));
  await fs.writeFile(
    path.join(catalogDirectory, 'overlays', 'sales.yaml'),
    [
      'source: sales',
      'relationships:',
      '  - from: sales.venue.sponsor_ticker',
      '    to: finance.prices.name',
      '    description: The listed company holding the naming rights of the venue.',
    ].join('\n'),
  );
  app = await buildTestApp({
    catalogDirectory,
    environment: {
      SWITCHYARD_API_KEYS: JSON.stringify([
        { client: 'everything', keySha256: sha256(keys.all), sources: '*' },
        { client: 'sales-and-finance', keySha256: sha256(keys.salesOnly), sources: ['sales', 'finance'] },
        { client: 'legal', keySha256: sha256(keys.legalOnly), sources: ['legal'] },
      ]),
    },
  });
});

afterAll(async () => {
  await app?.close();
  await fs.rm(catalogDirectory, { recursive: true, force: true });
});

async function catalogFor(key: string): Promise<{ relationships: { from: { source: string }; to: { source: string }; origin: string }[] }> {
  const response = await app.inject({ method: 'GET', url: '/catalog', headers: { authorization: `Bearer ${key}` } });
  expect(response.statusCode).toBe(200);
  const body = response.json();
  expect(Value.Check(CatalogResponseSchema, body)).toBe(true);
  return body;
}

describe('relationships in the catalog', () => {
  it('GET /catalog shows declared and suggested relationships, each marked', async () => {
    const body = await catalogFor(keys.all);
    expect(body.relationships).toEqual([
      {
        from: { source: 'sales', table: 'venue', column: 'sponsor_ticker' },
        to: { source: 'finance', table: 'prices', column: 'name' },
        origin: 'declared',
        description: 'The listed company holding the naming rights of the venue.',
      },
      {
        from: { source: 'legal', table: 'claims', column: 'adjuster_emp_no' },
        to: { source: 'hr', table: 'employees', column: 'emp_no' },
        origin: 'suggested',
        evidence: { nameMatch: 'suffix', containment: 1, sampledValues: 40 },
      },
    ]);
  });

  it('shows a key only the relationships whose two sources it may read', async () => {
    expect((await catalogFor(keys.salesOnly)).relationships.map((relationship) => relationship.origin)).toEqual(['declared']);
    expect((await catalogFor(keys.legalOnly)).relationships).toEqual([]);
  });

  it('puts the relationships into the snapshot version, so a new one is a new catalog', async () => {
    const snapshot = app.catalog.snapshot;
    expect(snapshot.relationships).toHaveLength(2);
    const overlay = path.join(catalogDirectory, 'overlays', 'sales.yaml');
    const original = await fs.readFile(overlay, 'utf8');
    try {
      await fs.writeFile(overlay, 'source: sales\n');
      const rebuilt = await app.catalog.refresh();
      expect(rebuilt.relationships?.map((relationship) => relationship.origin)).toEqual(['suggested']);
      expect(rebuilt.version).not.toBe(snapshot.version);
    } finally {
      await fs.writeFile(overlay, original);
      await app.catalog.refresh();
    }
  });

  it('reports a declared relationship naming a missing column at refresh, and leaves it out', async () => {
    const overlay = path.join(catalogDirectory, 'overlays', 'sales.yaml');
    const original = await fs.readFile(overlay, 'utf8');
    try {
      await fs.writeFile(overlay, original.replace('finance.prices.name', 'finance.prices.ticker'));
      const rebuilt = await app.catalog.refresh();
      expect(rebuilt.relationships?.map((relationship) => relationship.origin)).toEqual(['suggested']);
      expect(app.catalog.status().lastRefresh?.warnings).toEqual([
        'overlay for source "sales": relationship sales.venue.sponsor_ticker → finance.prices.ticker: column "prices.ticker" does not exist in source "finance"',
      ]);
    } finally {
      await fs.writeFile(overlay, original);
      await app.catalog.refresh();
    }
  });
});
