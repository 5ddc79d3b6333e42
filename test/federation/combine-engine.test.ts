import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { QueryResult } from '../../src/connectors/connector.js';
import { runCombineStep, type CombinePartRows } from '../../src/federation/combine-engine.js';
import type { FederatedPart } from '../../src/federation/federated-plan.js';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'swy-combine-'));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A part as the runner hands it over: columns named, rows aligned, types as the engine reported. */
function loaded(source: string, table: string, dialect: string, columns: [string, string][], rows: unknown[][]): CombinePartRows {
  const part: FederatedPart = {
    index: 1, source, dialect, table, combineTable: `${source}.${table}`, columns: columns.map(([name]) => name), columnTypes: columns.map(([, type]) => type),
    pushedFilters: [], sql: '', requestLanguage: dialect === 'openapi' ? 'http-get' : 'sql', statements: [], rowCap: 1000, keyFilters: [], tableColumns: [],
  };
  return { part, result: { columns: columns.map(([name, type]) => ({ name, type })), rows, truncated: false } };
}

const people = loaded('hr', 'people', 'postgres', [['id', 'integer'], ['name', 'text']], [[1, 'Ada'], [2, 'Grace']]);

function combine(combineSql: string, parts: CombinePartRows[] = [people], extra: { timeoutMs?: number; memoryLimitMb?: number; signal?: AbortSignal } = {}): Promise<QueryResult> {
  return runCombineStep({ combineSql, parts, maxRows: 100, memoryLimitMb: extra.memoryLimitMb ?? 256, timeoutMs: extra.timeoutMs ?? 20_000, threads: 2, ...(extra.signal ? { signal: extra.signal } : {}) });
}

describe('the combine step', () => {
  it('joins parts of several sources by their source-qualified names, schema-qualified tables included', async () => {
    const claims = loaded('legal', 'claims', 'mysql', [['adjuster', 'int'], ['amount', 'decimal(10,2)']], [[1, 10.5], [1, '20.25'], [2, 3]]);
    const orders = loaded('crm', 'analytics.orders', 'snowflake', [['person', 'number(38,0)']], [[2]]);
    const result = await combine(
      'SELECT p.name, sum(c.amount) AS total, count(o.person) AS orders FROM hr.people p JOIN legal.claims c ON c.adjuster = p.id LEFT JOIN crm.analytics.orders o ON o.person = p.id GROUP BY p.name ORDER BY p.name',
      [people, claims, orders],
    );
    expect(result.rows).toEqual([['Ada', 30.75, 0], ['Grace', 3, 1]]);
    expect(result.columns.map((column) => column.type)).toEqual(['varchar', 'decimal(38,2)', 'bigint']);
  });

  it('reads one row past maxRows and says the result is truncated', async () => {
    const result = await runCombineStep({ combineSql: 'SELECT range FROM range(10)', parts: [people], maxRows: 3, memoryLimitMb: 64, timeoutMs: 10_000 });
    expect(result).toMatchObject({ rows: [[0], [1], [2]], truncated: true });
  });
});

describe('type round trips into the combine step', () => {
  it.each([
    ['bigint beyond 2^53 (a string)', 'postgres', 'bigint', ['9007199254740993', 5, null], ['9007199254740993', 5, null], 'bigint'],
    ['unsigned bigint', 'mysql', 'bigint unsigned', ['18446744073709551615', null], ['18446744073709551615', null], 'ubigint'],
    ['decimal with scale', 'postgres', 'numeric(20,2)', [1234.5, '123456789012345678.99', null], [1234.5, '123456789012345678.99', null], 'decimal(20,2)'],
    ['numeric without precision', 'postgres', 'numeric', ['1.5', '123456789012345678901234.125', null], [1.5, '123456789012345678901234.125', null], 'decimal(27,3)'],
    ['snowflake number(38,0)', 'snowflake', 'number(38,0)', ['12345678901234567890123', 7], ['12345678901234567890123', 7], 'decimal(38,0)'],
    ['double', 'postgres', 'double precision', [0.1, -2.5e-300, null], [0.1, -2.5e-300, null], 'double'],
    ['snowflake float (8 bytes)', 'snowflake', 'float', [0.1], [0.1], 'double'],
    ['real (4 bytes)', 'postgres', 'real', [Math.fround(0.1), 3], [Math.fround(0.1), 3], 'float'],
    ['sqlite real (8 bytes)', 'sqlite', 'real', [0.1], [0.1], 'double'],
    ['sqlite float(4,1), MySQL-style precision and scale', 'sqlite', 'float(4,1)', [76.7, 9.5, null], [76.7, 9.5, null], 'double'],
    ['MySQL double(10,2)', 'mysql', 'double(10,2)', [1234.5, -0.25], [1234.5, -0.25], 'double'],
    ['date', 'mysql', 'date', ['2024-02-29', null], ['2024-02-29', null], 'date'],
    ['timestamp', 'postgres', 'timestamp without time zone', ['2024-01-01T10:00:00.123Z', null], ['2024-01-01T10:00:00.123Z', null], 'timestamp'],
    ['timestamp with time zone', 'postgres', 'timestamp with time zone', ['2024-01-01T10:00:00.000Z'], ['2024-01-01T10:00:00.000Z'], 'timestamp with time zone'],
    ['snowflake timestamp_ntz', 'snowflake', 'timestamp_ntz', ['2013-07-01T00:00:00.000Z'], ['2013-07-01T00:00:00.000Z'], 'timestamp'],
    ['boolean', 'postgres', 'boolean', [true, false, null], [true, false, null], 'boolean'],
    ['MySQL boolean (tinyint(1))', 'mysql', 'tinyint(1)', [true, false], [true, false], 'boolean'],
    ['text with quotes and JSON-looking values', 'postgres', 'text', [`it's "x"`, '[1,2]', '', null], [`it's "x"`, '[1,2]', '', null], 'varchar'],
    ['JSON objects', 'postgres', 'jsonb', [{ a: 1 }, [1, 2]], ['{"a":1}', '[1,2]'], 'varchar'],
    ['sqlite integer column holding text (widened)', 'sqlite', 'integer', [1, 'abc'], ['1', 'abc'], 'varchar'],
    ['sqlite integer column holding a fraction (widened)', 'sqlite', 'integer', [1, 2.5], [1, 2.5], 'double'],
    ['REST date from the catalog', 'openapi', 'date', ['2024-06-01', null], ['2024-06-01', null], 'date'],
  ])('%s', async (_label, dialect, type, values, expected, duckType) => {
    const part = loaded('src', 't', dialect, [['v', type]], values.map((value) => [value]));
    const result = await combine('SELECT v FROM src.t', [part]);
    expect(result.rows.map(([value]) => value)).toEqual(expected);
    expect(result.columns).toEqual([{ name: 'v', type: duckType }]);
  });

  it('fails the load loudly, naming the part, when a typed engine sent a value its type cannot hold', async () => {
    const part = loaded('src', 't', 'postgres', [['v', 'integer']], [['not a number']]);
    await expect(combine('SELECT v FROM src.t', [part])).rejects.toMatchObject({ code: 'SWY_ERR_INTERNAL', message: expect.stringContaining('Part #1 (src.t) could not be loaded') });
  });
});

describe('combine failures', () => {
  it('a query DuckDB refuses is repairable, with DuckDB’s own message', async () => {
    const failure = await combine('SELECT p.nope FROM hr.people p').catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'SWY_ERR_QUERY_FAILED', details: { step: 'combine', engineCode: 'Binder Error' } });
    expect((failure as Error).message).toMatch(/^The combine step \(DuckDB\): Binder Error: .*nope/s);
  });

  it('a query past the time limit is interrupted', async () => {
    await expect(combine('SELECT sum(hash(a.range)) FROM range(1000000000000) a', [people], { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'SWY_ERR_QUERY_TIMEOUT',
      message: expect.stringContaining('SWITCHYARD_FEDERATION_COMBINE_TIMEOUT_MS'),
    });
  });

  it('the caller’s signal cancels it', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await expect(combine('SELECT sum(hash(a.range)) FROM range(1000000000000) a', [people], { signal: controller.signal })).rejects.toMatchObject({ code: 'SWY_ERR_QUERY_CANCELLED' });
  });

  it('a query past the memory limit fails with its own code, naming the setting', async () => {
    await expect(combine("SELECT count(DISTINCT range::VARCHAR || repeat('x', 100)) FROM range(5000000)", [people], { memoryLimitMb: 32 })).rejects.toMatchObject({
      code: 'SWY_ERR_FEDERATION_COMBINE_OUT_OF_MEMORY',
      message: expect.stringContaining('SWITCHYARD_FEDERATION_COMBINE_MEMORY_MB'),
    });
  });
});

describe('the combine sandbox, even for SQL the guard would never pass', () => {
  const target = path.join(scratch, 'written.csv');

  it.each([
    ['a file-reading function', `SELECT * FROM read_csv('/etc/passwd')`],
    ['a file named as a table', `SELECT * FROM '/etc/passwd'`],
    ['ATTACH of a database file', `ATTACH '${path.join(scratch, 'other.duckdb')}' AS other`],
    ['COPY to a file', `COPY (SELECT 1) TO '${target}'`],
    ['a setting change', `SET memory_limit = '64GB'`],
    ['a setting change with a PRAGMA', `PRAGMA threads = 64`],
    ['an extension install', 'INSTALL httpfs'],
    ['an extension load', 'LOAD httpfs'],
    ['an environment read', `SELECT getenv('HOME')`],
    ['a glob of the file system', `SELECT * FROM glob('/etc/*')`],
    ['a three-part name of a database that is not attached', 'SELECT * FROM other.main.people'],
  ])('refuses %s', async (_label, sql) => {
    await expect(combine(sql)).rejects.toMatchObject({ code: 'SWY_ERR_QUERY_FAILED' });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('holds no database but the sources’ in-memory ones', async () => {
    const result = await combine("SELECT database_name, path FROM duckdb_databases() WHERE NOT internal ORDER BY database_name");
    expect(result.rows).toEqual([['hr', null], ['memory', null]]);
  });

  it('survives a statement that points logging at a file it may not write (closing such an instance would crash the process)', async () => {
    const logs = path.join(scratch, 'logs');
    await combine(`SELECT * FROM enable_logging(storage := 'file', storage_path := '${logs}')`).catch(() => undefined);
    expect(fs.existsSync(logs)).toBe(false);
    // The process is alive and the next combine step works on a fresh instance.
    expect((await combine('SELECT count(*) FROM hr.people')).rows).toEqual([[2]]);
  });
});
