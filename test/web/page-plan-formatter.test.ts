import { describe, expect, it } from 'vitest';
import { connectorModules } from '../../src/connectors/connector-registry.js';
import type { FederatedPlanSummary } from '../../src/schemas/query-schema.js';
import {
  combineText,
  filtersText,
  formatBytes,
  formatDuration,
  keptPlan,
  partFigures,
  partProgress,
  planProgress,
  planSummary,
  queryHeading,
  routeText,
  sourceKindName,
  sourceText,
  trinoSourceName,
  trinoText,
} from '../../src/web/plan-formatter.js';

const claims = { index: 1, source: 'legal', table: 'claims', sql: 'SELECT adjuster_emp_no FROM claims WHERE fraud = 1', pushedFilters: ['c.fraud = 1'], rows: 1204, bytes: 48_213, milliseconds: 35.2 };
const employees = { index: 2, source: 'hr', table: 'employees', sql: 'SELECT emp_no, first_name FROM employees', pushedFilters: [], rows: 2000, bytes: 91_540, milliseconds: 1520.4 };
const plan: FederatedPlanSummary = { engine: 'duckdb', sources: ['legal', 'hr'], combineSql: 'SELECT 1', parts: [claims, employees], combineMilliseconds: 12.4 };
const trinoPlan: FederatedPlanSummary = { engine: 'trino', sources: ['legal', 'hr'], combineSql: 'SELECT 1', parts: [] };
const kinds = new Map([
  ['legal', 'athena'],
  ['hr', 'aurora-mysql'],
]);

// How the page words a federated answer, run in Node: the module touches no DOM.
describe('plan wording', () => {
  it('names every source kind the service has for people', () => {
    for (const { kind } of connectorModules) expect(sourceKindName(kind), kind).not.toBe(kind);
    expect(sourceKindName('trino')).toBe('Trino');
    expect(sourceKindName('cassandra')).toBe('cassandra');
    expect(sourceText('hr', kinds)).toBe('hr (Aurora MySQL)');
    expect(sourceText('sales', kinds)).toBe('sales');
    expect(sourceText('hr', undefined)).toBe('hr');
    // Own keys only: a source of kind "constructor" is shown as spelled.
    expect(sourceKindName('constructor')).toBe('constructor');
  });

  it('writes the route of a federated answer with its sources apart, and a single source as before', () => {
    expect(routeText({ source: 'legal+hr', tables: ['legal.claims', 'hr.employees'] })).toBe('legal + hr: legal.claims, hr.employees');
    expect(routeText({ source: 'sales', tables: ['users', 'sales'] })).toBe('sales: users, sales');
  });

  it('writes times and sizes short', () => {
    expect(formatDuration(0.44, 'en-US')).toBe('0.4 ms');
    expect(formatDuration(35.2, 'en-US')).toBe('35 ms');
    expect(formatDuration(999.4, 'en-US')).toBe('999 ms');
    expect(formatDuration(1520.4, 'en-US')).toBe('1.5 s');
    expect(formatDuration(125_000, 'en-US')).toBe('2 min 5 s');
    expect(formatDuration(1520.4, 'de-DE')).toBe('1,5 s');
    expect(formatBytes(512, 'en-US')).toBe('512 B');
    expect(formatBytes(1500, 'en-US')).toBe('1.5 kB');
    expect(formatBytes(48_213, 'en-US')).toBe('48 kB');
    expect(formatBytes(3_400_000, 'en-US')).toBe('3.4 MB');
    expect(formatBytes(12_000_000_000_000_000, 'en-US')).toBe('12,000 TB');
  });

  it('writes a part as it streams and as the finished plan lists it', () => {
    expect(partProgress(claims, 'en-US')).toBe('legal.claims: 1,204 rows in 35 ms');
    expect(partProgress({ ...claims, rows: 1 }, 'en-US')).toBe('legal.claims: 1 row in 35 ms');
    expect(partFigures(employees, 'en-US')).toBe('2,000 rows · 92 kB · 1.5 s');
    // A dry run's plan has parts that never ran.
    const planned = { index: 1, source: 'legal', table: 'claims', sql: 'SELECT 1', pushedFilters: [] };
    expect(partProgress(planned, 'en-US')).toBe('legal.claims: not run (dry run)');
    expect(partFigures(planned, 'en-US')).toBe('not run (dry run)');
    // A table the source names with its schema is not qualified twice.
    expect(partProgress({ ...claims, table: 'legal.claims' }, 'en-US')).toBe('legal.claims: 1,204 rows in 35 ms');
    expect(filtersText([])).toBe('No filter pushed down: every row of these columns was read.');
    expect(filtersText(['c.fraud = 1'])).toBe('Filters pushed down to the source:');
  });

  it('sums up a plan, streaming and finished', () => {
    expect(planProgress(1, 'en-US')).toBe('Plan: reading the sources, 1 part read so far');
    expect(planProgress(2, 'en-US')).toBe('Plan: reading the sources, 2 parts read so far');
    expect(planSummary(plan, 'legal+hr', kinds, 'en-US')).toBe('Plan: 2 parts from legal + hr, 3,204 rows moved, combined in DuckDB in 12 ms');
    const { combineMilliseconds: _time, ...untimed } = plan;
    expect(planSummary(untimed, 'legal+hr', kinds, 'en-US')).toBe('Plan: 2 parts from legal + hr, 3,204 rows moved, combined in DuckDB');
    const dryRun = { ...untimed, parts: [{ index: 1, source: 'legal', table: 'claims', sql: 'SELECT 1', pushedFilters: [] }] };
    expect(planSummary(dryRun, 'legal+hr', kinds, 'en-US')).toBe('Plan: 1 part from legal + hr, combined in DuckDB (dry run: nothing ran)');
    expect(combineText(plan, 'en-US')).toMatch(/^Combine step: DuckDB in 12 ms\. The parts were loaded into an embedded DuckDB, one schema per source/);
  });

  it('heads the SQL with the engine and every source, never one source, for a federated answer', () => {
    expect(queryHeading({ source: 'sales', requestLanguage: 'sql' })).toBe('SQL');
    expect(queryHeading({ source: 'product', requestLanguage: 'http-get' })).toBe('HTTP request');
    expect(queryHeading({ source: 'legal+hr', requestLanguage: 'sql', plan })).toBe('SQL: DuckDB over legal + hr');
    expect(queryHeading({ source: 'warehouse', plan: trinoPlan })).toBe('SQL: run by Trino source warehouse');
    expect(queryHeading({ source: 'legal+hr', plan: trinoPlan })).toBe('SQL: run by Trino over legal + hr');
  });

  it('finds the Trino source that ran a plan whole: by its kind, or as the answering source', () => {
    expect(trinoSourceName(trinoPlan, 'warehouse', kinds)).toBe('warehouse');
    const listed = { ...trinoPlan, sources: ['lakehouse', 'legal', 'hr'] };
    expect(trinoSourceName(listed, 'lakehouse+legal+hr', new Map([...kinds, ['lakehouse', 'trino']]))).toBe('lakehouse');
    expect(trinoSourceName(trinoPlan, 'legal+hr', kinds)).toBeUndefined();
    expect(trinoText(trinoPlan, 'warehouse', kinds)).toBe('Run whole by Trino source warehouse over legal + hr: no part was extracted, so no rows moved through Switchyard.');
    expect(trinoText(listed, 'lakehouse+legal+hr', new Map([['lakehouse', 'trino']]))).toBe('Run whole by Trino source lakehouse over legal + hr: no part was extracted, so no rows moved through Switchyard.');
    expect(trinoText(trinoPlan, 'legal+hr', kinds)).toBe('Run whole by a Trino source over legal + hr: no part was extracted, so no rows moved through Switchyard.');
    expect(planSummary(trinoPlan, 'warehouse', kinds, 'en-US')).toBe('Plan: run whole by Trino source warehouse');
  });

  it('draws a kept plan only when it has the shape the page draws', () => {
    expect(keptPlan(plan)).toBe(plan);
    expect(keptPlan(trinoPlan)).toBe(trinoPlan);
    expect(keptPlan(JSON.parse(JSON.stringify(plan)))).toEqual(plan);
    for (const damaged of [undefined, null, 'plan', { ...plan, engine: 'spark' }, { ...plan, sources: 'legal' }, { ...plan, parts: [{ ...claims, sql: 3 }] }, { ...plan, parts: [{ ...claims, pushedFilters: [1] }] }, { ...plan, parts: [null] }, { ...plan, combineMilliseconds: '12' }]) {
      expect(keptPlan(damaged), JSON.stringify(damaged)).toBeUndefined();
    }
  });
});
