import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbConnector } from '../../src/connectors/duckdb/duckdb-connector.js';
import { duckDbChunkRows, duckDbColumnConverter } from '../../src/connectors/duckdb/duckdb-chunk-rows.js';
import { duckDbJsonSafeConverter } from '../../src/connectors/duckdb/duckdb-value-converter.js';
import { manyTypesSql } from './duckdb-type-samples.js';

let directory: string;
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  directory = fs.mkdtempSync(path.join(os.tmpdir(), 'swy-chunk-rows-'));
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
});
afterAll(() => {
  connection.closeSync();
  instance.closeSync();
  fs.rmSync(directory, { recursive: true, force: true });
});

describe('DuckDB chunks read a column at a time', () => {
  it('give exactly the values the general converter gives, type by type', async () => {
    const result = await connection.runAndReadAll(manyTypesSql);
    const expected = result.convertRows(duckDbJsonSafeConverter);
    const converters = result.columnTypes().map(duckDbColumnConverter);
    const stream = await connection.stream(manyTypesSql);
    const actual: unknown[][] = [];
    for (let chunk = await stream.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await stream.fetchChunk()) actual.push(...duckDbChunkRows(chunk, converters));
    expect(actual).toEqual(expected);
    expect(actual[1]?.[5]).toBe('9007199254740993');
  });

  it('keep a date column’s texts right across many chunks', async () => {
    const sql = "SELECT DATE '2000-01-01' + (range % 5000)::INTEGER AS day FROM range(12000)";
    const expected = (await connection.runAndReadAll(sql)).convertRows(duckDbJsonSafeConverter);
    const stream = await connection.stream(sql);
    const converters = stream.columnTypes().map(duckDbColumnConverter);
    const actual: unknown[][] = [];
    for (let chunk = await stream.fetchChunk(); chunk !== null && chunk.rowCount > 0; chunk = await stream.fetchChunk()) actual.push(...duckDbChunkRows(chunk, converters));
    expect(actual).toEqual(expected);
  });
});

describe('the DuckDB connector’s chunks', () => {
  it('hold the rows execute returns, and say when there were more than maxRows', async () => {
    const file = path.join(directory, 'numbers.duckdb');
    const writer = await DuckDBInstance.create(file);
    const seed = await writer.connect();
    await seed.run('CREATE TABLE numbers AS SELECT range AS n, range::VARCHAR AS label FROM range(5000)');
    seed.closeSync();
    writer.closeSync();
    const connector = new DuckDbConnector({ name: 'numbers', kind: 'duckdb', connection: { database: file } });
    try {
      const options = { maxRows: 5000, timeoutMs: 10_000 };
      const chunks = await connector.executeChunks('SELECT n, label FROM numbers ORDER BY n', options);
      expect(chunks).toMatchObject({ rowCount: 5000, truncated: false, columns: [{ name: 'n', type: 'bigint' }, { name: 'label', type: 'varchar' }] });
      expect(chunks.chunks.reduce((total, chunk) => total + chunk.rowCount, 0)).toBe(5000);
      const rows = chunks.chunks.flatMap((chunk) => duckDbChunkRows(chunk, chunks.types.map(duckDbColumnConverter)));
      expect(rows).toEqual((await connector.execute('SELECT n, label FROM numbers ORDER BY n', options)).rows);
      expect(await connector.executeChunks('SELECT n FROM numbers', { ...options, maxRows: 4999 })).toMatchObject({ rowCount: 4999, truncated: true });
      await expect(connector.executeChunks('SELECT nope FROM numbers', options)).rejects.toMatchObject({ code: 'SWY_ERR_QUERY_FAILED' });
      await expect(connector.executeChunks('SELECT 1', { ...options, signal: AbortSignal.abort() })).rejects.toMatchObject({ code: 'SWY_ERR_QUERY_CANCELLED' });
    } finally {
      await connector.close();
    }
  });
});
