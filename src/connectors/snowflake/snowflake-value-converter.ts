import { isoTimestampFromText, jsonSafeValue, safeDecimal, safeFloat, safeInteger } from '../common/json-safe-values.js';

/** What the converter needs to know of a snowflake-sdk result column. */
export interface SnowflakeColumnShape {
  /** Snowflake's logical type: `fixed`, `real`, `text`, `date`, `timestamp_ntz`, `boolean`, `variant`, … */
  getType(): string;
  /** Decimal scale of `fixed` columns. */
  getScale(): number;
  /** Decimal precision of `fixed` columns. */
  getPrecision(): number;
}

/** The lower-case engine type name, with precision and scale for NUMBER columns. */
export function snowflakeTypeName(column: SnowflakeColumnShape): string {
  const type = column.getType().toLowerCase();
  if (type === 'fixed') return `number(${column.getPrecision()},${column.getScale()})`;
  if (type === 'real') return 'float';
  if (type === 'text') return 'varchar';
  return type;
}

/**
 * One value as JSON-safe data. NUMBER columns are fetched as strings (fetchAsString) so scale-0
 * values beyond 2^53 and money keep every digit; dates and timestamps arrive as Date objects in UTC.
 */
export function snowflakeValueToJson(value: unknown, column: SnowflakeColumnShape): unknown {
  if (value === null || value === undefined) return null;
  switch (column.getType().toLowerCase()) {
    case 'fixed':
      return column.getScale() === 0 ? safeInteger(String(value)) : safeDecimal(String(value));
    case 'real':
      return safeFloat(Number(value));
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    case 'timestamp_ntz':
    case 'timestamp_ltz':
    case 'timestamp_tz':
      return value instanceof Date ? value.toISOString() : isoTimestampFromText(String(value));
    default:
      return jsonSafeValue(value);
  }
}
