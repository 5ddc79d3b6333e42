import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../../src/errors/switchyard-error.js';
import type { PipelineObserver } from '../../src/metrics/pipeline-observer.js';
import { FakeConnector } from '../helpers/fake-connector.js';
import { createPipelineHarness, harnessTable } from '../helpers/pipeline-harness.js';
import { ScriptedLanguageModel } from '../helpers/scripted-language-model.js';

const countOrders = '<sql>SELECT COUNT(*) AS n FROM orders</sql>';
const orders = harnessTable('orders', { id: 'integer', amount: 'decimal' });

/** An observer that keeps every completion event. */
function completions(): { observer: PipelineObserver; events: Parameters<NonNullable<PipelineObserver['onComplete']>>[0][] } {
  const events: Parameters<NonNullable<PipelineObserver['onComplete']>>[0][] = [];
  return { observer: { onComplete: (event) => events.push(event) }, events };
}

describe('every answer settles with one completion event', () => {
  it('for an answer, a replay from the cache and a refusal alike', async () => {
    const sales = new FakeConnector({ sourceName: 'sales', fallback: { rows: [[3]] } });
    const model = new ScriptedLanguageModel([countOrders, 'Three.', '<sql>DELETE FROM orders</sql>']);
    const harness = await createPipelineHarness({ sources: [{ name: 'sales', connector: sales, tables: [orders] }], model });
    const { observer, events } = completions();

    await harness.ask('How many orders?', { observer });
    await harness.ask('How many orders?', { observer });
    await expect(harness.ask('Remove every order', { observer })).rejects.toMatchObject({ code: 'SWY_ERR_SQL_REJECTED' });

    expect(events.map((event) => [event.cache, event.response?.rows ?? null, (event.error as SwitchyardError | undefined)?.code ?? null])).toEqual([
      ['miss', [[3]], null],
      ['hit', [[3]], null],
      ['miss', null, 'SWY_ERR_SQL_REJECTED'],
    ]);
    expect(events.every((event) => event.durationMs >= 0)).toBe(true);
  });

  it("ends at once with shutdown's error when the grace period ends, even while the source ignores the signal", async () => {
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The source never answers until released, and does not look at the abort signal.
    const sales = new FakeConnector({ sourceName: 'sales', fallback: async () => held.then(() => ({ rows: [[1]] })) });
    const model = new ScriptedLanguageModel([countOrders]);
    const harness = await createPipelineHarness({ sources: [{ name: 'sales', connector: sales, tables: [orders] }], model });
    const { observer, events } = completions();
    const shutdown = new AbortController();

    const answering = harness.ask('How many orders?', { observer, signal: shutdown.signal });
    await expect.poll(() => sales.calls.length).toBe(1);
    shutdown.abort(new SwitchyardError('SWY_ERR_SHUTTING_DOWN', 'The service is shutting down'));
    await expect(answering).rejects.toMatchObject({ code: 'SWY_ERR_SHUTTING_DOWN' });
    expect(events).toHaveLength(1);
    expect(events[0]?.error).toMatchObject({ code: 'SWY_ERR_SHUTTING_DOWN' });
    release();
  });
});
