import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChunkQueryResult, QueryResult } from '../../src/connectors/connector.js';
import { readDuckDbChunks, readDuckDbRows } from '../../src/connectors/duckdb/duckdb-result-reader.js';
import { chunksKeepTypes } from '../../src/federation/combine-chunk-appender.js';
import { runCombineStep } from '../../src/federation/combine-engine.js';
import type { FederatedPart } from '../../src/federation/federated-plan.js';
import { forEachPartColumnValue, jsonSizeOf, partJsonSize } from '../../src/federation/part-result-reader.js';
import { manyTypesSql } from '../connectors/duckdb-type-samples.js';

// A plain in-memory DuckDB stands for a DuckDB source: its results are read as rows and as chunks.
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
});

/** Every type the combine step keeps as it is, with NULLs and extremes. */
const keptTypesSql = `
  SELECT i::INTEGER AS int_col, (i - 3)::TINYINT AS tiny, i::UINTEGER AS uint, CASE WHEN i = 2 THEN 9007199254740993 ELSE i END::BIGINT AS big,
    (i * 1000000000000)::HUGEINT AS huge, 18446744073709551615::UBIGINT AS ubig, CASE i WHEN 1 THEN 'nan'::DOUBLE WHEN 3 THEN NULL ELSE i / 3 END AS dbl,
    (i / 7)::FLOAT AS flt, (i * 1.25)::DECIMAL(8, 2) AS dec_small, 123456789012345678.5::DECIMAL(20, 1) AS dec_big, DATE '2024-02-27' + (i % 3)::INTEGER AS day,
    TIMESTAMP '2024-01-01 10:00:00.123456' + INTERVAL (i) HOUR AS ts, TIMESTAMPTZ '2024-01-01 10:00:00+00' AS tstz, TIME '12:34:56' AS tm,
    'tëxt ' || i AS txt, i % 2 = 0 AS flag, 'a5f2b2e0-7c1b-4f0a-9a3e-2b0b6c3c9d10'::UUID AS id
  FROM range(1, 6) t(i)`;

function partOf(result: QueryResult | ChunkQueryResult, tableColumns: { name: string; type: string }[] = []): FederatedPart {
  const columns = result.columns.map((column) => column.name);
  return {
    index: 1, source: 'src', dialect: 'duckdb', table: 't', combineTable: 'src.t', columns, columnTypes: result.columns.map((column) => column.type),
    pushedFilters: [], sql: '', requestLanguage: 'sql', statements: [], rowCap: 1000, keyFilters: [], tableColumns,
  };
}

function combine(sql: string, part: FederatedPart, result: QueryResult | ChunkQueryResult): Promise<QueryResult> {
  return runCombineStep({ combineSql: sql, parts: [{ part, result }], maxRows: 100, memoryLimitMb: 128, timeoutMs: 20_000, threads: 1 });
}

describe('a part read as DuckDB chunks', () => {
  it.each([
    ['types kept as they are', keptTypesSql, true],
    ['types that go through JSON-safe rows (lists, structs, intervals, blobs)', manyTypesSql, false],
  ])('gives the combine step the rows and types its JSON-safe rows give: %s', async (_label, sql, kept) => {
    const rows = await readDuckDbRows(connection, sql, 100);
    const chunks = await readDuckDbChunks(connection, sql, 100);
    expect(chunksKeepTypes(chunks)).toBe(kept);
    const fromRows = await combine('SELECT * FROM src.t ORDER BY 1', partOf(rows), rows);
    const fromChunks = await combine('SELECT * FROM src.t ORDER BY 1', partOf(chunks), chunks);
    expect(fromChunks).toEqual(fromRows);
  });

  it('measures the same JSON size and gives the same column values as the rows', async () => {
    const rows = await readDuckDbRows(connection, manyTypesSql, 100);
    const chunks = await readDuckDbChunks(connection, manyTypesSql, 100);
    expect(partJsonSize(chunks)).toBe(jsonSizeOf(rows.rows));
    const values: unknown[] = [];
    forEachPartColumnValue(chunks, 5, (value) => values.push(value));
    expect(values).toEqual(rows.rows.map((row) => row[5]));
  });

  it('keeps every catalog column at its position when only some are extracted, the others NULL', async () => {
    const chunks = await readDuckDbChunks(connection, 'SELECT i AS b, i * 10 AS d FROM range(3) t(i)', 100);
    const part = partOf(chunks, [{ name: 'a', type: 'varchar' }, { name: 'b', type: 'bigint' }, { name: 'c', type: 'date' }, { name: 'd', type: 'bigint' }]);
    const result = await combine('SELECT x.*, y.q FROM src.t AS x(v, w) JOIN src.t AS y(p, q, r, s) ON y.s = x.d ORDER BY x.w', part, chunks);
    expect(result.rows).toEqual([[null, 0, null, 0, 0], [null, 1, null, 10, 1], [null, 2, null, 20, 2]]);
    expect(result.columns.map((column) => column.type)).toEqual(['varchar', 'bigint', 'date', 'bigint', 'bigint']);
  });
});
