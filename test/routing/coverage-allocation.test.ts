import { describe, expect, it } from 'vitest';
import type { CatalogSource, CatalogTable } from '../../src/catalog/catalog-types.js';
import { selectCandidates } from '../../src/routing/candidate-selector.js';
import { allocateSlots } from '../../src/routing/coverage-allocator.js';
import { readServiceConfig } from '../../src/config/service-config-reader.js';
import type { RetrievalResult, ScoredTable } from '../../src/routing/retrieval-result.js';

const countTokens = (text: string) => Math.ceil(text.length / 4);
const limits = { maxTables: 8, maxSources: 3, tokenBudget: 100_000, countTokens };

function table(name: string): CatalogTable {
  return { name, columns: [{ name: `${name}_id`, type: 'integer', nullable: false }], sampleRows: [], foreignKeys: [] };
}

function source(name: string, tables: string[]): CatalogSource {
  return { name, kind: 'duckdb', dialect: 'duckdb', description: name, examples: [], status: { healthy: true }, tables: tables.map(table) };
}

function scored(sourceName: string, tables: [string, number][]): ScoredTable[] {
  return tables.map(([name, score]) => ({ source: sourceName, table: name, score, reason: 'match' }));
}

function handed(result: RetrievalResult, sources: CatalogSource[]): string[] {
  return selectCandidates(result, sources, limits).sources.flatMap((candidate) => candidate.tables.map((item) => `${candidate.source}.${item.table}`));
}

describe('table slots by expected coverage', () => {
  const shop = source('shop', ['orders', 'coupon', 'banner', 'newsletter', 'wishlist', 'review', 'faq', 'return_policy']);
  const ledger = source('ledger', ['invoice', 'payment', 'account']);

  it("gives a close runner-up its join rather than the top source's weak matches", () => {
    const result: RetrievalResult = {
      sources: [
        { source: 'shop', score: 1 },
        { source: 'ledger', score: 0.96 },
      ],
      tables: [
        ...scored('shop', [['orders', 10], ['coupon', 1.2], ['banner', 1.1], ['newsletter', 1], ['wishlist', 1], ['review', 0.9], ['faq', 0.8], ['return_policy', 0.7]]),
        ...scored('ledger', [['invoice', 9], ['payment', 8.5]]),
      ].sort((left, right) => right.score - left.score),
    };
    const tables = handed(result, [shop, ledger]);
    expect(tables).toHaveLength(8);
    expect(tables).toEqual(expect.arrayContaining(['shop.orders', 'ledger.invoice', 'ledger.payment']));
  });

  it('keeps every slot for a clear winner with strong matches', () => {
    const result: RetrievalResult = {
      sources: [
        { source: 'shop', score: 1 },
        { source: 'ledger', score: 0.4 },
      ],
      tables: [...scored('shop', [['orders', 10], ['coupon', 9], ['review', 8]]), ...scored('ledger', [['invoice', 9]])],
    };
    const tables = handed(result, [shop, ledger]);
    expect(tables.filter((name) => name.startsWith('ledger.'))).toEqual([]);
    // The three matches first, then the rest of the source to fill the slots.
    expect(tables.slice(0, 3)).toEqual(['shop.orders', 'shop.coupon', 'shop.review']);
    expect(tables).toHaveLength(8);
  });
});

describe('candidate sources at the shipped limits', () => {
  const settings = readServiceConfig({});
  const shipped = { maxTables: settings.routingMaxTables, maxSources: settings.routingMaxSources, tokenBudget: settings.routingTokenBudget, countTokens };
  const names = ['alpha', 'beta', 'gamma', 'delta', 'epsilon'];
  // Eight tables each: enough for the top source alone to fill every slot.
  const sources = names.map((name) => source(name, [`${name}_main`, ...Array.from({ length: 7 }, (_, index) => `${name}_detail_${index}`)]));
  const resultWith = (scores: number[]): RetrievalResult => ({
    sources: names.map((name, index) => ({ source: name, score: scores[index]! })),
    tables: names.flatMap((name) => scored(name, [[`${name}_main`, 10]])),
  });
  const handedSources = (result: RetrievalResult) => selectCandidates(result, sources, shipped).sources.map((candidate) => candidate.source);

  it('shows a fourth source that scores as well as the leaders', () => {
    expect(handedSources(resultWith([1, 0.99, 0.98, 0.97, 0.3]))).toEqual(['alpha', 'beta', 'gamma', 'delta']);
  });

  it('leaves out sources far behind however many the cap allows', () => {
    expect(handedSources(resultWith([1, 0.3, 0.28, 0.26, 0.24]))).toEqual(['alpha']);
  });
});

describe('slot allocation', () => {
  it('spends a slot on a join only when its second table is likely needed', () => {
    const options = [
      { likelihood: 1, needs: [1, 0.05, 0.05] },
      { likelihood: 0.5, needs: [1, 0.9] },
    ];
    const slots = allocateSlots(options, 3);
    expect(slots).toContainEqual({ option: 1, position: 1 });
    expect(slots.filter((slot) => slot.option === 0)).toEqual([{ option: 0, position: 0 }]);
  });

  it('lists granted slots most valuable first, each option in its own order', () => {
    const slots = allocateSlots(
      [
        { likelihood: 1, needs: [1, 0.5, 0.1] },
        { likelihood: 0.2, needs: [1] },
      ],
      4,
    );
    expect(slots).toEqual([
      { option: 0, position: 0 },
      { option: 0, position: 1 },
      { option: 1, position: 0 },
      { option: 0, position: 2 },
    ]);
  });
});
