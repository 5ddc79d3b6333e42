import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRelationship } from '../../src/catalog/catalog-types.js';
import { suggestRelationships } from '../../src/catalog/relationship-suggester.js';
import { RelationshipValueProbe } from '../../src/catalog/relationship-value-probe.js';
import { buildTestApp } from '../helpers/test-app.js';

// The demo as a newcomer starts it: its overlays declare two join keys, the catalog finds the third.
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
  // A snapshot persisted by an earlier run is served at once; the relationships are those of the refresh behind it.
  while (app.catalog.isRefreshing) await new Promise((resolve) => setTimeout(resolve, 20));
});

afterAll(async () => app?.close());

const text = (relationship: Pick<CatalogRelationship, 'from' | 'to'>) =>
  `${relationship.from.source}.${relationship.from.table}.${relationship.from.column} → ${relationship.to.source}.${relationship.to.table}.${relationship.to.column}`;

describe('relationships of the demo catalog', () => {
  it('GET /catalog lists the declared keys and the suggested adjuster key', async () => {
    const response = await app.inject({ method: 'GET', url: '/catalog' });
    expect(response.statusCode).toBe(200);
    const relationships = response.json().relationships as CatalogRelationship[];
    expect(relationships.map((relationship) => `${relationship.origin}: ${text(relationship)}`)).toEqual([
      'declared: product.getWeatherForecast.city → sales.venue.venuecity',
      'declared: sales.venue.sponsor_ticker → finance.all_stocks_5yr.name',
      'suggested: legal.claims.adjuster_emp_no → hr.employees.emp_no',
    ]);
    expect(relationships[2]?.evidence).toEqual({ nameMatch: 'suffix', containment: 1, sampledValues: 36 });
    expect(app.catalog.status().lastRefresh?.warnings ?? []).toEqual([]);
  });

  it("keeps cross-source examples apart from a source's own few-shot examples", () => {
    const legal = app.catalog.source('legal');
    expect(legal.crossSourceExamples?.map((example) => example.sources)).toEqual([['legal', 'hr'], ['legal', 'hr']]);
    const fewShots = app.catalog.snapshot.sources.flatMap((source) => source.examples.map((example) => example.sql));
    expect(fewShots.filter((sql) => /\b(hr|legal|sales|finance|product)\.\w+/.test(sql))).toEqual([]);
  });

  it('suggests, without declarations, only true join keys of the demo', async () => {
    const sources = app.catalog.snapshot.sources;
    const started = performance.now();
    const suggested = await suggestRelationships(sources, RelationshipValueProbe.forSources(app.sources.handles, sources), []);
    console.log(`[catalog] demo relationship suggestion: ${suggested.length} in ${Math.round(performance.now() - started)} ms: ${suggested.map(text).join('; ')}`);
    expect(suggested.map(text)).toEqual(['legal.claims.adjuster_emp_no → hr.employees.emp_no']);
  });
});
