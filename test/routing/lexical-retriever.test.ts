import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogSnapshot, CatalogSource } from '../../src/catalog/catalog-types.js';
import { LexicalRetriever } from '../../src/routing/lexical-retriever.js';
import { selectCandidates } from '../../src/routing/candidate-selector.js';
import { routingTerms, splitWords } from '../../src/routing/text-terms.js';
import { demoSnapshot } from './demo-catalog-snapshot.js';

const countTokens = (text: string) => Math.ceil(text.length / 4);

describe('routing terms', () => {
  it('splits camelCase, snake_case, kebab-case and digits', () => {
    expect(splitWords('customerState_code-ID2023')).toEqual(['customer', 'state', 'code', 'id', '2023']);
    expect(splitWords('HTTPServerLog')).toEqual(['http', 'server', 'log']);
  });

  it('stems plurals and drops question scaffolding', () => {
    expect(routingTerms('How many singers are there in the concerts?')).toEqual(['singer', 'concert']);
    expect(routingTerms('list all categories')).toEqual(['category']);
  });
});

describe('lexical retrieval on the demo catalog', () => {
  let snapshot: CatalogSnapshot;
  let retriever: LexicalRetriever;
  beforeAll(async () => {
    snapshot = await demoSnapshot();
    retriever = new LexicalRetriever(snapshot.sources);
  });

  it.each([
    ['How many frauds in 2023?', 'legal', 'claims'],
    ['average volume of stocks in July 2013', 'finance', undefined],
    ['Which department has the highest average salary?', 'hr', 'salaries'],
    ['Top sellers in San Diego by commission', 'sales', undefined],
  ])('routes "%s" to %s first', (question, source, table) => {
    const result = retriever.retrieve(question);
    expect(result.sources[0]?.source).toBe(source);
    if (table !== undefined) expect(result.tables.filter((item) => item.source === source).map((item) => item.table)).toContain(table);
  });

  it('finds tables through sampled and distinct values, not only names', () => {
    const legal = snapshot.sources.find((source) => source.name === 'legal')!;
    const incident = legal.tables[0]!.columns.find((column) => column.name === 'incident_type')!;
    expect(incident.distinctValues).toContain('Hail');
    const result = retriever.retrieve('hail');
    expect(result.sources[0]?.source).toBe('legal');
  });

  it('pulls in a join table through foreign keys', () => {
    const source: CatalogSource = {
      name: 'music',
      kind: 'duckdb',
      dialect: 'duckdb',
      description: 'music',
      examples: [],
      status: { healthy: true },
      tables: [
        { name: 'singer', columns: [{ name: 'singer_id', type: 'integer', nullable: false }, { name: 'name', type: 'varchar', nullable: true }], sampleRows: [], foreignKeys: [] },
        { name: 'concert', columns: [{ name: 'concert_id', type: 'integer', nullable: false }, { name: 'venue', type: 'varchar', nullable: true }], sampleRows: [], foreignKeys: [] },
        {
          name: 'performance_link',
          columns: [{ name: 'artist_ref', type: 'integer', nullable: false }, { name: 'event_ref', type: 'integer', nullable: false }],
          sampleRows: [],
          foreignKeys: [
            { column: 'artist_ref', referencedTable: 'singer', referencedColumn: 'singer_id' },
            { column: 'event_ref', referencedTable: 'concert', referencedColumn: 'concert_id' },
          ],
        },
        { name: 'unrelated_budget', columns: [{ name: 'amount', type: 'integer', nullable: true }], sampleRows: [], foreignKeys: [] },
      ],
    };
    // No thesaurus: it would match the join table itself (a concert is a performance), and this is about foreign keys.
    const result = new LexicalRetriever([source], () => []).retrieve('Which singers sang at a concert venue?');
    const names = result.tables.map((table) => table.table);
    expect(names.slice(0, 3).sort()).toEqual(['concert', 'performance_link', 'singer']);
    expect(result.tables.find((table) => table.table === 'performance_link')?.reason).toBe('foreign-key');
    expect(names).not.toContain('unrelated_budget');
  });

  it('hands over at most the table limit and fits the token budget', () => {
    const result = retriever.retrieve('How many frauds in 2023?');
    const candidates = selectCandidates(result, snapshot.sources, { maxTables: 3, maxSources: 2, tokenBudget: 400, countTokens });
    const handed = candidates.sources.flatMap((source) => source.tables);
    expect(handed.length).toBeLessThanOrEqual(3);
    expect(candidates.tokens).toBeLessThanOrEqual(400);
    expect(candidates.sources[0]).toMatchObject({ source: 'legal', tables: [{ table: 'claims' }] });
  });

  it('never indexes or shows PII values', () => {
    const source: CatalogSource = {
      name: 'crm',
      kind: 'duckdb',
      dialect: 'duckdb',
      description: 'customers',
      examples: [],
      status: { healthy: true },
      tables: [{ name: 'person', columns: [{ name: 'email', type: 'varchar', nullable: true, pii: true, sampleValues: ['zorblax@example.com'] }], sampleRows: [], foreignKeys: [] }],
    };
    expect(new LexicalRetriever([source]).retrieve('zorblax').tables).toEqual([]);
  });
});
