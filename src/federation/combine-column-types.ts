/*
 * The DuckDB type a part's column is loaded as, from the type name its connector reported (lower-case,
 * in the engine's own words: `int unsigned`, `numeric(12,2)`, `number(38,0)`, `double precision`,
 * `timestamp_ntz`, `timestamp with time zone`, `text`…), and how its JSON-safe values are written as
 * text DuckDB casts exactly (big integers and decimals arrive as strings, timestamps as ISO-8601 UTC).
 */

const integerTypes: Readonly<Record<string, string>> = {
  tinyint: 'TINYINT', 'tinyint unsigned': 'UTINYINT', utinyint: 'UTINYINT',
  smallint: 'SMALLINT', int2: 'SMALLINT', 'smallint unsigned': 'USMALLINT', usmallint: 'USMALLINT',
  mediumint: 'INTEGER', 'mediumint unsigned': 'INTEGER',
  int: 'INTEGER', integer: 'INTEGER', int4: 'INTEGER', 'int unsigned': 'UINTEGER', 'integer unsigned': 'UINTEGER', uinteger: 'UINTEGER',
  bigint: 'BIGINT', int8: 'BIGINT', long: 'BIGINT', 'bigint unsigned': 'UBIGINT', ubigint: 'UBIGINT',
  hugeint: 'HUGEINT', int128: 'HUGEINT', uhugeint: 'UHUGEINT',
};

const simpleTypes: Readonly<Record<string, string>> = {
  boolean: 'BOOLEAN', bool: 'BOOLEAN', 'tinyint(1)': 'BOOLEAN',
  double: 'DOUBLE', 'double precision': 'DOUBLE', float8: 'DOUBLE', float64: 'DOUBLE',
  real: 'FLOAT', float4: 'FLOAT',
  date: 'DATE',
  time: 'TIME', 'time without time zone': 'TIME',
  uuid: 'UUID',
};

const timestampTypes = /^(timestamp|datetime|timestamp_ntz|timestamp_ns|timestamp_ms|timestamp_s)(\s*\(\d\))?( without time zone)?$/;
const timestampTzTypes = /^(timestamptz|timestamp_tz|timestamp_ltz|timestamp(\s*\(\d\))? with time zone)$/;
const decimalTypes = /^(decimal|numeric|number|dec)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)( unsigned)?$/;
const unparameterizedDecimals = new Set(['decimal', 'numeric', 'number', 'dec', 'bignum', 'varint']);
const sizedIntegers = /^(tinyint|smallint|mediumint|int|integer|bigint)\(\d+\)/;

/** What a column's type mapping needs to know beyond the type name. */
export interface CombineColumnContext {
  /** The part's dialect: `float` is 4 bytes in DuckDB and MySQL and 8 elsewhere; SQLite's `real` and `integer` are 8 bytes. */
  readonly dialect: string;
  /** The column's values, read only when the type alone does not say (a decimal without precision) or the source is loosely typed. */
  readonly values: Iterable<unknown>;
}

/** The DuckDB type for an unparameterized decimal: the precision and scale its values need, else DOUBLE. */
function decimalForValues(values: Iterable<unknown>): string {
  let integerDigits = 1;
  let scale = 0;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const match = /^-?(\d+)(?:\.(\d+))?$/.exec(String(value));
    if (match === null) return 'DOUBLE';
    integerDigits = Math.max(integerDigits, (match[1] ?? '').replace(/^0+(?=\d)/, '').length);
    scale = Math.max(scale, (match[2] ?? '').length);
  }
  return integerDigits + scale <= 38 ? `DECIMAL(${integerDigits + scale},${scale})` : 'DOUBLE';
}

/** The DuckDB type of a column as its engine named it; anything unknown (text, JSON, blobs, enums) is VARCHAR. */
export function declaredCombineType(engineType: string, context: CombineColumnContext): string {
  const type = engineType.trim().toLowerCase().replace(/\s+/g, ' ');
  if (context.dialect === 'sqlite') {
    if (type === 'integer') return 'BIGINT';
    if (type === 'real') return 'DOUBLE';
  }
  if (type === 'float') return context.dialect === 'duckdb' || context.dialect === 'mysql' ? 'FLOAT' : 'DOUBLE';
  // `float(p)`, and MySQL's `float(M,D)` and `double(M,D)` (also SQLite's, which takes any type name): a double holds them all.
  if (/^(float|double|real)\s*\(\s*\d+\s*(,\s*\d+\s*)?\)/.test(type)) return 'DOUBLE';
  // MySQL's BOOLEAN is tinyint(1); its connector already reads the values as booleans.
  const known = simpleTypes[type] ?? integerTypes[type.replace(sizedIntegers, '$1')];
  if (known !== undefined) return known;
  const decimal = decimalTypes.exec(type);
  if (decimal !== null) {
    const precision = Number(decimal[2]);
    const scale = Number(decimal[3] ?? 0);
    return precision >= 1 && precision <= 38 && scale <= precision ? `DECIMAL(${precision},${scale})` : decimalForValues(context.values);
  }
  if (unparameterizedDecimals.has(type)) return decimalForValues(context.values);
  if (timestampTzTypes.test(type)) return 'TIMESTAMPTZ';
  if (timestampTypes.test(type)) return 'TIMESTAMP';
  return 'VARCHAR';
}

const integerText = /^-?\d+$/;
const numberText = /^-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$|^-?(Infinity|NaN)$/;
const dateText = /^\d{4}-\d{2}-\d{2}$/;
const timestampText = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

/** Whether a JSON-safe value casts to the DuckDB type without loss. */
function fits(value: unknown, type: string): boolean {
  if (value === null || value === undefined || type === 'VARCHAR') return true;
  const text = typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : undefined;
  if (/INT$/.test(type) || type === 'INTEGER' || type === 'UINTEGER') return text !== undefined && integerText.test(text);
  if (type === 'DOUBLE' || type === 'FLOAT' || type.startsWith('DECIMAL')) return text !== undefined && numberText.test(text);
  if (type === 'BOOLEAN') return typeof value === 'boolean' || value === 0 || value === 1;
  if (type === 'DATE') return typeof value === 'string' && dateText.test(value);
  if (type === 'TIMESTAMP' || type === 'TIMESTAMPTZ') return typeof value === 'string' && timestampText.test(value);
  return typeof value === 'string';
}

function everyValue(values: Iterable<unknown>, test: (value: unknown) => boolean): boolean {
  for (const value of values) if (!test(value)) return false;
  return true;
}

/**
 * The type a column is loaded as. Typed engines' columns load as declared (a value that does not cast
 * then fails the load loudly). SQLite names a column's type by its first value and REST values are
 * whatever the JSON holds, so there a type the values do not all fit widens, integer to DOUBLE to
 * VARCHAR, rather than failing on data the source itself accepts.
 */
export function combineColumnType(engineType: string, context: CombineColumnContext): string {
  const declared = declaredCombineType(engineType, context);
  if (context.dialect !== 'sqlite' && context.dialect !== 'openapi') return declared;
  if (everyValue(context.values, (value) => fits(value, declared))) return declared;
  if (declared !== 'DOUBLE' && everyValue(context.values, (value) => fits(value, 'DOUBLE'))) return 'DOUBLE';
  return 'VARCHAR';
}

/** A JSON-safe value as the text DuckDB casts to the column's type: numbers in their shortest exact form, objects as JSON. */
export function combineCellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
