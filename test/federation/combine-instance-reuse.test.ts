import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/connectors/connector.js';
import { runCombineStep, type CombinePartRows } from '../../src/federation/combine-engine.js';
import { idleSandboxedInstances, sandboxedInstancesReturned } from '../../src/federation/combine-sandbox.js';
import type { FederatedPart } from '../../src/federation/federated-plan.js';

const memoryLimitMb = 96;
const threads = 1;

function part(source: string, table: string, rows: unknown[][]): CombinePartRows {
  const value: FederatedPart = {
    index: 1, source, dialect: 'postgres', table, combineTable: `${source}.${table}`, columns: ['id'], columnTypes: ['integer'],
    pushedFilters: [], sql: '', requestLanguage: 'sql', statements: [], rowCap: 1000, keyFilters: [], tableColumns: [],
  };
  return { part: value, result: { columns: [{ name: 'id', type: 'integer' }], rows, truncated: false } };
}

async function combine(combineSql: string, parts: CombinePartRows[] = [part('hr', 'people', [[1], [2]])]): Promise<QueryResult> {
  const result = await runCombineStep({ combineSql, parts, maxRows: 100, memoryLimitMb, timeoutMs: 20_000, threads });
  await sandboxedInstancesReturned();
  return result;
}

describe('a combine instance serving one answer after another', () => {
  it('is kept after an answer that succeeded, holding nothing of that answer', async () => {
    await combine('SELECT count(*) FROM hr.people');
    expect(idleSandboxedInstances(memoryLimitMb, threads)).toBeGreaterThan(0);
    const seen = await combine(
      "SELECT (SELECT string_agg(database_name, ',' ORDER BY database_name) FROM duckdb_databases() WHERE NOT internal), (SELECT string_agg(table_name, ',') FROM duckdb_tables())",
      [part('legal', 'claims', [[7]])],
    );
    expect(seen.rows).toEqual([['legal,memory', 'claims']]);
  });

  it.each([
    ['a macro', 'CREATE MACRO leaked(x) AS x', "SELECT count(*) FROM duckdb_functions() WHERE function_name = 'leaked'"],
    ['a table in its own database', 'CREATE TABLE memory.main.leaked AS SELECT 42 AS answer', "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'leaked'"],
    ['a schema', 'CREATE SCHEMA memory.leaked', "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'leaked'"],
    ['an attached database', "ATTACH ':memory:' AS leaked", "SELECT count(*) FROM duckdb_databases() WHERE database_name = 'leaked'"],
    ['logging turned on', "SELECT * FROM enable_logging(level := 'debug')", "SELECT count(*) FROM duckdb_settings() WHERE name = 'enable_logging' AND value NOT IN ('0', 'false')"],
  ])('never hands %s left by a statement that slipped past the guard to a later answer', async (_label, statement, probe) => {
    await combine(statement).catch(() => undefined);
    for (let answer = 0; answer < 3; answer += 1) expect((await combine(probe)).rows).toEqual([[0]]);
  });

  it('is closed, not kept, after an answer that failed', async () => {
    // Two answers at once give two instances back: as many as are kept idle.
    await Promise.all([combine('SELECT 1'), combine('SELECT 2')]);
    expect(idleSandboxedInstances(memoryLimitMb, threads)).toBe(2);
    await expect(combine('SELECT nope FROM hr.people')).rejects.toMatchObject({ code: 'SWY_ERR_QUERY_FAILED' });
    await sandboxedInstancesReturned();
    expect(idleSandboxedInstances(memoryLimitMb, threads)).toBe(1);
  });
});
