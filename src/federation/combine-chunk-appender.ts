import { DuckDBTypeId, type DuckDBConnection, type DuckDBType } from '@duckdb/node-api';
import type { ChunkQueryResult, QueryResult } from '../connectors/connector.js';
import { duckDbChunkRows, duckDbColumnConverter } from '../connectors/duckdb/duckdb-chunk-rows.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { FederatedPart } from './federated-plan.js';

/**
 * DuckDB types a part's chunks keep as they are: each is the type the combine step gives a column the
 * connector reports under that type's name (combine-column-types.ts maps each of them to itself), so
 * appending the chunk's values unconverted is exact. Any other type goes through JSON-safe rows.
 */
const keptTypes = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.FLOAT,
  DuckDBTypeId.DOUBLE,
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.DATE,
  DuckDBTypeId.TIME,
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.TIMESTAMP_TZ,
  DuckDBTypeId.VARCHAR,
  DuckDBTypeId.UUID,
]);

/** Whether every column of a chunked part can be appended as it is. */
export function chunksKeepTypes(result: ChunkQueryResult): boolean {
  return result.types.every((type) => keptTypes.has(type.typeId));
}

/** The SQL type of a kept chunk column, as DuckDB spells it (`DECIMAL(18,3)`, `TIMESTAMP WITH TIME ZONE`). */
export function chunkColumnType(type: DuckDBType): string {
  return type.toString();
}

/** A chunked part as JSON-safe rows, each value converted as the DuckDB connector's `execute` converts it. */
export function chunkRows(result: ChunkQueryResult): QueryResult {
  const converters = result.types.map(duckDbColumnConverter);
  const rows: unknown[][] = [];
  for (const chunk of result.chunks) {
    if (rows.length >= result.rowCount) break;
    for (const row of duckDbChunkRows(chunk, converters, result.rowCount - rows.length)) rows.push(row);
  }
  return { columns: result.columns, rows, truncated: result.truncated };
}

/**
 * Appends a part's chunks, unconverted, to a table whose columns are exactly the part's columns with
 * the chunks' types. `stopped` is checked between chunks. A truncated result is never loaded: its
 * chunks hold rows past the part's cap.
 */
export async function appendPartChunks(connection: DuckDBConnection, part: FederatedPart, table: { catalog: string; schema: string; table: string }, result: ChunkQueryResult, stopped: AbortSignal): Promise<void> {
  const held = result.chunks.reduce((total, chunk) => total + chunk.rowCount, 0);
  if (result.truncated || held !== result.rowCount) {
    throw new SwitchyardError('SWY_ERR_INTERNAL', `Part #${part.index} (${part.combineTable}) reached the combine step with ${held} rows for the ${result.rowCount} it reported; this is a bug in Switchyard: report it with the query.`, {
      details: { part: part.index, source: part.source, table: part.table },
    });
  }
  const appender = await connection.createAppender(table.table, table.schema, table.catalog);
  try {
    for (const chunk of result.chunks) {
      stopped.throwIfAborted();
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } catch (error) {
    // Closing flushes: what failed to append is dropped first, so the first failure is the one reported.
    appender.clear();
    throw error;
  } finally {
    appender.closeSync();
  }
}
