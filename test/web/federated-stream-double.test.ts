import { describe, expect, it } from 'vitest';
import type { QueryEvent } from '../../src/schemas/query-event-schema.js';
import { claimsPart, failedPartEvents, federatedAnswerSteps, federatedRoute, trinoAnswerEvents } from './federated-answer-script.js';
import { assertWireEvents } from './federated-stream-double.js';

// The test double of /query/stream the page tests use for federated answers must refuse what the real
// route could not send, so its scripts stay in step with the published schemas.
describe('the federated /query/stream test double', () => {
  it('accepts the scripted answers the page tests send', () => {
    expect(() => assertWireEvents(federatedAnswerSteps().flat())).not.toThrow();
    expect(() => assertWireEvents(trinoAnswerEvents())).not.toThrow();
    expect(() => assertWireEvents(failedPartEvents())).not.toThrow();
  });

  it('refuses events the schemas do not allow', () => {
    const [done] = federatedAnswerSteps().flat().filter((event) => event.event === 'done') as Extract<QueryEvent, { event: 'done' }>[];
    const { rows: _rows, ...partWithoutRows } = claimsPart;
    const invalid = [
      [federatedRoute, partWithoutRows, done],
      [federatedRoute, { ...claimsPart, index: 0 }, done],
      [federatedRoute, { ...done, plan: { ...done!.plan!, engine: 'spark' } }],
      [federatedRoute, { ...done, plan: { ...done!.plan!, parts: [{ ...done!.plan!.parts[0]!, pushedFilters: 'c.fraud = 1' }] } }],
      [federatedRoute, { event: 'error', status: 500, error: { code: 'SWY_ERR_NO_SUCH_CODE', message: 'x' } }],
    ];
    for (const events of invalid) expect(() => assertWireEvents(events as QueryEvent[]), JSON.stringify(events[1]).slice(0, 80)).toThrow(/is not a QueryEvent/);
  });

  it("refuses a stream that does not start and end as the real route's do", () => {
    const [done] = federatedAnswerSteps().flat().filter((event) => event.event === 'done');
    expect(() => assertWireEvents([federatedRoute, claimsPart])).toThrow(/exactly one `done` or `error`/);
    expect(() => assertWireEvents([federatedRoute, done!, claimsPart])).toThrow(/exactly one `done` or `error`/);
    expect(() => assertWireEvents([claimsPart, done!])).toThrow(/starts with `route`/);
  });
});
