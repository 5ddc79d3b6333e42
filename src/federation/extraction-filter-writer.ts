import { quoteWithDoubleQuotes } from '../dialects/quote-identifier.js';
import { quoteStringLiteral } from '../dialects/quote-string-literal.js';
import type { SourceDialectName } from '../dialects/sql-dialect.js';
import { normalizedDate, normalizedTimestamp } from './predicate-node-reader.js';
import type { PredicateLiteral, PushablePredicate } from './pushable-predicate.js';

/** What kind of values a catalog column holds, as far as comparing them in two engines alike goes. */
export type ValueClass = 'exact-number' | 'approximate-number' | 'text' | 'date' | 'timestamp' | 'other';

/** A literal in the form every dialect reads alike. */
type Value = { kind: 'number'; text: string } | { kind: 'text' | 'date' | 'timestamp'; value: string };

/** A predicate admitted for one column, its literals normalized. */
type AdmittedPredicate =
  | { form: 'comparison'; operator: string; value: Value }
  | { form: 'between'; low: Value; high: Value }
  | { form: 'in'; values: Value[] }
  | { form: 'like'; pattern: string }
  | { form: 'not-null' };

const exactNumber = /^(tinyint|smallint|mediumint|int|integer|bigint|hugeint|uhugeint|int2|int4|int8|int16|int32|int64|utinyint|usmallint|uinteger|ubigint|decimal|numeric|number|dec)(\s*\(\s*\d+\s*(,\s*\d+\s*)?\))?( unsigned)?( zerofill)?$/;
const approximateNumber = /^(double|double precision|float|float4|float8|real|binary_float|binary_double)(\s*\(\s*\d+\s*(,\s*\d+\s*)?\))?( unsigned)?$/;
const text = /^(varchar|character varying|nvarchar|nchar|char|character|bpchar|text|string|tinytext|mediumtext|longtext|citext|varchar2|nvarchar2)(\s*\(\s*\d+\s*\))?$/;
const timestamp = /^(timestamp|timestamp without time zone|timestamp_ntz|datetime|datetime2)(\s*\(\s*\d\s*\))?( without time zone)?$/;
const integerText = /^-?\d+$/;

/**
 * The value class of a column type as its dialect names it. MySQL's tinyint(1) is a boolean there
 * (`flag = 2` matches nothing) but reaches DuckDB as BOOLEAN (where 2 casts to true), so it is no
 * number. SQLite has no date or time type: its "dates" are text in any format, which DuckDB would
 * compare as dates, so no SQLite column is a date or timestamp here.
 */
export function columnValueClass(type: string, dialect: SourceDialectName): ValueClass {
  const lowered = type.trim().toLowerCase();
  if (lowered === 'tinyint(1)') return 'other';
  if (exactNumber.test(lowered)) return 'exact-number';
  if (approximateNumber.test(lowered)) return 'approximate-number';
  if (text.test(lowered)) return 'text';
  if (dialect === 'sqlite') return 'other';
  if (lowered === 'date') return 'date';
  return timestamp.test(lowered) ? 'timestamp' : 'other';
}

/**
 * A literal as a value of the column's class, when comparing it means the same in the source and in
 * DuckDB: any number with an exact column; only whole numbers with a floating one (a fraction's
 * binary rounding differs between float and double); dates and timestamps written as ISO text;
 * strings without a backslash (an escape character in MySQL, Snowflake and PostgreSQL's LIKE).
 */
function admitValue(literal: PredicateLiteral, valueClass: ValueClass): Value | undefined {
  switch (valueClass) {
    case 'exact-number':
      return literal.kind === 'number' ? literal : undefined;
    case 'approximate-number':
      return literal.kind === 'number' && integerText.test(literal.text) ? literal : undefined;
    case 'text':
      return literal.kind === 'string' && !/[\\\0]/.test(literal.value) ? { kind: 'text', value: literal.value } : undefined;
    case 'date': {
      const value = literal.kind === 'date' || literal.kind === 'string' ? normalizedDate(literal.value) : undefined;
      return value === undefined ? undefined : { kind: 'date', value };
    }
    case 'timestamp': {
      const value = literal.kind === 'number' ? undefined : normalizedTimestamp(literal.value);
      return value === undefined ? undefined : { kind: 'timestamp', value };
    }
    default:
      return undefined;
  }
}

function admitAll(literals: readonly PredicateLiteral[], valueClass: ValueClass): Value[] | undefined {
  const values = literals.map((literal) => admitValue(literal, valueClass));
  return values.every((value): value is Value => value !== undefined) ? values : undefined;
}

/**
 * Text compares only for equality, IN and LIKE: collations differ between engines in order, never in
 * what equals (a case-insensitive MySQL `=` keeps more rows, which is safe), while `<>` there would
 * keep fewer.
 */
function admit(predicate: PushablePredicate, valueClass: ValueClass): AdmittedPredicate | undefined {
  switch (predicate.form) {
    case 'not-null':
      return { form: 'not-null' };
    case 'like':
      return valueClass === 'text' && !/[\\\0]/.test(predicate.pattern) ? { form: 'like', pattern: predicate.pattern } : undefined;
    case 'in': {
      const values = admitAll(predicate.literals, valueClass);
      return values === undefined ? undefined : { form: 'in', values };
    }
    case 'between': {
      const [low, high] = valueClass === 'text' ? [] : (admitAll([predicate.low, predicate.high], valueClass) ?? []);
      return low === undefined || high === undefined ? undefined : { form: 'between', low, high };
    }
    case 'comparison': {
      if (valueClass === 'text' && predicate.operator !== '=') return undefined;
      const value = admitValue(predicate.literal, valueClass);
      return value === undefined ? undefined : { form: 'comparison', operator: predicate.operator, value };
    }
  }
}

function renderValue(value: Value): string {
  if (value.kind === 'number') return value.text;
  if (value.kind === 'text') return quoteStringLiteral(value.value);
  return `${value.kind === 'date' ? 'DATE' : 'TIMESTAMP'} ${quoteStringLiteral(value.value)}`;
}

function render(predicate: AdmittedPredicate, column: string): string {
  switch (predicate.form) {
    case 'not-null':
      return `${column} IS NOT NULL`;
    case 'like':
      return `${column} LIKE ${quoteStringLiteral(predicate.pattern)}`;
    case 'in':
      return `${column} IN (${predicate.values.map(renderValue).join(', ')})`;
    case 'between':
      return `${column} BETWEEN ${renderValue(predicate.low)} AND ${renderValue(predicate.high)}`;
    case 'comparison':
      return `${column} ${predicate.operator} ${renderValue(predicate.value)}`;
  }
}

/** One pushed filter: as the source runs it, and as DuckDB SQL for display. */
export interface ExtractionFilter {
  /** In the source's dialect. */
  readonly sql: string;
  /** In DuckDB SQL, the column double-quoted. */
  readonly display: string;
}

/**
 * The predicate as a filter of the extraction, or undefined when it must stay in DuckDB only. The
 * rendered forms (`DATE '…'`, `TIMESTAMP '…'`, standard string literals, BETWEEN, IN, LIKE) read the
 * same in every SQL dialect Switchyard speaks, so only the column's quoting differs per dialect.
 */
export function writeExtractionFilter(
  predicate: PushablePredicate,
  column: { readonly type: string },
  dialect: SourceDialectName,
  quoteIdentifier: (identifier: string) => string,
): ExtractionFilter | undefined {
  const admitted = admit(predicate, columnValueClass(column.type, dialect));
  if (admitted === undefined) return undefined;
  return { sql: render(admitted, quoteIdentifier(predicate.column)), display: render(admitted, quoteWithDoubleQuotes(predicate.column)) };
}
