import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import type { ChunkQueryResult, QueryResult } from '../connector.js';
import { duckDbChunkRows, duckDbColumnConverter } from './duckdb-chunk-rows.js';
import { duckDbTypeName } from './duckdb-value-converter.js';

/**
 * Streams a statement's result and reads at most `maxRows` + 1 rows, chunk by chunk, as JSON-safe
 * values: the extra row tells a full result from a truncated one without reading the rest.
 */
export async function readDuckDbRows(connection: DuckDBConnection, sql: string, maxRows: number): Promise<QueryResult> {
  const result = await connection.stream(sql);
  const types = result.columnTypes();
  const columns = result.columnNames().map((name, index) => ({ name, type: duckDbTypeName(types[index]!) }));
  const converters = types.map(duckDbColumnConverter);
  const rows: unknown[][] = [];
  while (rows.length <= maxRows) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    for (const row of duckDbChunkRows(chunk, converters, maxRows + 1 - rows.length)) rows.push(row);
  }
  const truncated = rows.length > maxRows;
  return { columns, rows: truncated ? rows.slice(0, maxRows) : rows, truncated };
}

/**
 * Streams a statement's result as DuckDB's own data chunks, reading until it holds more than `maxRows`
 * rows or the result ends: as readDuckDbRows, without converting a value.
 */
export async function readDuckDbChunks(connection: DuckDBConnection, sql: string, maxRows: number): Promise<ChunkQueryResult> {
  const result = await connection.stream(sql);
  const types = result.columnTypes();
  const columns = result.columnNames().map((name, index) => ({ name, type: duckDbTypeName(types[index]!) }));
  const chunks: DuckDBDataChunk[] = [];
  let rows = 0;
  while (rows <= maxRows) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    chunks.push(chunk);
    rows += chunk.rowCount;
  }
  return { columns, types, chunks, rowCount: Math.min(rows, maxRows), truncated: rows > maxRows };
}
