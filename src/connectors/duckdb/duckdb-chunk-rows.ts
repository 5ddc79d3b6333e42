import { DuckDBTypeId, type DuckDBDataChunk, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { safeFloat, safeInteger } from '../common/json-safe-values.js';
import { duckDbJsonSafeConverter } from './duckdb-value-converter.js';

/** One column's values converted to JSON-safe shapes, each exactly as `duckDbJsonSafeConverter` converts it. */
export type DuckDbColumnConverter = (value: DuckDBValue) => unknown;

/** Values the library already reads as JSON-safe ones: the general converter returns them unchanged. */
const unchanged = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.VARCHAR,
]);

/** Distinct days whose text a date column keeps, so a column of few days formats each once. */
const rememberedDays = 4096;

function dateConverter(): DuckDbColumnConverter {
  const texts = new Map<number, string>();
  return (value) => {
    if (value === null) return null;
    const days = typeof value === 'object' && 'days' in value && typeof value.days === 'number' ? value.days : undefined;
    if (days === undefined) return String(value);
    let text = texts.get(days);
    if (text === undefined) {
      text = String(value);
      if (texts.size < rememberedDays) texts.set(days, text);
    }
    return text;
  };
}

/**
 * The converter for one column of a result, made once and used for all its chunks: specialised for
 * the common types (the same shapes the general converter gives), the general one for the rest.
 */
export function duckDbColumnConverter(type: DuckDBType): DuckDbColumnConverter {
  if (unchanged.has(type.typeId)) return (value) => value;
  switch (type.typeId) {
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
      return (value) => (value === null ? null : typeof value === 'number' ? safeFloat(value) : String(value));
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return (value) => (typeof value === 'bigint' ? safeInteger(value) : duckDbJsonSafeConverter(value, type, duckDbJsonSafeConverter));
    case DuckDBTypeId.DATE:
      return dateConverter();
    default:
      return (value) => duckDbJsonSafeConverter(value, type, duckDbJsonSafeConverter);
  }
}

/**
 * The first `maxRows` rows of a data chunk as JSON-safe values, the same as
 * `chunk.convertRows(duckDbJsonSafeConverter)` gives, converted a column at a time with each column's
 * converter (see duckDbColumnConverter) rather than one dispatch per value.
 */
export function duckDbChunkRows(chunk: DuckDBDataChunk, converters: readonly DuckDbColumnConverter[], maxRows = chunk.rowCount): unknown[][] {
  const rowCount = Math.min(chunk.rowCount, maxRows);
  const rows = new Array<unknown[]>(rowCount);
  for (let row = 0; row < rowCount; row += 1) rows[row] = new Array<unknown>(converters.length);
  converters.forEach((convert, column) => {
    const vector = chunk.getColumnVector(column);
    for (let row = 0; row < rowCount; row += 1) rows[row]![column] = convert(vector.getItem(row));
  });
  return rows;
}

/** Calls `visit` with every value of one column of the first `rowCount` rows of `chunks`, JSON-safe. */
export function forEachDuckDbColumnValue(chunks: readonly DuckDBDataChunk[], rowCount: number, column: number, convert: DuckDbColumnConverter, visit: (value: unknown) => void): void {
  let remaining = rowCount;
  for (const chunk of chunks) {
    if (remaining <= 0) return;
    const vector = chunk.getColumnVector(column);
    const count = Math.min(chunk.rowCount, remaining);
    for (let row = 0; row < count; row += 1) visit(convert(vector.getItem(row)));
    remaining -= count;
  }
}
