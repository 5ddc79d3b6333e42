import type { ColumnProfile } from './column-role-reader.js';

/** The x axis of a chart over time: the columns that place a row in time, and the rows in time order. */
export interface TimeAxis {
  /** The date or timestamp column, when it alone places each row (drawn on a time scale). */
  readonly instant?: ColumnProfile;
  /** The one column the axis shows, when it is one (a year, a month name beside its number). */
  readonly single?: ColumnProfile;
  /** The axis title: the names of its columns. */
  readonly title: string;
  /** Each row's place in time as text, e.g. "2008 JAN"; equal keys mean the same moment. */
  readonly keys: string[];
  /** Row indexes in time order. */
  readonly sorted: number[];
}

function determines(columns: ColumnProfile[], other: ColumnProfile, rows: readonly unknown[][]): boolean {
  const seen = new Map<string, unknown>();
  for (const row of rows) {
    const key = JSON.stringify(columns.map((column) => row[column.index]));
    if (seen.has(key) && seen.get(key) !== row[other.index]) return false;
    seen.set(key, row[other.index]);
  }
  return true;
}

function isText(column: ColumnProfile, rows: readonly unknown[][]): boolean {
  return rows.every((row) => typeof row[column.index] === 'string');
}

function compareOrder(left: number | string, right: number | string): number {
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left).localeCompare(String(right));
}

/**
 * Reads the time axis from the result's time columns. A column another one determines is left out
 * (a month name beside its month number adds no point in time); one that is not (a month beside a
 * year) refines the axis, coarsest first, so "2008 JAN" comes before "2009 JAN".
 */
export function readTimeAxis(profiles: readonly ColumnProfile[], rows: readonly unknown[][]): TimeAxis {
  const times = profiles.filter((column) => column.role === 'time');
  const chosen: ColumnProfile[] = [];
  for (const column of times) if (chosen.length === 0 || !determines(chosen, column, rows)) chosen.push(column);
  const distinct = (column: ColumnProfile) => new Set(rows.map((row) => row[column.index])).size;
  chosen.sort((left, right) => distinct(left) - distinct(right));
  const keys = rows.map((row) => chosen.map((column) => (row[column.index] === null ? '' : String(row[column.index]))).join(' '));
  const order = (index: number) => chosen.map((column) => column.timeOrder!(rows[index]![column.index]));
  const sorted = rows
    .map((_, index) => ({ index, order: order(index) }))
    .sort((left, right) => left.order.reduce<number>((result, value, place) => result || compareOrder(value, right.order[place]!), 0))
    .map(({ index }) => index);
  const only = chosen.length === 1 ? chosen[0] : undefined;
  // A month number beside its month name: the axis reads the names, in the numbers' order.
  const named = only === undefined ? undefined : times.find((column) => column !== only && isText(column, rows) && determines([column], only, rows));
  const shown = named ?? only;
  return {
    ...(only?.timeKind === 'instant' && named === undefined ? { instant: only } : {}),
    ...(shown === undefined ? {} : { single: shown }),
    title: shown?.name ?? chosen.map((column) => column.name).join(' '),
    keys,
    sorted,
  };
}
