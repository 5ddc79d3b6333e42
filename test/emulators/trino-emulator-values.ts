/**
 * TEST DOUBLE support for the Trino emulator: DuckDB result columns and values in Trino's JSON
 * encoding of the client protocol (without the PARAMETRIC_DATETIME capability): `columns` with a
 * `type` text and its `typeSignature`, integers as bare JSON numbers with every digit (BIGINT past
 * 2^53 too), decimals as strings, doubles as numbers or "NaN"/"Infinity", timestamps as
 * `2008-01-05 12:34:56.000`, binary values as base64. Types DuckDB has and Trino lacks are varchar.
 */
import { DuckDBTypeId, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import { valueText, type EngineColumn } from './duckdb-query-engine.js';

/** A Trino column description. */
export interface TrinoWireColumn {
  /** Column name. */
  readonly name: string;
  /** Type text, e.g. `decimal(8, 2)`. */
  readonly type: string;
  /** The parsed type. */
  readonly typeSignature: { readonly rawType: string; readonly arguments: readonly unknown[] };
}

const unboundedVarcharLength = 2_147_483_647;

function signature(rawType: string, ...values: number[]): TrinoWireColumn['typeSignature'] {
  return { rawType, arguments: values.map((value) => ({ kind: 'LONG', value })) };
}

function trinoType(type: DuckDBType): Omit<TrinoWireColumn, 'name'> {
  switch (type.typeId) {
    case DuckDBTypeId.BOOLEAN:
      return { type: 'boolean', typeSignature: signature('boolean') };
    case DuckDBTypeId.TINYINT:
      return { type: 'tinyint', typeSignature: signature('tinyint') };
    case DuckDBTypeId.SMALLINT:
      return { type: 'smallint', typeSignature: signature('smallint') };
    case DuckDBTypeId.INTEGER:
      return { type: 'integer', typeSignature: signature('integer') };
    // Trino sums BIGINT into BIGINT where DuckDB widens to HUGEINT.
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.HUGEINT:
      return { type: 'bigint', typeSignature: signature('bigint') };
    case DuckDBTypeId.DECIMAL: {
      const match = /\((\d+),\s*(\d+)\)/.exec(type.toString());
      const [precision, scale] = [Number(match?.[1] ?? 38), Number(match?.[2] ?? 0)];
      return { type: `decimal(${precision}, ${scale})`, typeSignature: signature('decimal', precision, scale) };
    }
    case DuckDBTypeId.FLOAT:
      return { type: 'real', typeSignature: signature('real') };
    case DuckDBTypeId.DOUBLE:
      return { type: 'double', typeSignature: signature('double') };
    case DuckDBTypeId.DATE:
      return { type: 'date', typeSignature: signature('date') };
    case DuckDBTypeId.TIMESTAMP:
    case DuckDBTypeId.TIMESTAMP_MS:
    case DuckDBTypeId.TIMESTAMP_S:
    case DuckDBTypeId.TIMESTAMP_NS:
      return { type: 'timestamp', typeSignature: signature('timestamp') };
    case DuckDBTypeId.TIMESTAMP_TZ:
      return { type: 'timestamp with time zone', typeSignature: signature('timestamp with time zone') };
    case DuckDBTypeId.BLOB:
      return { type: 'varbinary', typeSignature: signature('varbinary') };
    default:
      return { type: 'varchar', typeSignature: signature('varchar', unboundedVarcharLength) };
  }
}

/** Trino's `columns` for DuckDB result columns. */
export function trinoColumns(columns: readonly EngineColumn[]): TrinoWireColumn[] {
  return columns.map((column) => ({ name: column.name, ...trinoType(column.type) }));
}

/** A timestamp as Trino prints it without the PARAMETRIC_DATETIME capability: milliseconds, always three digits. */
function millisecondTimestamp(text: string): string {
  const [date = '', time = '00:00:00'] = text.split(' ');
  const [clock = '', fraction = ''] = time.replace(/[+-]\d{2}(:\d{2})?$/, '').split('.');
  return `${date} ${clock}.${fraction.padEnd(3, '0').slice(0, 3)}`;
}

/** One value as JSON text in Trino's encoding (raw text, so a BIGINT keeps every digit). */
function valueJson(value: DuckDBValue, column: TrinoWireColumn): string {
  if (value === null) return 'null';
  switch (column.typeSignature.rawType) {
    case 'boolean':
      return value === true ? 'true' : 'false';
    case 'tinyint':
    case 'smallint':
    case 'integer':
    case 'bigint':
      return String(value);
    case 'real':
    case 'double':
      return Number.isFinite(Number(value)) ? JSON.stringify(Number(value)) : JSON.stringify(String(Number(value)));
    case 'timestamp':
      return JSON.stringify(millisecondTimestamp(valueText(value) ?? ''));
    case 'timestamp with time zone':
      return JSON.stringify(`${millisecondTimestamp(valueText(value) ?? '')} UTC`);
    case 'varbinary':
      return JSON.stringify(value instanceof Uint8Array ? Buffer.from(value).toString('base64') : String(value));
    default:
      return JSON.stringify(valueText(value));
  }
}

/** The `data` member of a page as JSON text: rows of values in Trino's encoding. */
export function trinoDataJson(rows: readonly DuckDBValue[][], columns: readonly TrinoWireColumn[]): string {
  return `[${rows.map((row) => `[${row.map((value, index) => valueJson(value, columns[index]!)).join(',')}]`).join(',')}]`;
}
