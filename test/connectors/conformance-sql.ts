import { conformanceTables, type ConformanceColumn, type ConformanceValue } from './conformance-dataset.js';

/** Engines the conformance dataset can be loaded into. */
export type ConformanceEngine = 'duckdb' | 'postgres' | 'mysql' | 'sqlite';

function columnType(column: ConformanceColumn, engine: ConformanceEngine): string {
  // MySQL's DATETIME keeps wall-clock values without time-zone conversion (unlike its TIMESTAMP)
  // and needs an explicit fractional precision to keep milliseconds.
  if (column.type === 'timestamp' && engine === 'mysql') return 'DATETIME(3)';
  return column.type.toUpperCase();
}

function literal(value: ConformanceValue, column: ConformanceColumn, engine: ConformanceEngine): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  // SQLite has no date types: dates and timestamps are stored as text, its convention.
  if (column.type === 'date' && engine !== 'sqlite') return `DATE '${value}'`;
  if (column.type === 'timestamp' && engine !== 'sqlite') return `TIMESTAMP '${value}'`;
  if (column.type === 'bigint' || column.type === 'decimal(8,2)') return value;
  const escaped = engine === 'mysql' ? value.replaceAll('\\', '\\\\') : value;
  return `'${escaped.replaceAll("'", "''")}'`;
}

/** CREATE TABLE statements (with primary and foreign keys) for one engine, parents first. */
export function createTableStatements(engine: ConformanceEngine): string[] {
  return conformanceTables.map((table) => {
    const columns = table.columns.map((column) => `${column.name} ${columnType(column, engine)}${column.nullable ? '' : ' NOT NULL'}`);
    const keys = [`PRIMARY KEY (${table.columns[0]?.name})`];
    for (const column of table.columns) {
      if (column.references === undefined) continue;
      const [referencedTable, referencedColumn] = column.references.split('.');
      keys.push(`FOREIGN KEY (${column.name}) REFERENCES ${referencedTable} (${referencedColumn})`);
    }
    return `CREATE TABLE ${table.name} (${[...columns, ...keys].join(', ')})`;
  });
}

/** One multi-row INSERT per table for one engine, parents first. */
export function insertStatements(engine: ConformanceEngine): string[] {
  return conformanceTables.map((table) => {
    const rows = table.rows.map(
      (row) => `(${row.map((value, index) => literal(value, table.columns[index]!, engine)).join(', ')})`,
    );
    return `INSERT INTO ${table.name} VALUES ${rows.join(', ')}`;
  });
}

/** A table and column comment per engine, so introspection of comments is exercised too. */
export function commentStatements(engine: ConformanceEngine): string[] {
  // SQLite stores no comments.
  if (engine === 'sqlite') return [];
  if (engine === 'mysql') {
    return [
      "ALTER TABLE sales COMMENT = 'One row per ticket sale'",
      "ALTER TABLE sales MODIFY pricepaid DECIMAL(8,2) NOT NULL COMMENT 'Price paid in USD'",
    ];
  }
  return ["COMMENT ON TABLE sales IS 'One row per ticket sale'", "COMMENT ON COLUMN sales.pricepaid IS 'Price paid in USD'"];
}

/** The whole dataset for one engine: tables, rows and comments, in the order they must run. */
export function seedStatements(engine: ConformanceEngine): string[] {
  return [...createTableStatements(engine), ...insertStatements(engine), ...commentStatements(engine)];
}
