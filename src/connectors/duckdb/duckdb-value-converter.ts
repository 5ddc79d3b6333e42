import {
  DuckDBTypeId,
  JsonDuckDBValueConverter,
  type DuckDBType,
  type DuckDBValue,
  type DuckDBValueConverter,
  type Json,
} from '@duckdb/node-api';
import { isoTimestampFromEpochMicros, isoTimestampFromText, safeDecimal, safeFloat, safeInteger } from '../common/json-safe-values.js';

const integerTypes = new Set<DuckDBTypeId>([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
]);

function hasMicros(value: DuckDBValue): value is DuckDBValue & { micros: bigint } {
  return typeof value === 'object' && value !== null && 'micros' in value && typeof value.micros === 'bigint';
}

/**
 * Converts DuckDB values to the service's JSON-safe shapes: integers as numbers when safe, decimals
 * by the 15-digit rule, dates as YYYY-MM-DD, timestamps as ISO-8601 UTC; nested and rarer types
 * fall back to the library's own JSON conversion (recursing through this converter).
 */
export const duckDbJsonSafeConverter: DuckDBValueConverter<unknown> = (value, type, converter) => {
  if (value === null) return null;
  if (integerTypes.has(type.typeId) && typeof value === 'bigint') return safeInteger(value);
  switch (type.typeId) {
    case DuckDBTypeId.FLOAT:
    case DuckDBTypeId.DOUBLE:
      return typeof value === 'number' ? safeFloat(value) : String(value);
    case DuckDBTypeId.DECIMAL:
      return safeDecimal(String(value));
    case DuckDBTypeId.DATE:
      return String(value);
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_TZ:
      return hasMicros(value) ? isoTimestampFromEpochMicros(value.micros) : String(value);
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_NS:
      return isoTimestampFromText(String(value));
    default:
      return JsonDuckDBValueConverter(value, type, converter as unknown as DuckDBValueConverter<Json>);
  }
};

/** DuckDB's own type name in lower case, e.g. `decimal(8,2)`, `timestamp with time zone`. */
export function duckDbTypeName(type: DuckDBType): string {
  return type.toString().toLowerCase();
}
