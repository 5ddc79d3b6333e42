import { describe, expect, it } from 'vitest';
import { FakeConnector } from '../helpers/fake-connector.js';
import { createPipelineHarness, harnessTable } from '../helpers/pipeline-harness.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';

const orders = harnessTable('orders', { id: 'integer', note: 'varchar' });
const listOrders = '<sql>SELECT id, note FROM orders</sql>';

async function answered(sales: FakeConnector, maxRows?: number) {
  const harness = await createPipelineHarness({
    sources: [{ name: 'sales', connector: sales, tables: [orders], ...(maxRows === undefined ? {} : { maxRows }) }],
    model: new ScriptedLanguageModel([listOrders, 'Some orders.']),
  });
  const response = await harness.ask({ question: 'List the orders', maxRows: 2 });
  return { harness, queryId: response.queryId as string };
}

const text = (chunks: Iterable<string>) => [...chunks].join('');

describe('rows.csv: a recorded query run again in full', () => {
  it('checks the statement as the model wrote it again, with the download cap as its LIMIT, and renders CSV', async () => {
    const sales = new FakeConnector({ sourceName: 'sales', columns: [{ name: 'id', type: 'integer' }, { name: 'note', type: 'varchar' }], fallback: { rows: [[1, 'a'], [2, 'b, "c"'], [3, null]] } });
    const { harness, queryId } = await answered(sales);
    const download = await harness.pipeline.downloadRows({ queryId, client: undefined, allowedSources: undefined, rowCap: 50 });
    expect(text(download.chunks)).toBe('id,note\n1,a\n2,"b, ""c"""\n3,\n');
    expect(download.truncated).toBe(false);
    expect(sales.calls.map((call) => [call.sql.replace(/\s+/g, ' '), call.options.maxRows])).toEqual([
      ['SELECT id, note FROM orders LIMIT 3', 2],
      ['SELECT id, note FROM orders LIMIT 51', 50],
    ]);
  });

  it("caps the download at the source's own maxRows and says it was cut", async () => {
    const sales = new FakeConnector({ sourceName: 'sales', fallback: { rows: [[1], [2], [3], [4]] } });
    const { harness, queryId } = await answered(sales, 3);
    const download = await harness.pipeline.downloadRows({ queryId, client: undefined, allowedSources: undefined, rowCap: 100 });
    expect(download.truncated).toBe(true);
    expect(sales.calls[1]?.options.maxRows).toBe(3);
  });

  it("answers another client's id, or one its key no longer reaches, like an unknown id", async () => {
    const { harness, queryId } = await answered(new FakeConnector({ sourceName: 'sales', fallback: { rows: [[1]] } }));
    const ask = (client: string | undefined, allowedSources: ReadonlySet<string> | undefined) => harness.pipeline.downloadRows({ queryId, client, allowedSources, rowCap: 10 });
    await expect(ask('someone-else', undefined)).rejects.toMatchObject({ code: 'SWY_ERR_NOT_FOUND' });
    await expect(ask(undefined, new Set(['hr']))).rejects.toMatchObject({ code: 'SWY_ERR_NOT_FOUND' });
  });

  it('refuses a stored statement the guard no longer allows under the current catalog', async () => {
    const sales = new FakeConnector({ sourceName: 'sales', fallback: { rows: [[1, 'a']] } });
    const { harness, queryId } = await answered(sales);
    harness.catalog.replaceSources([{ name: 'sales', connector: sales, tables: [harnessTable('orders', { id: 'integer', note: 'varchar' }, [], ['note'])] }]);
    await expect(harness.pipeline.downloadRows({ queryId, client: undefined, allowedSources: undefined, rowCap: 10 })).rejects.toMatchObject({
      code: 'SWY_ERR_SQL_REJECTED',
      details: { rule: 'pii-column' },
    });
    expect(sales.calls).toHaveLength(1);
  });
});
