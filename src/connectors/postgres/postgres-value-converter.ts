import pg from 'pg';
import { isoTimestampFromText, jsonSafeValue, safeDecimal, safeInteger } from '../common/json-safe-values.js';

/** Built-in type OIDs, stable across PostgreSQL versions and Redshift, named as format_type() names them. */
export const postgresTypeNamesByOid: ReadonlyMap<number, string> = new Map([
  [16, 'boolean'],
  [17, 'bytea'],
  [18, '"char"'],
  [19, 'name'],
  [20, 'bigint'],
  [21, 'smallint'],
  [23, 'integer'],
  [25, 'text'],
  [26, 'oid'],
  [114, 'json'],
  [700, 'real'],
  [701, 'double precision'],
  [705, 'unknown'],
  [1000, 'boolean[]'],
  [1005, 'smallint[]'],
  [1007, 'integer[]'],
  [1009, 'text[]'],
  [1016, 'bigint[]'],
  [1042, 'character'],
  [1043, 'character varying'],
  [1082, 'date'],
  [1083, 'time without time zone'],
  [1114, 'timestamp without time zone'],
  [1184, 'timestamp with time zone'],
  [1186, 'interval'],
  [1266, 'time with time zone'],
  [1700, 'numeric'],
  [2950, 'uuid'],
  [3802, 'jsonb'],
]);

const int8Oid = 20;
const numericOid = 1700;
const dateOid = 1082;
const timestampOids = new Set([1114, 1184]);
const textKeptOids = new Set([int8Oid, numericOid, dateOid, 17, 1083, 1266, ...timestampOids]);

/**
 * Per-query type parsers: the types whose default parsing loses information (int8, numeric) or
 * applies the Node process's local time zone (date, timestamp) are kept as text and converted by
 * `postgresValueToJson`; the rest use pg's defaults.
 */
export const postgresQueryTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (textKeptOids.has(oid)) return (text: string) => text;
    return format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  },
} as pg.CustomTypesConfig;

/** Converts one value (as parsed with `postgresQueryTypes`) of a column with this type OID to JSON-safe form. */
export function postgresValueToJson(value: unknown, oid: number): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') {
    if (oid === int8Oid) return safeInteger(value);
    if (oid === numericOid) return safeDecimal(value);
    if (timestampOids.has(oid)) return isoTimestampFromText(value);
    return value;
  }
  return jsonSafeValue(value);
}
