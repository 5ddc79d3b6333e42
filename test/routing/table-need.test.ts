import { describe, expect, it } from 'vitest';
import type { CatalogSource, CatalogTable } from '../../src/catalog/catalog-types.js';
import { selectCandidates } from '../../src/routing/candidate-selector.js';
import { LexicalRetriever } from '../../src/routing/lexical-retriever.js';
import type { RetrievalResult, ScoredTable } from '../../src/routing/retrieval-result.js';
import { SchemaRouter } from '../../src/routing/schema-router.js';

const countTokens = (text: string) => Math.ceil(text.length / 4);
const limits = { maxTables: 8, maxSources: 3, tokenBudget: 100_000, countTokens };

function table(name: string, references: string[] = []): CatalogTable {
  return {
    name,
    columns: [{ name: `${name}_id`, type: 'integer', nullable: false }, ...references.map((_, index) => ({ name: `link_${index}`, type: 'integer', nullable: false }))],
    sampleRows: [],
    foreignKeys: references.map((target, index) => ({ column: `link_${index}`, referencedTable: target, referencedColumn: `${target}_id` })),
  };
}

function source(name: string, tables: CatalogTable[]): CatalogSource {
  return { name, kind: 'duckdb', dialect: 'duckdb', description: name, examples: [], status: { healthy: true }, tables };
}

function reached(name: string, score: number, matchedTerms: number[], reason: ScoredTable['reason'] = 'match'): ScoredTable {
  return { source: 'shop', table: name, score, reason, matchedTerms };
}

function handed(result: RetrievalResult, sources: CatalogSource[]): string[] {
  return selectCandidates(result, sources, limits).sources.flatMap((candidate) => candidate.tables.map((item) => item.table));
}

/** Eight strong tables that match only the question's first term, as a wide schema repeats a word. */
const repeats = Array.from({ length: 8 }, (_, index) => `order_view_${index}`);
const terms = [
  { term: 'order', weight: 1 },
  { term: 'coupon', weight: 1 },
];

describe('table need by marginal coverage', () => {
  it('hands over a weak table that alone covers a question term before strong tables repeating covered ones', () => {
    const shop = source('shop', [table('orders'), ...repeats.map((name) => table(name)), table('coupon')]);
    const result: RetrievalResult = {
      sources: [{ source: 'shop', score: 1 }],
      tables: [reached('orders', 10, [0]), ...repeats.map((name) => reached(name, 9, [0])), reached('coupon', 2, [1])],
      terms,
    };
    const tables = handed(result, [shop]);
    expect(tables).toHaveLength(8);
    expect(tables.slice(0, 2)).toEqual(['orders', 'coupon']);
  });

  it('hands over the join table between two covering tables that do not join directly', () => {
    const shop = source('shop', [table('orders'), table('coupon'), table('redemption', ['orders', 'coupon']), ...repeats.map((name) => table(name))]);
    const result: RetrievalResult = {
      sources: [{ source: 'shop', score: 1 }],
      tables: [reached('orders', 10, [0]), ...repeats.map((name) => reached(name, 8, [0])), reached('coupon', 5, [1]), reached('redemption', 1, [], 'foreign-key')],
      terms,
    };
    expect(handed(result, [shop]).slice(0, 3)).toEqual(['orders', 'coupon', 'redemption']);
  });

  it('orders by score alone when retrieval does not say which terms a table matched', () => {
    const shop = source('shop', [table('orders'), ...repeats.map((name) => table(name)), table('coupon')]);
    const result: RetrievalResult = {
      sources: [{ source: 'shop', score: 1 }],
      tables: [reached('orders', 10, [0]), ...repeats.map((name) => reached(name, 9, [0])), reached('coupon', 2, [1])].map(({ matchedTerms: _, ...rest }) => rest),
    };
    expect(handed(result, [shop])).not.toContain('coupon');
  });
});

describe('matched terms in retrieval', () => {
  it('says which question terms each matched table matched, and weighs the terms', () => {
    const music = source('music', [table('singer'), table('concert'), table('performance', ['singer', 'concert'])]);
    music.tables[1]!.columns.push({ name: 'venue', type: 'varchar', nullable: true });
    const result = new LexicalRetriever([music], () => []).retrieve('Which singers sang at a concert venue?');
    expect(result.terms?.map((item) => item.term)).toEqual(['singer', 'sing', 'concert', 'venu']);
    for (const item of result.terms ?? []) expect(item.weight).toBeGreaterThan(0);
    const matched = (name: string) => result.tables.find((item) => item.table === name)?.matchedTerms?.map((position) => result.terms![position]!.term);
    expect(matched('singer')).toEqual(['singer']);
    expect(matched('concert')).toEqual(['concert', 'venu']);
    expect(result.tables.find((item) => item.table === 'performance')?.reason).toBe('foreign-key');
    expect(matched('performance') ?? []).toEqual([]);
  });
});

describe('table need through the schema router', () => {
  it('hands over the weak table that alone covers a question term when the service routes', async () => {
    const integer = (name: string) => ({ name, type: 'integer', nullable: false });
    const orderTables = ['orders', ...repeats].map((name) => ({ ...table(name), columns: ['order_id', 'order_date', 'order_status', 'order_amount'].map(integer) }));
    // A wide table whose one coupon column scores below every order table.
    const promotion = { ...table('promotion'), columns: ['promotion_id', 'coupon_code', ...Array.from({ length: 40 }, (_, index) => `filler_${index}`)].map(integer) };
    const shop = source('shop', [...orderTables, promotion]);
    const router = new SchemaRouter({ maxTables: 4, maxSources: 3, tokenBudget: 100_000, fullCatalogTokens: 0, countTokens });
    const outcome = await router.route({ version: 'v1', builtAt: new Date(0).toISOString(), sources: [shop] }, 'order dates and coupon', [shop]);
    expect(outcome.candidates.sources[0]?.tables.map((item) => item.table)).toContain('promotion');
  });
});
