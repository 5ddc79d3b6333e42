import type { ResultColumn } from '../connector.js';

/** A JSON body as columns and rows. */
export interface FlattenedJson {
  /** Columns in first-seen order; nested object fields as dotted names. */
  readonly columns: ResultColumn[];
  /** Rows aligned with `columns`; a field a record lacks is null. */
  readonly rows: unknown[][];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** One record as dotted-name → cell; arrays stay whole, as JSON text, since they do not fit one cell otherwise. */
function flattenRecord(record: Record<string, unknown>, prefix: string, into: Map<string, unknown>): void {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix === '' ? key : `${prefix}.${key}`;
    if (isRecord(value) && Object.keys(value).length > 0) flattenRecord(value, name, into);
    else if (Array.isArray(value) || isRecord(value)) into.set(name, JSON.stringify(value));
    else into.set(name, value ?? null);
  }
}

function typeOf(values: unknown[]): string {
  const present = values.filter((value) => value !== null && value !== undefined);
  if (present.length === 0) return 'varchar';
  if (present.every((value) => typeof value === 'boolean')) return 'boolean';
  if (present.every((value) => typeof value === 'number')) return present.every((value) => Number.isInteger(value)) ? 'integer' : 'double';
  return 'varchar';
}

/**
 * Flattens a JSON response into rows: an array of objects gives one row per object, a single
 * object gives one row, and an array of scalars gives one `value` column. Nested objects become
 * dotted column names (`address.city`); arrays inside a record stay whole as JSON text.
 */
export function flattenJson(body: unknown): FlattenedJson {
  const records: Map<string, unknown>[] = [];
  const items = Array.isArray(body) ? body : [body];
  for (const item of items) {
    const cells = new Map<string, unknown>();
    if (isRecord(item)) flattenRecord(item, '', cells);
    else cells.set('value', Array.isArray(item) ? JSON.stringify(item) : (item ?? null));
    records.push(cells);
  }
  const names: string[] = [];
  const seen = new Set<string>();
  for (const record of records) {
    for (const name of record.keys()) {
      if (!seen.has(name)) {
        seen.add(name);
        names.push(name);
      }
    }
  }
  const rows = records.map((record) => names.map((name) => record.get(name) ?? null));
  const columns = names.map((name, index) => ({ name, type: typeOf(rows.map((row) => row[index])) }));
  return { columns, rows };
}
