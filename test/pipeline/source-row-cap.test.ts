import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildTestApp } from '../helpers/test-app.js';
import { createCatalogFixture, type CatalogFixture } from '../catalog/catalog-fixture.js';
import { promptAwareModel } from '../ops/ops-test-support.js';

// Twelve categories: the model asks for all of them, with no LIMIT of its own.
const categoriesSql = 'SELECT catid, catname FROM category ORDER BY catid';

describe('a source\'s own maxRows (sources.yaml)', () => {
  let fixture: CatalogFixture;
  let app: FastifyInstance;

  beforeAll(async () => {
    fixture = await createCatalogFixture('    maxRows: 2');
    app = await buildTestApp({
      languageModel: promptAwareModel({ source: 'sales', tables: ['category'] }, categoriesSql, 'The categories.'),
      catalogDirectory: fixture.catalogDirectory,
      environment: { SWITCHYARD_DATA_DIR: fixture.dataDirectory, SWITCHYARD_CACHE: 'off', SWITCHYARD_CSV_MAX_ROWS: '8' },
    });
  });
  afterAll(async () => {
    await app?.close();
    await fixture?.remove();
  });

  const ask = (url: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url, payload: { question: 'Which categories are there?', source: 'sales', ...payload } });

  it('caps the rows of /query below the default and below what the request asks for', async () => {
    for (const payload of [{}, { maxRows: 5 }]) {
      const response = await ask('/query', payload);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ rowCount: 2, truncated: true, rows: [[1, expect.any(String)], [2, expect.any(String)]] });
      // The guard's LIMIT is the source's cap (+1 to detect truncation), not the request's 1001 or 6.
      expect(response.json().sql).toMatch(/LIMIT 3$/);
    }
    // A request asking for fewer rows than the source allows still gets what it asked for.
    expect((await ask('/query', { maxRows: 1 })).json()).toMatchObject({ rowCount: 1, truncated: true });
  });

  it('caps the rows of the stream path', async () => {
    const body = (await ask('/query/stream', {})).body;
    const event = (name: string) => JSON.parse(new RegExp(`^event: ${name}\\ndata: (.*)$`, 'm').exec(body)?.[1] ?? 'null');
    expect(event('rows')).toMatchObject({ rowCount: 2, truncated: true });
    expect(event('done')).toMatchObject({ rowCount: 2, truncated: true });
  });

  it('caps the rows.csv download too, below SWITCHYARD_CSV_MAX_ROWS', async () => {
    const answer = (await ask('/query', { maxRows: 1 })).json();
    const download = await app.inject({ method: 'GET', url: `/query/${answer.queryId}/rows.csv` });
    expect(download.statusCode, download.body).toBe(200);
    expect(download.body.trim().split('\n')).toHaveLength(1 + 2);
    expect(download.headers['x-switchyard-truncated']).toBe('true');
  });
});
