import { isoTimestampFromText, jsonSafeValue, safeDecimal, safeFloat, safeInteger } from '../common/json-safe-values.js';
import type { TrinoColumn } from './trino-wire-format.js';

/** The type without its arguments (`decimal`, `timestamp with time zone`), as the converter dispatches on it. */
function rawType(column: TrinoColumn): string {
  return (column.typeSignature?.rawType ?? column.type.replace(/\(.*$/, '')).toLowerCase().trim();
}

/** The lower-case engine type name; Trino writes `decimal(8, 2)`, reported as `decimal(8,2)` like other engines. */
export function trinoTypeName(column: TrinoColumn): string {
  return column.type.toLowerCase().replace(/,\s+/g, ',');
}

/**
 * One value of Trino's JSON encoding as JSON-safe data: integers arrive as numbers (those past 2^53
 * as exact strings, see parseTrinoJson), decimals as strings with every digit, doubles as numbers or
 * "NaN"/"Infinity", dates as `2024-01-31`, timestamps as `2024-01-31 12:34:56.789` (the session runs
 * in UTC), arrays, maps and rows as JSON structures, binary values as base64.
 */
export function trinoValueToJson(value: unknown, column: TrinoColumn): unknown {
  if (value === null || value === undefined) return null;
  switch (rawType(column)) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return typeof value === 'number' || typeof value === 'string' ? safeInteger(value) : jsonSafeValue(value);
    case 'real':
    case 'double':
      return typeof value === 'number' ? safeFloat(value) : String(value);
    case 'decimal':
      return safeDecimal(String(value));
    case 'timestamp':
      return isoTimestampFromText(String(value));
    case 'timestamp with time zone':
      // A zone given by name other than UTC (a value cast to 'America/New_York') stays as Trino wrote it.
      return isoTimestampFromText(String(value).replace(/ UTC$/, 'Z'));
    default:
      return jsonSafeValue(value);
  }
}
