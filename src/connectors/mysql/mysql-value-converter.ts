import { isoTimestampFromText, jsonSafeValue, safeDecimal, safeInteger } from '../common/json-safe-values.js';

/** A result column as mysql2 describes it in its `fields` event. */
export interface MySqlField {
  /** Column name or alias. */
  readonly name: string;
  /** Protocol type id (MYSQL_TYPE_*). */
  readonly columnType?: number;
  /** Display length; 1 for BOOLEAN (TINYINT(1)). */
  readonly columnLength?: number;
  /** Character set id; 63 means binary. */
  readonly characterSet?: number;
  /** Column flags bit set. */
  readonly flags?: number | string[];
}

/** The part of mysql2's typeCast field that `mySqlTypeCast` reads. */
export interface TypeCastField {
  /** Protocol type name, e.g. `TINY`. */
  readonly type: string;
  /** Display length of the column. */
  readonly length: number;
  /** The raw value as text, or null. */
  string(): string | null;
}

const binaryCharacterSet = 63;
const unsignedFlag = 32;
const tinyType = 1;

const namesByProtocolType: ReadonlyMap<number, string> = new Map([
  [0, 'decimal'], [1, 'tinyint'], [2, 'smallint'], [3, 'int'], [4, 'float'], [5, 'double'], [6, 'null'],
  [7, 'timestamp'], [8, 'bigint'], [9, 'mediumint'], [10, 'date'], [11, 'time'], [12, 'datetime'],
  [13, 'year'], [14, 'date'], [15, 'varchar'], [16, 'bit'], [245, 'json'], [246, 'decimal'], [247, 'enum'],
  [248, 'set'], [249, 'tinytext'], [250, 'mediumtext'], [251, 'longtext'], [252, 'text'], [253, 'varchar'],
  [254, 'char'], [255, 'geometry'],
]);
const binaryNames: ReadonlyMap<string, string> = new Map([
  ['varchar', 'varbinary'], ['char', 'binary'], ['tinytext', 'tinyblob'], ['mediumtext', 'mediumblob'],
  ['longtext', 'longblob'], ['text', 'blob'],
]);
const integerTypes = new Set([1, 2, 3, 8, 9, 13]);
const decimalTypes = new Set([0, 246]);
const timestampTypes = new Set([7, 12]);

function isBoolean(field: MySqlField): boolean {
  return field.columnType === tinyType && field.columnLength === 1;
}

/** The MySQL type name of a result column, lower case (`decimal`, `datetime`, `tinyint(1)`, `int unsigned`). */
export function mySqlTypeName(field: MySqlField): string {
  if (isBoolean(field)) return 'tinyint(1)';
  const base = namesByProtocolType.get(field.columnType ?? -1) ?? `type ${String(field.columnType)}`;
  const name = field.characterSet === binaryCharacterSet ? (binaryNames.get(base) ?? base) : base;
  const unsigned = typeof field.flags === 'number' ? (field.flags & unsignedFlag) !== 0 : field.flags?.includes('UNSIGNED');
  return unsigned && (integerTypes.has(field.columnType ?? -1) || decimalTypes.has(field.columnType ?? -1)) ? `${name} unsigned` : name;
}

/** mysql2 typeCast: BOOLEAN columns (TINYINT(1)) come back as booleans instead of 0/1. */
export function mySqlTypeCast(field: TypeCastField, next: () => unknown): unknown {
  if (field.type === 'TINY' && field.length === 1) {
    const text = field.string();
    return text === null ? null : text !== '0';
  }
  return next();
}

/**
 * Converts one value (read with bigNumberStrings and dateStrings, so nothing was lost or shifted
 * into local time) to the service's JSON-safe form.
 */
export function mySqlValueToJson(value: unknown, field: MySqlField): unknown {
  if (value === null || value === undefined) return null;
  const type = field.columnType ?? -1;
  if (typeof value === 'string') {
    if (integerTypes.has(type)) return safeInteger(value);
    if (decimalTypes.has(type)) return safeDecimal(value);
    if (timestampTypes.has(type)) return isoTimestampFromText(value);
    return value;
  }
  return jsonSafeValue(value);
}
