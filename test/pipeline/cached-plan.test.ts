import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { createPipelineHarness, harnessTable, type HarnessSource } from '../helpers/pipeline-harness.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';

const routeToSales = '{"source": "sales", "tables": ["orders"]}';
const countOrders = '<sql>SELECT COUNT(*) AS n FROM orders</sql>';

/** Two sources, so the first answer needs chain 1 to choose between them; results expire at once. */
function salesAndStaff(sales: FakeConnector): HarnessSource[] {
  return [
    { name: 'sales', connector: sales, tables: [harnessTable('orders', { id: 'integer', amount: 'decimal' }, [[1, 9.5]])], description: 'orders and their amounts' },
    { name: 'staff', connector: new FakeConnector({ sourceName: 'staff' }), tables: [harnessTable('employees', { id: 'integer', salary: 'decimal' })], description: 'employees and salaries' },
  ];
}

const expiringResults = { SWITCHYARD_RESULT_CACHE_TTL_MS: '1' };
const expire = () => new Promise((resolve) => setTimeout(resolve, 10));
const promptsOf = (model: ScriptedLanguageModel) => model.calls.map((_, index) => model.promptOf(index));

describe('a cached plan whose result expired', () => {
  it('runs the cached SQL again and explains it, with no routing and no SQL-writing call', async () => {
    const sales = new FakeConnector({ sourceName: 'sales', columns: [{ name: 'n', type: 'integer' }], outcomes: [{ rows: [[5]] }, { rows: [[6]] }] });
    // The script is exact: a routing or SQL-writing call on the second question would find no reply and fail it.
    const model = new ScriptedLanguageModel([routeToSales, countOrders, 'There are 5 orders.', 'There are 6 orders.']);
    const harness = await createPipelineHarness({ sources: salesAndStaff(sales), model, environment: expiringResults });

    const first = await harness.ask('How many orders are there?');
    expect(first).toMatchObject({ cache: 'miss', source: 'sales', rows: [[5]], answer: 'There are 5 orders.' });
    expect(promptsOf(model)[0]).toContain('Answer with one JSON object');
    expect(promptsOf(model)[1]).toContain('<sql></sql>');
    await expire();

    const second = await harness.ask('How many orders are there?');
    expect(model.calls).toHaveLength(4);
    expect(promptsOf(model)[3]).toContain('The result as CSV');
    expect(second).toMatchObject({ cache: 'miss', source: 'sales', tables: ['orders'], sql: first.sql, rows: [[6]], answer: 'There are 6 orders.' });
    expect(second.attempts).toEqual([{ sql: first.sql }]);
    expect(second.usage.llmCalls).toBe(1);
    expect(second.timings.routeMs).toBe(0);
    expect(second.timings.generateMs).toBe(0);
    expect(second.routing).toBeUndefined();
    expect(second.guard).toEqual(first.guard);
    // The statement the model wrote was checked by the guard again (its row cap added) and run again.
    expect(sales.calls.map((call) => call.sql)).toEqual([first.sql, first.sql]);
    expect(first.sql).toMatch(/\sLIMIT 1001$/);
    expect(harness.cacheLookups).toEqual([
      { layer: 'sql', outcome: 'miss' },
      { layer: 'sql', outcome: 'hit' },
      { layer: 'result', outcome: 'miss' },
    ]);
  });

  it('makes no model call at all when the repeat asks for rows only', async () => {
    const sales = new FakeConnector({ sourceName: 'sales', fallback: { rows: [[5]] } });
    const model = new ScriptedLanguageModel([routeToSales, countOrders, 'There are 5 orders.']);
    const harness = await createPipelineHarness({ sources: salesAndStaff(sales), model, environment: expiringResults });
    await harness.ask('How many orders are there?');
    const rowsOnly = await harness.ask({ question: 'How many orders are there?', explain: false });
    expect(model.calls).toHaveLength(3);
    expect(rowsOnly).toMatchObject({ cache: 'miss', answer: null, rows: [[5]], usage: { llmCalls: 0 } });
    expect(sales.calls).toHaveLength(2);
  });

  it('repairs a cached statement the source now refuses, still without routing', async () => {
    const failure = new SwitchyardError('SWY_ERR_QUERY_FAILED', 'Binder Error: Referenced column "amount" not found');
    const sales = new FakeConnector({ sourceName: 'sales', outcomes: [{ rows: [[5]] }, failure, { rows: [[7]] }] });
    const model = new ScriptedLanguageModel([routeToSales, countOrders, 'Five.', '<sql>SELECT COUNT(id) AS n FROM orders</sql>', 'Seven.']);
    const harness = await createPipelineHarness({ sources: salesAndStaff(sales), model, environment: expiringResults });
    await harness.ask('How many orders are there?');
    await expire();
    const repaired = await harness.ask('How many orders are there?');
    expect(model.calls).toHaveLength(5);
    // The fourth call is the repair of the cached statement, quoting the source's error; no routing prompt.
    expect(promptsOf(model)[3]).toContain('Referenced column "amount" not found');
    expect(promptsOf(model)[3]).toContain('SELECT COUNT(*) AS n FROM orders');
    expect(promptsOf(model).slice(3).some((prompt) => prompt.includes('Answer with one JSON object'))).toBe(false);
    expect(repaired.attempts).toHaveLength(2);
    expect(repaired.attempts[0]).toMatchObject({ error: failure.message });
    expect(repaired).toMatchObject({ rows: [[7]], answer: 'Seven.' });
  });

  it('is not used after a refresh that changes the catalog: the question is routed and written again', async () => {
    const sales = new FakeConnector({ sourceName: 'sales', fallback: { rows: [[5]] } });
    const model = new ScriptedLanguageModel([routeToSales, countOrders, 'Five.', routeToSales, countOrders, 'Five again.']);
    const harness = await createPipelineHarness({ sources: salesAndStaff(sales), model, environment: { SWITCHYARD_RESULT_CACHE_TTL_BY_SOURCE: '{"sales": 0}' } });
    await harness.ask('How many orders are there?');
    // A refresh that changes metadata changes the version and so the key: the repeat is a full miss.
    harness.catalog.replaceSources(salesAndStaff(sales).map((source) => (source.name === 'sales' ? { ...source, description: 'orders, amounts and refunds' } : source)));
    const again = await harness.ask('How many orders are there?');
    expect(model.calls).toHaveLength(6);
    expect(again.routing).toBeDefined();
    expect(harness.cacheLookups.filter((lookup) => lookup.layer === 'sql').map((lookup) => lookup.outcome)).toEqual(['miss', 'miss']);
  });
});
