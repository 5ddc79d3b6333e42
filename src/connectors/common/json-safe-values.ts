/**
 * Conversions every connector applies so result rows survive JSON.stringify unchanged:
 * no bigint, no Date objects, no NaN (which JSON would turn into null), no lossy decimals.
 */

const maximumExactDigits = 15;

/** An integer as a number when it is a safe integer, else as its decimal string. */
export function safeInteger(value: bigint | number | string): number | string {
  const asBigInt = typeof value === 'bigint' ? value : BigInt(value);
  const asNumber = Number(asBigInt);
  return Number.isSafeInteger(asNumber) ? asNumber : asBigInt.toString();
}

/** A floating-point value; NaN and infinities become strings because JSON has no spelling for them. */
export function safeFloat(value: number): number | string {
  return Number.isFinite(value) ? value : String(value);
}

/**
 * A decimal's text as a number when a double holds it exactly enough (at most 15 significant
 * digits), else the text itself so that money never silently loses cents.
 */
export function safeDecimal(text: string): number | string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (match === null) return text;
  const integerDigits = (match[2] ?? '').replace(/^0+/, '');
  const fractionDigits = (match[3] ?? '').replace(/0+$/, '');
  const significant = (integerDigits + fractionDigits).replace(/^0+/, '');
  if (significant.length > maximumExactDigits) return text;
  const asNumber = Number(text);
  return Object.is(asNumber, -0) ? 0 : asNumber;
}

function fractionText(digits: string): string {
  const trimmed = digits.replace(/0+$/, '');
  if (trimmed.length <= 3) return digits.padEnd(3, '0').slice(0, 3);
  return trimmed.padEnd(6, '0').slice(0, 6);
}

const timestampPattern =
  /^(\d{4,})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}(?::?\d{2}){0,2})?$/;

/**
 * An engine's timestamp text as ISO-8601 in UTC (`2008-01-05T12:34:56.000Z`). Timestamps without
 * a zone are read as UTC wall-clock time (sessions run in UTC); microseconds are kept when present.
 * Values the pattern does not cover (infinity, BC dates) are returned unchanged.
 */
export function isoTimestampFromText(text: string): string {
  const match = timestampPattern.exec(text.trim());
  if (match === null) return text;
  const [, year, month, day, hour, minute, second, fraction = '', offset] = match;
  const wallClock = `${year}-${month}-${day}T${hour}:${minute}:${second}.${fractionText(fraction)}`;
  if (offset === undefined || offset === 'Z' || /^[+-]0+(?::?0+)*$/.test(offset)) return `${wallClock}Z`;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [offsetHours = 0, offsetMinutes = 0, offsetSeconds = 0] = offset.slice(1).match(/\d{2}/g)!.map(Number);
  const offsetMs = sign * ((offsetHours * 60 + offsetMinutes) * 60 + offsetSeconds) * 1000;
  const utcMs = Date.parse(`${wallClock}Z`) - offsetMs;
  if (!Number.isFinite(utcMs)) return text;
  const utc = new Date(utcMs).toISOString();
  return fractionText(fraction).length > 3 ? utc.replace(/\.\d{3}Z$/, `.${fractionText(fraction)}Z`) : utc;
}

/** Microseconds since the Unix epoch (DuckDB's timestamp storage) as ISO-8601 in UTC. */
export function isoTimestampFromEpochMicros(micros: bigint): string {
  const millis = micros >= 0n ? micros / 1000n : (micros - 999n) / 1000n;
  const extraMicros = Number(micros - millis * 1000n);
  const date = new Date(Number(millis));
  if (!Number.isFinite(date.getTime())) return String(micros);
  const iso = date.toISOString();
  if (extraMicros === 0) return iso;
  return iso.replace(/Z$/, `${String(extraMicros).padStart(3, '0')}Z`);
}

/**
 * A JSON-safe copy of a value a driver parsed on its own (arrays, JSON documents, buffers): Dates
 * become ISO strings, bigints follow `safeInteger`, non-finite numbers become strings and bytes
 * become base64.
 */
export function jsonSafeValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return safeInteger(value);
  if (typeof value === 'number') return safeFloat(value);
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.toISOString() : String(value);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(jsonSafeValue);
  if (typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, jsonSafeValue(inner)]));
  }
  return value;
}

/** Engine type names of numeric columns, whose large values `safeInteger` and `safeDecimal` write as strings. */
const numericType = /int|dec|num|number|long|serial/i;

/**
 * Rows in which each numeric column holds one JSON type. A big value (past 2^53, or a decimal of
 * more than 15 significant digits) is written as a string; when a numeric column holds one, every
 * number of that column is written as a string too, so a client reads a column with one parser
 * instead of finding `1` and `"9007199254740993"` in the same column.
 */
export function withUniformNumericColumns<Result extends { columns: readonly { type: string }[]; rows: unknown[][] }>(result: Result): Result {
  const mixed = result.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column, index }) => numericType.test(column.type) && result.rows.some((row) => typeof row[index] === 'string') && result.rows.some((row) => typeof row[index] === 'number'))
    .map(({ index }) => index);
  if (mixed.length === 0) return result;
  const rows = result.rows.map((row) => {
    const copy = row.slice();
    for (const index of mixed) if (typeof copy[index] === 'number') copy[index] = String(copy[index]);
    return copy;
  });
  return { ...result, rows };
}
