import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src/errors/error-codes.js';
import { formatCell, formatNumber, formatTimestamp } from '../../src/web/cell-formatter.js';
import { errorAdvice } from '../../src/web/error-advice.js';
import { keptPlan } from '../../src/web/plan-formatter.js';
import { ThreadHistory, threadItem } from '../../src/web/thread-history.js';

/** An in-memory Storage, as sessionStorage behaves. */
function memoryStorage(): { getItem(key: string): string | null; setItem(key: string, value: string): void; removeItem(key: string): void; items: Map<string, string> } {
  const items = new Map<string, string>();
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value), removeItem: (key) => void items.delete(key) };
}

// The page's modules that touch no DOM, run in Node: how cells read, what each error advises, what a reload keeps.
describe('cell formatting', () => {
  it('groups amounts for the locale with sensible decimals', () => {
    expect(formatCell(39070, { name: 'tickets_sold', type: 'hugeint' }, 'en-US')).toEqual({ text: '39,070', kind: 'number' });
    expect(formatCell(87614.0612, { name: 'average_salary', type: 'double' }, 'en-US').text).toBe('87,614.06');
    expect(formatCell(0.012345, { name: 'ratio', type: 'double' }, 'en-US').text).toBe('0.0123');
    expect(formatCell(-27.44, { name: 'percent_change', type: 'double' }, 'en-US').text).toBe('-27.44');
    expect(formatCell(1234.5, { name: 'amount', type: 'decimal(10,2)' }, 'de-DE').text).toBe('1.234,5');
    // Past 2^53 the service sends a string; every digit survives.
    expect(formatNumber('123456789012345678901', 'en-US')).toBe('123,456,789,012,345,678,901');
    expect(formatCell('17776944.00', { name: 'revenue', type: 'decimal(38,2)' }, 'en-US').text).toBe('17,776,944');
  });

  it('leaves years, months and ids as they are', () => {
    expect(formatCell(2008, { name: 'year', type: 'bigint' }, 'en-US').text).toBe('2008');
    expect(formatCell(12, { name: 'month_number', type: 'bigint' }, 'en-US').text).toBe('12');
    expect(formatCell(37801, { name: 'emp_no', type: 'integer' }, 'en-US').text).toBe('37801');
    expect(formatCell(17003, { name: 'userid', type: 'integer' }, 'en-US').text).toBe('17003');
    expect(formatCell(1500, { name: 'pricepaid', type: 'decimal(8,2)' }, 'en-US').text).toBe('1,500');
  });

  it('shows NULL as a word of its own kind, and timestamps without noise', () => {
    expect(formatCell(null, { name: 'likesports', type: 'boolean' })).toEqual({ text: 'NULL', kind: 'null' });
    expect(formatCell(undefined, undefined)).toEqual({ text: 'NULL', kind: 'null' });
    expect(formatCell('NULL', { name: 'note', type: 'varchar' })).toEqual({ text: 'NULL', kind: 'text' });
    expect(formatTimestamp('2008-01-01T00:00:00.000Z')).toBe('2008-01-01');
    expect(formatTimestamp('2008-01-05T14:30:00.000Z')).toBe('2008-01-05 14:30:00');
    expect(formatCell('2016-03-01', { name: 'date', type: 'date' }).text).toBe('2016-03-01');
    expect(formatCell('San Diego', { name: 'city', type: 'varchar' })).toEqual({ text: 'San Diego', kind: 'text' });
  });
});

describe('error advice', () => {
  it('says what to do for every error code the service has', () => {
    for (const code of Object.keys(errorCodes)) {
      const advice = errorAdvice({ error: { code, message: 'x' } });
      expect(advice, code).not.toMatch(/^Try again; if it persists, ask whoever runs Switchyard\.$/);
    }
  });

  it('adds the wait the service asks for', () => {
    expect(errorAdvice({ error: { code: 'SWY_ERR_SOURCE_NOT_LOADED', message: 'x', details: { retryAfterSeconds: 7 } } })).toContain('Retry in about 7 s.');
  });

  it('names the part of a federated answer an error is about, whatever its code', () => {
    const tooLarge = errorAdvice({ error: { code: 'SWY_ERR_FEDERATION_PART_TOO_LARGE', message: 'x', details: { part: 2, source: 'hr', table: 'employees', limit: 200000 } } });
    expect(tooLarge).toMatch(/^Part 2 \(hr\.employees\): This answer needs more rows from that table than Switchyard moves between sources/);
    expect(tooLarge).toContain('Narrow the question');
    expect(tooLarge).toContain('Trino source');
    expect(errorAdvice({ error: { code: 'SWY_ERR_SOURCE_UNAVAILABLE', message: 'x', details: { part: 1, source: 'legal', table: 'legal.claims', retryAfterSeconds: 5 } } })).toBe(
      'Part 1 (legal.claims): The database did not answer. Try again shortly; if it persists, ask whoever runs Switchyard to check that source. (Retry in about 5 s.)',
    );
    expect(errorAdvice({ error: { code: 'SWY_ERR_QUERY_TIMEOUT', message: 'x', details: { part: 3 } } })).toMatch(/^Part 3: Narrow the question/);
    // Details that name no part (or not as a number) add nothing.
    expect(errorAdvice({ error: { code: 'SWY_ERR_QUERY_TIMEOUT', message: 'x', details: { part: 'two', table: 'employees' } } })).toMatch(/^Narrow the question/);
  });
});

describe('thread history', () => {
  it('keeps turns and the conversation for a reload, replaces a re-asked turn in place, and clears', () => {
    const storage = memoryStorage();
    const history = new ThreadHistory(storage);
    expect(history.load()).toEqual({ conversationId: undefined, turns: [] });
    history.record({ id: 'a', question: 'How many in 2008?', answer: '10' }, 'c1');
    history.record({ id: 'b', question: 'And in 2009?', answer: '12' }, 'c1');
    history.record({ id: 'a', question: 'How many in 2008?', answer: '11' }, 'c1');
    const kept = new ThreadHistory(storage).load();
    expect(kept.conversationId).toBe('c1');
    expect(kept.turns.map((turn) => [turn.id, turn.answer])).toEqual([['a', '11'], ['b', '12']]);
    history.clear();
    expect(new ThreadHistory(storage).load().turns).toEqual([]);
  });

  it('keeps a federated answer with its plan, as the page kept it, through a reload', () => {
    const storage = memoryStorage();
    const plan = {
      engine: 'duckdb',
      sources: ['legal', 'hr'],
      combineSql: 'SELECT e.last_name, COUNT(*) AS claims FROM legal.claims c JOIN hr.employees e ON e.emp_no = c.adjuster_emp_no GROUP BY 1',
      parts: [
        { index: 1, source: 'legal', table: 'claims', sql: 'SELECT adjuster_emp_no FROM claims', pushedFilters: [], rows: 1204, bytes: 48213, milliseconds: 35.2 },
        { index: 2, source: 'hr', table: 'employees', sql: "SELECT emp_no, last_name FROM employees WHERE last_name <> ''", pushedFilters: ["e.last_name <> ''"], rows: 2000, bytes: 91540, milliseconds: 40 },
      ],
      combineMilliseconds: 12.4,
    };
    const turn = {
      id: 'f',
      question: 'Claims per adjuster?',
      route: 'legal + hr: legal.claims, hr.employees',
      query: { http: false, text: plan.combineSql, heading: 'SQL: DuckDB over legal + hr' },
      plan: { plan, source: 'legal+hr', kinds: { legal: 'duckdb', hr: 'duckdb' } },
    };
    new ThreadHistory(storage).record(turn, undefined);
    const kept = new ThreadHistory(storage).load().turns[0]!;
    expect(kept).toEqual(turn);
    expect(keptPlan((kept.plan as { plan: unknown }).plan)).toEqual(plan);
  });

  it('survives a damaged item and works without storage', () => {
    const storage = memoryStorage();
    storage.setItem(threadItem, '{not json');
    expect(new ThreadHistory(storage).load().turns).toEqual([]);
    const inMemory = new ThreadHistory(null);
    inMemory.record({ id: 'a', question: 'q' }, undefined);
    expect(inMemory.load().turns).toHaveLength(1);
  });
});
