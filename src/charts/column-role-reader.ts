import type { ResultColumn } from '../connectors/connector.js';

/**
 * What a result column is to a chart: a point in time (`time`), an amount (`measure`), a key that
 * only tells rows apart (`identifier`, e.g. emp_no) or a name or other category (`category`).
 */
export type ColumnRole = 'time' | 'measure' | 'identifier' | 'category';

/** A result column read for charting. */
export interface ColumnProfile {
  /** Position in the result. */
  readonly index: number;
  /** Column name as returned by the engine. */
  readonly name: string;
  /** What the column is to a chart. */
  readonly role: ColumnRole;
  /** For time columns: `instant` for dates and timestamps (a time scale), `ordered` for years, month names, quarters (ordinal). */
  readonly timeKind?: 'instant' | 'ordered';
  /** For time columns: the value's place in time, to sort by. */
  readonly timeOrder?: (value: unknown) => number | string;
}

const temporalType = /date|time/i;
const numericType = /int|double|float|decimal|numeric|real|number|money/i;
// Singular only: "years_of_service" or "days_open" are amounts, "hire_year" and "sale_month" are periods.
const periodName = /(^|_)(year|yr|month|mon|quarter|qtr|week|wk|day|date|hour)($|_)/i;
const amountName = /count|total|sum|avg|average|amount|num_|number_of|share|percent/i;
// "userid", "emp_no", "dept_no"; not "pricepaid".
const identifierName = /(^|_)(id|no|code|key)$|(?<!pa)id$/i;
const integerType = /int/i;
const isoDate = /^\d{4}-\d{2}(-\d{2})?([ T]|$)/;

const monthNames = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const dayNames = ['mo', 'tu', 'we', 'th', 'fr', 'sa', 'su'];
const fullMonths = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const fullDays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The calendar position of a month or weekday name ("JAN", "March", "MO", "Tue"), or -1. */
function calendarPlace(value: string, short: string[], full: string[]): number {
  const word = value.trim().toLowerCase().replace(/\.$/, '');
  const exact = full.indexOf(word);
  if (exact >= 0) return exact;
  // Abbreviations of any length from the short form up: "Sept", "Tues", "Wed".
  return full.findIndex((name, place) => word.length >= short[place]!.length && name.startsWith(word));
}

function isNumeric(value: unknown): boolean {
  return typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)));
}

/** Natural order of period labels such as "1", "Q2", "2008-Q3", "week 10". */
const naturalOrder = (value: unknown): string => String(value).replace(/\d+/g, (digits) => digits.padStart(12, '0'));

function timeProfile(index: number, name: string, kind: 'instant' | 'ordered', order: (value: unknown) => number | string): ColumnProfile {
  return { index, name, role: 'time', timeKind: kind, timeOrder: order };
}

/** Reads one column's role from its type, its name and a sample of its values. */
function readColumnRole(column: ResultColumn, index: number, sample: unknown[]): ColumnProfile {
  const { name } = column;
  if (temporalType.test(column.type)) return timeProfile(index, name, 'instant', (value) => Date.parse(String(value)));
  const strings = sample.every((value) => typeof value === 'string');
  const periodNamed = periodName.test(name) && !amountName.test(name);
  if (sample.length > 0 && sample.every(isNumeric) && (numericType.test(column.type) || periodNamed || identifierName.test(name))) {
    const integers = sample.every((value) => Number.isInteger(Number(value)));
    if (integers && periodNamed) return timeProfile(index, name, 'ordered', (value) => Number(value));
    if (integers && identifierName.test(name) && (integerType.test(column.type) || !numericType.test(column.type))) return { index, name, role: 'identifier' };
    if (numericType.test(column.type)) return { index, name, role: 'measure' };
  }
  if (sample.length > 0 && strings) {
    const texts = sample as string[];
    if (texts.every((value) => isoDate.test(value))) return timeProfile(index, name, 'instant', (value) => Date.parse(String(value)));
    for (const [short, full] of [[monthNames, fullMonths], [dayNames, fullDays]] as const) {
      if (texts.every((value) => calendarPlace(value, short, full) >= 0)) return timeProfile(index, name, 'ordered', (value) => calendarPlace(String(value), short, full));
    }
    if (periodNamed) return timeProfile(index, name, 'ordered', naturalOrder);
  }
  if (identifierName.test(name) && !/name$/i.test(name)) return { index, name, role: 'identifier' };
  return { index, name, role: 'category' };
}

/** Profiles every column from its type, its name and its first 200 non-null values. */
export function readColumnRoles(columns: readonly ResultColumn[], rows: readonly unknown[][]): ColumnProfile[] {
  return columns.map((column, index) => {
    const sample = rows.slice(0, 200).map((row) => row[index]).filter((value) => value !== null && value !== undefined);
    return readColumnRole(column, index, sample);
  });
}
