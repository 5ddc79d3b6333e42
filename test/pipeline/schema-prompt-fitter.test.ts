import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createCatalogFixture } from '../catalog/catalog-fixture.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';
import { buildTestApp } from '../helpers/test-app.js';
import type { CatalogTable } from '../../src/catalog/catalog-types.js';
import { renderSchemaWithSamples, schemaDetailLevels } from '../../src/catalog/table-info-renderer.js';
import { getDialect } from '../../src/dialects/dialect-registry.js';
import { createTokenCounter } from '../../src/llm/tokens/token-counter.js';
import { fitSchemaToBudget } from '../../src/pipeline/languages/sql/schema-prompt-fitter.js';

const dialect = getDialect('postgres');
const counter = createTokenCounter('cl100k');
const count = (text: string) => counter.count(text);

/** A wide table: 60 described columns, a sampled value list on one, and three long sample rows. */
function wideTable(name: string): CatalogTable {
  const columns = Array.from({ length: 60 }, (_, index) => ({
    name: `${name}_measure_${index}`,
    type: 'text',
    nullable: true,
    description: `How the ${name} process recorded measure number ${index} for the quarterly review`,
    ...(index === 0 ? { distinctValues: ['north', 'south', 'east', 'west'] } : {}),
    ...(index === 1 ? { valueMeanings: { A: 'active', C: 'closed' } } : {}),
  }));
  const row = columns.map((_, index) => `sample value ${index} with enough words to cost tokens in a prompt`);
  return { name, description: `The ${name} facts`, columns, sampleRows: [row, row, row], foreignKeys: [] };
}

describe('fitting the routed schema into the SQL prompt budget', () => {
  const tables = [wideTable('orders'), wideTable('shipments'), wideTable('invoices')];
  const tokensAt = (budget: number) => {
    const fitted = fitSchemaToBudget(tables, dialect, budget, count);
    return { ...fitted, tokens: count(fitted.text) };
  };

  it('shows everything when it fits', () => {
    const fitted = tokensAt(1_000_000);
    expect(fitted.detail).toBe(0);
    expect(fitted.text).toContain('3 example rows from orders');
    expect(fitted.tables).toHaveLength(3);
  });

  it('sheds sample rows before value lists, and value lists before comments', () => {
    const full = count(fitSchemaToBudget(tables, dialect, 1_000_000, count).text);
    const oneRow = tokensAt(full - 1);
    expect(oneRow.detail).toBe(1);
    expect(oneRow.text).toContain('1 example rows from orders');
    expect(oneRow.tokens).toBeLessThanOrEqual(full - 1);

    const noRows = tokensAt(oneRow.tokens - 1);
    expect(noRows.detail).toBe(2);
    expect(noRows.text).not.toContain('example rows');
    expect(noRows.text).toContain('values: north, south, east, west');

    const noLists = tokensAt(noRows.tokens - 1);
    expect(noLists.detail).toBe(3);
    expect(noLists.text).not.toContain('north, south');
    // Curated meanings are what codes mean, not samples: they stay while comments do.
    expect(noLists.text).toContain('A = active');
    expect(noLists.text).toContain('quarterly review');

    const bare = tokensAt(noLists.tokens - 1);
    expect(bare.detail).toBe(4);
    expect(bare.text).not.toContain('quarterly review');
    expect(bare.tables).toHaveLength(3);
    expect(bare.tokens).toBeLessThan(noLists.tokens);
  });

  it('leaves out the lowest-ranked tables last, and always keeps the first', () => {
    const bareTwo = count(renderSchemaWithSamples(tables.slice(0, 2), dialect, schemaDetailLevels[4]));
    const two = fitSchemaToBudget(tables, dialect, bareTwo, count);
    expect(two.tables.map((table) => table.name)).toEqual(['orders', 'shipments']);
    expect(count(two.text)).toBe(bareTwo);

    const one = fitSchemaToBudget(tables, dialect, 1, count);
    expect(one.tables.map((table) => table.name)).toEqual(['orders']);
    expect(one.text).toContain('CREATE TABLE "orders"');
  });
});

describe('the SQL prompt over HTTP keeps to SWITCHYARD_SCHEMA_TOKEN_BUDGET', () => {
  /** Answers one dry-run question routed to users and sales, and returns the SQL prompt chain 2 was given. */
  async function sqlPromptWith(environment: Record<string, string>): Promise<string> {
    const fixture = await createCatalogFixture();
    let app: FastifyInstance | undefined;
    try {
      const model = new ScriptedLanguageModel([JSON.stringify({ source: 'sales', tables: ['users', 'sales'] }), '<sql>SELECT 1 AS one</sql>']);
      app = await buildTestApp({
        languageModel: model,
        catalogDirectory: fixture.catalogDirectory,
        environment: { SWITCHYARD_DATA_DIR: fixture.dataDirectory, SWITCHYARD_ROUTING_FULL_CATALOG_TOKENS: '0', SWITCHYARD_CACHE: 'off', ...environment },
      });
      const response = await app.inject({ method: 'POST', url: '/query', payload: { question: 'Which users bought the most tickets?', dryRun: true } });
      expect(response.statusCode).toBe(200);
      return model.promptOf(1);
    } finally {
      await app?.close();
      await fixture.remove();
    }
  }

  it('shows every sample row under the default budget and sheds rows under a small one', async () => {
    const roomy = await sqlPromptWith({});
    expect(roomy).toMatch(/3 example rows from users/);
    // The smallest budget allowed; the demo tables fit it once their extra rows are shed.
    const tight = await sqlPromptWith({ SWITCHYARD_SCHEMA_TOKEN_BUDGET: '500' });
    expect(tight).not.toMatch(/3 example rows from/);
    expect(tight).toContain('CREATE TABLE');
    expect(count(tight)).toBeLessThan(count(roomy));
  });
});
