import { isoTimestampFromText, safeDecimal, safeFloat, safeInteger } from '../common/json-safe-values.js';

/** Athena column metadata as GetQueryResults reports it. */
export interface AthenaColumnInfo {
  /** Column label. */
  readonly Name?: string | undefined;
  /** Trino type name, e.g. `integer`, `decimal`, `timestamp`. */
  readonly Type?: string | undefined;
  /** Decimal precision. */
  readonly Precision?: number | undefined;
  /** Decimal scale. */
  readonly Scale?: number | undefined;
}

/** The lower-case engine type of an Athena column, with precision and scale for decimals. */
export function athenaTypeName(column: AthenaColumnInfo): string {
  const type = (column.Type ?? 'varchar').toLowerCase();
  return type === 'decimal' && column.Precision !== undefined ? `decimal(${column.Precision},${column.Scale ?? 0})` : type;
}

/** Athena returns every value as text (VarCharValue); this types it by the column's metadata. */
export function athenaValueToJson(text: string | undefined, column: AthenaColumnInfo): unknown {
  if (text === undefined) return null;
  switch ((column.Type ?? '').toLowerCase()) {
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'int':
    case 'bigint':
      return safeInteger(text);
    case 'decimal':
      return safeDecimal(text);
    case 'double':
    case 'real':
    case 'float':
      return safeFloat(Number(text));
    case 'boolean':
      return text === 'true';
    case 'timestamp':
      return isoTimestampFromText(text);
    case 'timestamp with time zone':
      return isoTimestampFromText(text.replace(/ UTC$/, 'Z'));
    default:
      return text;
  }
}
