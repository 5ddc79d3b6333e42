import type { DuckDBConnection } from '@duckdb/node-api';
import type { Connector, IntrospectedTable } from '../connectors/connector.js';
import { quoteWithDoubleQuotes } from '../dialects/quote-identifier.js';
import { quoteStringLiteral } from '../dialects/quote-string-literal.js';

/** Rows read per table at most: far above any Spider table, so a copy is whole or fails. */
const copiedRowLimit = 1_000_000;
/** Rows per INSERT statement. */
const insertBatch = 500;
/** Statement timeout of the reads. */
const readTimeoutMs = 60_000;

/** One SQLite table read whole, with the DuckDB type each column gets. */
export interface CopiedTable {
  /** Table name as SQLite spells it. */
  readonly name: string;
  /** Columns with their DuckDB types. */
  readonly columns: { readonly name: string; readonly type: 'BIGINT' | 'DOUBLE' | 'VARCHAR' }[];
  /** Rows aligned with `columns`. */
  readonly rows: unknown[][];
  /** SQLite's own foreign keys of the table. */
  readonly foreignKeys: NonNullable<IntrospectedTable['foreignKeys']>;
}

const quoted = quoteWithDoubleQuotes;

/**
 * The DuckDB type that holds a column's values as SQLite stored them: SQLite types values, not columns,
 * so the storage classes actually present decide (integers only → BIGINT, numbers → DOUBLE, any text or
 * blob → VARCHAR); a column holding only NULLs takes its declared type's affinity.
 */
function duckDbType(storageClasses: ReadonlySet<string>, declared: string): CopiedTable['columns'][number]['type'] {
  if (storageClasses.has('text') || storageClasses.has('blob')) return 'VARCHAR';
  if (storageClasses.has('real')) return 'DOUBLE';
  if (storageClasses.has('integer')) return 'BIGINT';
  if (declared.includes('int')) return 'BIGINT';
  return /real|floa|doub/.test(declared) ? 'DOUBLE' : 'VARCHAR';
}

/** Reads the named tables of a SQLite source whole, through its connector. */
export async function readSqliteTables(connector: Connector, names: readonly string[]): Promise<CopiedTable[]> {
  const introspected = await connector.introspect();
  const run = async (sql: string) => (await connector.execute(sql, { maxRows: copiedRowLimit, timeoutMs: readTimeoutMs })).rows;
  const tables: CopiedTable[] = [];
  for (const name of names) {
    const table = introspected.find((candidate) => candidate.name === name);
    if (table === undefined) throw new Error(`table ${name} is not in ${connector.sourceName}`);
    const columns: CopiedTable['columns'][number][] = [];
    for (const column of table.columns) {
      const classes = await run(`SELECT DISTINCT typeof(${quoted(column.name)}) FROM ${quoted(name)}`);
      columns.push({ name: column.name, type: duckDbType(new Set(classes.map(([storage]) => String(storage))), column.type) });
    }
    // Text columns are read as SQLite renders their numbers as text (5.0 stays "5.0").
    const selected = columns.map((column) => (column.type === 'VARCHAR' ? `CAST(${quoted(column.name)} AS TEXT)` : quoted(column.name)));
    const result = await connector.execute(`SELECT ${selected.join(', ')} FROM ${quoted(name)}`, { maxRows: copiedRowLimit, timeoutMs: readTimeoutMs });
    if (result.truncated) throw new Error(`table ${name} has more than ${copiedRowLimit} rows`);
    tables.push({ name, columns, rows: result.rows, foreignKeys: table.foreignKeys ?? [] });
  }
  return tables;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return quoteStringLiteral(String(value));
}

/** Whether every value of `column` in `table` is distinct and not NULL, so it can be a key. */
function isKey(table: CopiedTable, column: string): boolean {
  const index = table.columns.findIndex((candidate) => candidate.name.toLowerCase() === column.toLowerCase());
  if (index < 0) return false;
  const seen = new Set<string>();
  for (const row of table.rows) {
    const value = row[index];
    if (value === null || value === undefined || seen.has(String(value))) return false;
    seen.add(String(value));
  }
  return true;
}

/** Whether every non-NULL value of the foreign key's column occurs in the referenced column. */
function holds(child: CopiedTable, column: string, parent: CopiedTable, referenced: string): boolean {
  const childIndex = child.columns.findIndex((candidate) => candidate.name.toLowerCase() === column.toLowerCase());
  const parentIndex = parent.columns.findIndex((candidate) => candidate.name.toLowerCase() === referenced.toLowerCase());
  if (childIndex < 0 || parentIndex < 0 || child.columns[childIndex]!.type !== parent.columns[parentIndex]!.type) return false;
  const values = new Set(parent.rows.map((row) => String(row[parentIndex])));
  return child.rows.every((row) => row[childIndex] === null || values.has(String(row[childIndex])));
}

/**
 * Creates the tables in `schema` (a fresh schema unless it is `main`) and loads their rows. With
 * `keys`, each SQLite foreign key between two of these tables that the data satisfies is declared
 * (its referenced column made UNIQUE), so DuckDB's introspection reports it like SQLite's; parents
 * are created before children, and a key closing a cycle is left out. `reversed` loads the rows in
 * reverse order, which changes which of several tied rows a query meets first.
 */
export async function writeDuckDbTables(connection: DuckDBConnection, schema: string, tables: readonly CopiedTable[], keys: boolean, reversed = false): Promise<void> {
  if (schema !== 'main') await connection.run(`CREATE SCHEMA ${quoted(schema)}`);
  const byName = new Map(tables.map((table) => [table.name.toLowerCase(), table]));
  const unique = new Map<string, Set<string>>();
  const references = new Map<string, { parent: string; clause: string }[]>();
  for (const table of keys ? tables : []) {
    for (const foreignKey of table.foreignKeys) {
      const parent = byName.get(foreignKey.referencedTable.toLowerCase());
      if (parent === undefined || parent === table || !isKey(parent, foreignKey.referencedColumn) || !holds(table, foreignKey.column, parent, foreignKey.referencedColumn)) continue;
      const parentColumn = parent.columns.find((column) => column.name.toLowerCase() === foreignKey.referencedColumn.toLowerCase())!.name;
      unique.set(parent.name, (unique.get(parent.name) ?? new Set()).add(parentColumn));
      const clause = `FOREIGN KEY (${quoted(foreignKey.column)}) REFERENCES ${quoted(schema)}.${quoted(parent.name)} (${quoted(parentColumn)})`;
      references.set(table.name, [...(references.get(table.name) ?? []), { parent: parent.name, clause }]);
    }
  }
  const created = new Set<string>();
  const pending = [...tables];
  while (pending.length > 0) {
    // Parents first; when only a cycle is left, its first table goes without the keys it cannot declare yet.
    const ready = pending.findIndex((table) => (references.get(table.name) ?? []).every((reference) => created.has(reference.parent)));
    const table = pending.splice(Math.max(0, ready), 1)[0]!;
    const clauses = (references.get(table.name) ?? []).filter((reference) => created.has(reference.parent)).map((reference) => reference.clause);
    const definitions = [
      ...table.columns.map((column) => `${quoted(column.name)} ${column.type}${unique.get(table.name)?.has(column.name) ? ' UNIQUE' : ''}`),
      ...clauses,
    ];
    const target = `${quoted(schema)}.${quoted(table.name)}`;
    await connection.run(`CREATE TABLE ${target} (${definitions.join(', ')})`);
    const rows = reversed ? table.rows.toReversed() : table.rows;
    for (let start = 0; start < rows.length; start += insertBatch) {
      const values = rows.slice(start, start + insertBatch).map((row) => `(${row.map(literal).join(', ')})`);
      await connection.run(`INSERT INTO ${target} VALUES ${values.join(', ')}`);
    }
    created.add(table.name);
  }
}
