import type { DuckDBConnection } from '@duckdb/node-api';
import type { QueryResult } from '../connector.js';
import { duckDbJsonSafeConverter, duckDbTypeName } from './duckdb-value-converter.js';

/**
 * Streams a statement's result and reads at most `maxRows` + 1 rows, chunk by chunk, as JSON-safe
 * values: the extra row tells a full result from a truncated one without reading the rest.
 */
export async function readDuckDbRows(connection: DuckDBConnection, sql: string, maxRows: number): Promise<QueryResult> {
  const result = await connection.stream(sql);
  const columns = result.columnNames().map((name, index) => ({ name, type: duckDbTypeName(result.columnType(index)) }));
  const rows: unknown[][] = [];
  while (rows.length <= maxRows) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) break;
    rows.push(...chunk.convertRows(duckDbJsonSafeConverter).slice(0, maxRows + 1 - rows.length));
  }
  const truncated = rows.length > maxRows;
  return { columns, rows: truncated ? rows.slice(0, maxRows) : rows, truncated };
}
