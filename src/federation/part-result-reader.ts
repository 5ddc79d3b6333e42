import type { ChunkQueryResult, QueryResult } from '../connectors/connector.js';
import { duckDbColumnConverter, forEachDuckDbColumnValue } from '../connectors/duckdb/duckdb-chunk-rows.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { FederatedPart } from './federated-plan.js';

/** A part's rows as its connector handed them over: JSON-safe rows, or an in-process DuckDB's data chunks. */
export type PartResult = QueryResult | ChunkQueryResult;

/** Whether a part's rows are DuckDB data chunks. */
export function isChunkResult(result: PartResult): result is ChunkQueryResult {
  return 'chunks' in result;
}

/** Rows a part holds. */
export function partRowCount(result: PartResult): number {
  return isChunkResult(result) ? result.rowCount : result.rows.length;
}

/** Approximate JSON size of one JSON-safe value. */
function jsonValueSize(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8') + 2;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value).length;
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

/** Approximate JSON size of rows: what a part moves, measured without building the text. */
export function jsonSizeOf(rows: readonly (readonly unknown[])[]): number {
  let bytes = 2;
  for (const row of rows) {
    bytes += row.length + 2;
    for (const value of row) bytes += jsonValueSize(value);
  }
  return bytes;
}

/** Calls `visit` with every value of one column of a part's rows, as JSON-safe values (chunks are converted as the connector would). */
export function forEachPartColumnValue(result: PartResult, column: number, visit: (value: unknown) => void): void {
  if (!isChunkResult(result)) {
    for (const row of result.rows) visit(row[column]);
    return;
  }
  const type = result.types[column];
  if (type !== undefined) forEachDuckDbColumnValue(result.chunks, result.rowCount, column, duckDbColumnConverter(type), visit);
}

/**
 * What a part moves, as the JSON size of its values: for DuckDB chunks the same figure as for the rows
 * `execute` would have given (each value converted as the connector converts it, then measured).
 */
export function partJsonSize(result: PartResult): number {
  if (!isChunkResult(result)) return jsonSizeOf(result.rows);
  let bytes = 2 + result.rowCount * (result.columns.length + 2);
  result.columns.forEach((_, column) =>
    forEachPartColumnValue(result, column, (value) => {
      bytes += jsonValueSize(value);
    }),
  );
  return bytes;
}

/** Two results of one part's statements as one: rows follow rows, chunks follow chunks. */
export function concatPartResults(first: PartResult, next: PartResult): PartResult {
  if (isChunkResult(first) && isChunkResult(next)) return { ...first, chunks: [...first.chunks, ...next.chunks], rowCount: first.rowCount + next.rowCount };
  if (!isChunkResult(first) && !isChunkResult(next)) return { ...first, rows: first.rows.concat(next.rows) };
  throw new SwitchyardError('SWY_ERR_INTERNAL', 'The statements of one federated part returned rows in two forms; this is a bug in Switchyard: report it with the query.');
}

/**
 * A part's result with one column per extracted column, in the part's order and spelling. A SQL
 * extraction returns exactly its select list, so its columns line up by position (engines may
 * return names in another case) and keep the types the engine reported. A REST response holds
 * every field of the operation: the extracted ones are picked by name, typed as the catalog says,
 * and everything else (personal data included) is dropped here, before the combine step sees it;
 * a field no record had is NULL.
 */
export function alignPartResult(part: FederatedPart, result: PartResult): PartResult {
  if (part.requestLanguage === 'sql' || isChunkResult(result)) {
    if (result.columns.length !== part.columns.length) {
      throw new SwitchyardError('SWY_ERR_INTERNAL', `Part #${part.index} (${part.combineTable}) returned ${result.columns.length} columns for the ${part.columns.length} it selects.`, {
        details: { part: part.index, source: part.source, table: part.table },
      });
    }
    return { ...result, columns: part.columns.map((name, index) => ({ name, type: result.columns[index]?.type ?? 'varchar' })) };
  }
  const positions = part.columns.map((name) => {
    const exact = result.columns.findIndex((column) => column.name === name);
    return exact >= 0 ? exact : result.columns.findIndex((column) => column.name.toLowerCase() === name.toLowerCase());
  });
  return {
    columns: part.columns.map((name, index) => ({ name, type: part.columnTypes[index] ?? 'varchar' })),
    rows: result.rows.map((row) => positions.map((position) => (position < 0 ? null : (row[position] ?? null)))),
    truncated: result.truncated,
  };
}
