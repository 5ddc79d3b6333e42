// How the page writes one result value: numbers with the reader's digit grouping and sensible
// decimals, but years and ids as they are; timestamps without the ".000Z" noise; NULL as a visible
// word, not an empty cell. No DOM access here, so vitest runs it in Node (test/web/cell-formatter.test.ts).

const numericType = /int|double|float|decimal|numeric|real|number|money/i;
const temporalType = /date|time/i;
// Columns whose numbers are labels, not amounts: 2008 must not become "2,008", nor emp_no 10,001.
const labelNumberName = /(^|_)(year|yr|month|mon|quarter|qtr|week|wk|day|hour)($|_)|(^|_)(id|no|code|key|zip|phone)$|(?<!pa)id$/i;
const isoTimestamp = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]00(:?00)?)?$/;

/** A formatted cell: its text and the kind that styles it. */
export function formatCell(value, column, locale) {
  if (value === null || value === undefined) return { text: 'NULL', kind: 'null' };
  if (typeof value === 'boolean') return { text: String(value), kind: 'text' };
  if (typeof value === 'object') return { text: JSON.stringify(value), kind: 'text' };
  const type = column?.type ?? '';
  const name = column?.name ?? '';
  const numeric = typeof value === 'number' || (numericType.test(type) && typeof value === 'string' && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(value.trim()));
  if (numeric) {
    if (labelNumberName.test(name)) return { text: String(value), kind: 'number' };
    return { text: formatNumber(value, locale), kind: 'number' };
  }
  if (typeof value === 'string' && temporalType.test(type)) return { text: formatTimestamp(value), kind: 'text' };
  return { text: String(value), kind: 'text' };
}

/** "2008-01-01T00:00:00.000Z" → "2008-01-01"; "2008-01-05T14:30:00.000Z" → "2008-01-05 14:30:00". */
export function formatTimestamp(text) {
  const match = isoTimestamp.exec(text);
  if (!match) return text;
  return match[2] === '00:00:00' && !/[1-9]/.test(match[3] ?? '') ? match[1] : `${match[1]} ${match[2]}`;
}

/**
 * Groups digits for the locale. Whole numbers keep every digit; others keep two decimals, or three
 * significant digits below one (0.0123), so 87614.0612 reads 87,614.06. A number too large for a
 * double arrives as a string and is grouped as a BigInt, so no digit is lost.
 */
export function formatNumber(value, locale) {
  const text = String(value).trim();
  const number = Number(text);
  if (!Number.isFinite(number)) return text;
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(number)) return BigInt(text).toLocaleString(locale);
  if (Number.isInteger(number)) return number.toLocaleString(locale, { maximumFractionDigits: 0 });
  if (Math.abs(number) < 1) return number.toLocaleString(locale, { maximumSignificantDigits: 3 });
  return number.toLocaleString(locale, { maximumFractionDigits: 2 });
}
