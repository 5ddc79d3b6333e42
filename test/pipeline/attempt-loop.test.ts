import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { createPipelineHarness, harnessTable } from '../helpers/pipeline-harness.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';

const orders = harnessTable('orders', { id: 'integer', amount: 'decimal', customer_email: 'varchar' }, [], ['customer_email']);
const timeout = () => new SwitchyardError('SWY_ERR_QUERY_TIMEOUT', 'The statement ran longer than 30000 ms');

async function harnessWith(sales: FakeConnector, model: ScriptedLanguageModel) {
  return createPipelineHarness({ sources: [{ name: 'sales', connector: sales, tables: [orders] }], model, environment: { SWITCHYARD_CACHE: 'off' } });
}

describe('write and run: the one attempt loop on a SQL source', () => {
  it('asks for a lighter statement after a timeout, and ends with the timeout (504) after the second', async () => {
    const sales = new FakeConnector({ sourceName: 'sales', outcomes: [timeout(), timeout()] });
    const model = new ScriptedLanguageModel(['<sql>SELECT o1.id FROM orders o1, orders o2</sql>', '<sql>SELECT COUNT(*) FROM orders</sql>']);
    const harness = await harnessWith(sales, model);
    const failure = await harness.ask('How many orders?').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'SWY_ERR_QUERY_TIMEOUT', statusCode: 504 });
    expect((failure as SwitchyardError).details?.attempts).toHaveLength(2);
    expect(model.promptOf(1)).toContain('The statement ran longer than 30000 ms');
    expect(sales.calls).toHaveLength(2);
  });

  it('ends at once on a source failure no rewrite can fix, without asking for a repair', async () => {
    const sales = new FakeConnector({ sourceName: 'sales', outcomes: [new SwitchyardError('SWY_ERR_SOURCE_UNAVAILABLE', 'Source "sales" is unavailable: connection refused')] });
    const model = new ScriptedLanguageModel(['<sql>SELECT COUNT(*) FROM orders</sql>']);
    const harness = await harnessWith(sales, model);
    await expect(harness.ask('How many orders?')).rejects.toMatchObject({ code: 'SWY_ERR_SOURCE_UNAVAILABLE' });
    expect(model.calls).toHaveLength(1);
  });

  it("checks each statement with the guard before the source sees it, and repairs a refusal from the guard's advice", async () => {
    const sales = new FakeConnector({ sourceName: 'sales', fallback: { rows: [[2]] } });
    const model = new ScriptedLanguageModel(['<sql>SELECT customer_email FROM orders</sql>', '<sql>SELECT COUNT(*) AS n FROM orders</sql>', 'Two.']);
    const harness = await harnessWith(sales, model);
    const rejections: string[] = [];
    const response = await harness.ask('Who ordered?', { observer: { onGuardRejection: (event) => rejections.push(event.rule) } });
    expect(rejections).toEqual(['pii-column']);
    expect(response.attempts[0]).toMatchObject({ sql: 'SELECT customer_email FROM orders', error: expect.stringMatching(/^Rejected by the read-only guard \(pii-column\)/) });
    expect(model.promptOf(1)).toContain('pii-column');
    // Only the repaired statement reached the source, with the row cap one past the request's maxRows.
    expect(sales.calls.map((call) => call.sql.replace(/\s+/g, ' '))).toEqual(['SELECT COUNT(*) AS n FROM orders LIMIT 1001']);
    expect(sales.calls[0]?.options.maxRows).toBe(1000);
  });

  it('refuses a reply of several statements as a whole and asks for exactly one', async () => {
    const sales = new FakeConnector({ sourceName: 'sales', fallback: { rows: [[2]] } });
    const model = new ScriptedLanguageModel(['<sql>SELECT 1 FROM orders; SELECT 2 FROM orders</sql>', '<sql>SELECT COUNT(*) AS n FROM orders</sql>', 'Two.']);
    const harness = await harnessWith(sales, model);
    const response = await harness.ask('How many orders?');
    expect(response.attempts[0]?.error).toMatch(/multiple-statements/);
    expect(sales.calls).toHaveLength(1);
  });
});
