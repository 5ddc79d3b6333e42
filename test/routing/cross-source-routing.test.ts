import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogRelationship, CatalogSnapshot, CatalogSource, CatalogTable } from '../../src/catalog/catalog-types.js';
import { LexicalRetriever } from '../../src/routing/lexical-retriever.js';
import { SchemaRouter } from '../../src/routing/schema-router.js';
import { demoSnapshot } from './demo-catalog-snapshot.js';

const countTokens = (text: string) => Math.ceil(text.length / 4);
/** Always narrows, as a catalog too big to hand over whole. */
const router = () => new SchemaRouter({ maxTables: 8, maxSources: 8, tokenBudget: 4000, fullCatalogTokens: 0, countTokens });

function table(name: string, columns: string[], foreignKeys: CatalogTable['foreignKeys'] = []): CatalogTable {
  return { name, columns: columns.map((column) => ({ name: column, type: 'varchar', nullable: true })), sampleRows: [], foreignKeys };
}

function source(name: string, description: string, tables: CatalogTable[]): CatalogSource {
  return { name, kind: 'duckdb', dialect: 'duckdb', description, examples: [], status: { healthy: true }, tables };
}

// Claims in one source, the employees who handle them in another, joined by the adjuster's number.
const legal = source('legal', 'Insurance claims', [table('claims', ['claim_id', 'adjuster_emp_no', 'fraud', 'claim_amount', 'filed_date'])]);
const hr = source('hr', 'People', [
  table('employees', ['emp_no', 'first_name', 'last_name', 'hire_date', 'gender']),
  table('salaries', ['emp_no', 'salary', 'from_date'], [{ column: 'emp_no', referencedTable: 'employees', referencedColumn: 'emp_no' }]),
]);
const sales = source('sales', 'Ticket sales', [table('tickets', ['ticket_id', 'price', 'sold_date']), table('venue', ['venue_id', 'venue_name', 'city'])]);
const adjusterKey: CatalogRelationship = {
  from: { source: 'legal', table: 'claims', column: 'adjuster_emp_no' },
  to: { source: 'hr', table: 'employees', column: 'emp_no' },
  origin: 'declared',
};

function snapshot(relationships: CatalogRelationship[]): CatalogSnapshot {
  return { version: `v-${relationships.length}`, builtAt: '2026-01-01T00:00:00Z', sources: [legal, hr, sales], relationships };
}

const spanning = 'What is the total claim amount of fraudulent claims per adjuster first name and last name, with their hire date and gender?';

describe('routing a question that spans sources', () => {
  it('finds the joined source that covers what the best source does not, and hands over tables of both', async () => {
    const catalog = snapshot([adjusterKey]);
    const retrieval = router().retrieve(catalog, spanning);
    expect(retrieval.federation?.sources.slice().sort()).toEqual(['hr', 'legal']);
    expect(retrieval.federation?.joins).toEqual([{ from: { source: 'legal', table: 'claims' }, to: { source: 'hr', table: 'employees' } }]);
    const outcome = await router().route(catalog, spanning, catalog.sources);
    expect(outcome.spansSources?.slice().sort()).toEqual(['hr', 'legal']);
    const handed = outcome.sources.flatMap((item) => item.tables.map((candidate) => `${item.name}.${candidate.name}`));
    expect(handed).toEqual(expect.arrayContaining(['legal.claims', 'hr.employees']));
  });

  it('never spans sources that no relationship joins', async () => {
    const catalog = snapshot([]);
    expect(router().retrieve(catalog, spanning).federation).toBeUndefined();
    expect((await router().route(catalog, spanning, catalog.sources)).spansSources).toBeUndefined();
  });

  it('does not span a second source when the best one covers the question', async () => {
    const catalog = snapshot([adjusterKey]);
    const outcome = await router().route(catalog, 'How many fraudulent claims were filed, and what was their total claim amount?', catalog.sources);
    expect(outcome.spansSources).toBeUndefined();
    expect(outcome.sources[0]?.name).toBe('legal');
  });

  it('never takes in a source the client may not query', async () => {
    const catalog = snapshot([adjusterKey]);
    const allowed = catalog.sources.filter((item) => item.name !== 'hr');
    const outcome = await router().route(catalog, spanning, allowed);
    expect(outcome.spansSources).toBeUndefined();
    expect(outcome.sources.map((item) => item.name)).not.toContain('hr');
    expect(outcome.candidates.sources.map((item) => item.source)).not.toContain('hr');
  });

  it('pulls in the joined table of the other source like a foreign-key neighbour', () => {
    const tables = new LexicalRetriever([legal, hr, sales], () => [], [adjusterKey]).retrieve('Which claims were fraudulent?').tables;
    expect(tables.find((item) => item.source === 'hr' && item.table === 'employees')).toMatchObject({ reason: 'foreign-key' });
    const unjoined = new LexicalRetriever([legal, hr, sales], () => []).retrieve('Which claims were fraudulent?').tables;
    expect(unjoined.find((item) => item.source === 'hr' && item.table === 'employees')).toBeUndefined();
  });
});

describe('routing the demo catalog', () => {
  let demo: CatalogSnapshot;
  beforeAll(async () => {
    demo = await demoSnapshot();
  }, 60_000);

  it('spans the product API and sales for its cross-source example question', async () => {
    const question = 'Which venues with more than 20,000 seats are in cities where rain is forecast in the first three days?';
    const outcome = await router().route(demo, question, demo.sources.filter((item) => item.tables.length > 0));
    expect(outcome.spansSources).toEqual(['product', 'sales']);
    const handed = outcome.sources.flatMap((item) => item.tables.map((candidate) => `${item.name}.${candidate.name}`));
    expect(handed).toEqual(expect.arrayContaining(['product.getWeatherForecast', 'sales.venue']));
  });

  it('hands over the adjusters of the claims from hr for the legal example question', async () => {
    const question = 'Which five adjusters handled the most fraudulent claims in 2024, and when were they hired?';
    const outcome = await router().route(demo, question, demo.sources.filter((item) => item.tables.length > 0));
    const handed = outcome.sources.flatMap((item) => item.tables.map((candidate) => `${item.name}.${candidate.name}`));
    expect(handed).toEqual(expect.arrayContaining(['legal.claims', 'hr.employees']));
  });

  it.each([
    'What is the average salary by department?',
    'What was the average trading volume of AAPL in July 2013?',
    'What are the top five seller names in San Diego, based on the number of tickets sold in 2008?',
    'How many fraudulent claims were filed in 2024?',
  ])('keeps the one-source question "%s" in one source', async (question) => {
    const outcome = await router().route(demo, question, demo.sources.filter((item) => item.tables.length > 0));
    expect(outcome.spansSources).toBeUndefined();
  });
});
