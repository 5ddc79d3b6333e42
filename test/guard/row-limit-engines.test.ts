import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import pg from 'pg';
import { SqlGuard, type GuardVerdict } from '../../src/guard/sql-guard.js';
import { probeService } from '../helpers/services.js';

const postgres = await probeService('postgres');

// 20 rows: i = 0…19, g = i % 3, so g = 0 has 7 rows tied for first place in ORDER BY g.
const tieTable = { duckdb: 'CREATE TABLE t AS SELECT i, i % 3 AS g FROM range(20) r(i)', postgres: 'CREATE TEMP TABLE t AS SELECT i, i % 3 AS g FROM generate_series(0, 19) i' };

let guard: SqlGuard;
beforeAll(async () => {
  guard = await SqlGuard.create();
});

function allowedSql(verdict: GuardVerdict): string {
  if (!verdict.allowed) throw new Error(`rejected: ${verdict.rule}: ${verdict.reason}`);
  return verdict.sql;
}

/** Statements without a usable limit of their own, the rows each must return under a cap of 5, and how the guard caps it. */
const unboundedCases = [
  { sql: 'SELECT i FROM t ORDER BY i DESC LIMIT ALL', rows: [19, 18, 17, 16, 15], ran: 'SELECT i FROM t ORDER BY i DESC LIMIT 5' },
  { sql: 'SELECT i FROM t ORDER BY i DESC LIMIT all -- every row', rows: [19, 18, 17, 16, 15], ran: 'SELECT i FROM t ORDER BY i DESC LIMIT 5 -- every row' },
  { sql: 'SELECT i FROM t ORDER BY i DESC LIMIT NULL', rows: [19, 18, 17, 16, 15], ran: 'SELECT i FROM t ORDER BY i DESC LIMIT 5' },
  { sql: 'SELECT i FROM t ORDER BY i LIMIT ALL OFFSET 3', rows: [3, 4, 5, 6, 7], ran: 'SELECT i FROM t ORDER BY i LIMIT 5 OFFSET 3' },
  { sql: 'SELECT i FROM t ORDER BY i OFFSET 17 LIMIT ALL', rows: [17, 18, 19], ran: 'SELECT i FROM t ORDER BY i OFFSET 17 LIMIT 5' },
  { sql: 'SELECT i FROM t UNION SELECT g + 100 FROM t ORDER BY 1 DESC LIMIT ALL;', rows: [102, 101, 100, 19, 18], ran: 'SELECT i FROM t UNION SELECT g + 100 FROM t ORDER BY 1 DESC LIMIT 5' },
];

describe('LIMIT ALL and WITH TIES on DuckDB, through the guard then the engine', () => {
  let instance: DuckDBInstance;
  let connection: DuckDBConnection;
  beforeAll(async () => {
    instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    await connection.run(tieTable.duckdb);
  });
  afterAll(() => {
    connection?.closeSync();
    instance?.closeSync();
  });

  const run = async (sql: string) => (await connection.runAndReadAll(sql)).getRows().map((row) => Number(row[0]));

  it.each(unboundedCases)('caps $sql in place, keeping its ORDER BY and OFFSET', async ({ sql, rows, ran }) => {
    const verdict = guard.check({ sql, dialect: 'duckdb', allowedTables: ['t'], rowLimit: 5 });
    expect(verdict).toMatchObject({ allowed: true, limitApplied: true, sql: ran });
    expect(await run(allowedSql(verdict))).toEqual(rows);
  });

  it.each([
    'SELECT g FROM t ORDER BY g FETCH FIRST 2 ROWS WITH TIES',
    'SELECT i FROM (SELECT i, g FROM t ORDER BY g FETCH FIRST 1 ROW WITH TIES) AS firsts',
    'WITH firsts AS (SELECT g FROM t ORDER BY g FETCH NEXT 3 ROWS WITH TIES) SELECT count(*) FROM firsts',
  ])('refuses %s repairably, saying what DuckDB accepts instead', async (sql) => {
    // DuckDB's own parser has no WITH TIES: left to the engine the statement fails after the guard allowed it.
    await expect(run(sql)).rejects.toThrow(/syntax error at or near "WITH"/);
    const verdict = guard.check({ sql, dialect: 'duckdb', allowedTables: ['t'], rowLimit: 5 });
    expect(verdict).toMatchObject({ allowed: false, rule: 'parse-error' });
    expect(verdict.allowed ? '' : verdict.reason).toMatch(/DuckDB has no FETCH FIRST … WITH TIES.*rank\(\) OVER/);
    // The rewrite the reason proposes passes the guard and keeps every tie on DuckDB.
    const repaired = 'SELECT i FROM (SELECT i, rank() OVER (ORDER BY g) AS place FROM t) AS ranked WHERE place <= 2 ORDER BY i';
    expect(await run(allowedSql(guard.check({ sql: repaired, dialect: 'duckdb', allowedTables: ['t'], rowLimit: 100 })))).toEqual([0, 3, 6, 9, 12, 15, 18]);
  });
});

describe.skipIf(!postgres.available)('LIMIT ALL and WITH TIES on PostgreSQL, through the guard then the engine', () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
    await client.connect();
    await client.query(tieTable.postgres);
  });
  afterAll(async () => client?.end());

  const run = async (sql: string) => (await client.query<unknown[]>({ text: sql, rowMode: 'array' })).rows.map((row) => Number(row[0]));

  it.each(unboundedCases)('caps $sql in place, keeping its ORDER BY and OFFSET', async ({ sql, rows, ran }) => {
    const verdict = guard.check({ sql, dialect: 'postgres', allowedTables: ['t'], rowLimit: 5 });
    expect(verdict).toMatchObject({ allowed: true, limitApplied: true, sql: ran });
    expect(await run(allowedSql(verdict))).toEqual(rows);
  });

  it('keeps FETCH FIRST … WITH TIES and its ties when they fit under the cap', async () => {
    const sql = 'SELECT i FROM t ORDER BY g FETCH FIRST 2 ROWS WITH TIES';
    const rows = await run(allowedSql(guard.check({ sql, dialect: 'postgres', allowedTables: ['t'], rowLimit: 100 })));
    expect(rows.sort((left, right) => left - right)).toEqual([0, 3, 6, 9, 12, 15, 18]);
  });

  it('never returns more than the cap, however many rows tie', async () => {
    for (const sql of ['SELECT i FROM t ORDER BY g FETCH FIRST 2 ROWS WITH TIES', 'SELECT i FROM t ORDER BY g FETCH FIRST 500 ROWS WITH TIES']) {
      const verdict = guard.check({ sql, dialect: 'postgres', allowedTables: ['t'], rowLimit: 5 });
      expect(verdict).toMatchObject({ allowed: true, limitApplied: true });
      const rows = await run(allowedSql(verdict));
      expect(rows).toHaveLength(5);
      // Within the cap the rows are still the first ones in the statement's order: seven rows tie at g = 0.
      for (const row of rows) expect(row % 3).toBe(0);
    }
  });
});
