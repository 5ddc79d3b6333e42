import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { conformanceTables, type ConformanceColumn, type ConformanceValue } from './conformance-dataset.js';
import type { ConformanceOptions } from './connector-conformance-suite.js';

function literal(value: ConformanceValue, column: ConformanceColumn): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return String(value);
  // Big integers and decimals as numeric literals; dates and timestamps as text, SQLite's convention.
  if (column.type === 'bigint' || column.type === 'decimal(8,2)') return value;
  return `'${value.replaceAll("'", "''")}'`;
}

/** The dataset's DDL and rows in SQLite's syntax (declared types kept; SQLite applies affinities). */
function seedStatements(): string[] {
  const creates = conformanceTables.map((table) => {
    const columns = table.columns.map((column) => `${column.name} ${column.type.toUpperCase()}${column.nullable ? '' : ' NOT NULL'}`);
    const keys = [`PRIMARY KEY (${table.columns[0]?.name})`];
    for (const column of table.columns) {
      if (column.references === undefined) continue;
      const [referencedTable, referencedColumn] = column.references.split('.');
      keys.push(`FOREIGN KEY (${column.name}) REFERENCES ${referencedTable} (${referencedColumn})`);
    }
    return `CREATE TABLE ${table.name} (${[...columns, ...keys].join(', ')})`;
  });
  const inserts = conformanceTables.map(
    (table) =>
      `INSERT INTO ${table.name} VALUES ${table.rows.map((row) => `(${row.map((value, index) => literal(value, table.columns[index]!)).join(', ')})`).join(', ')}`,
  );
  return [...creates, ...inserts];
}

/** The suite against a SQLite file read through sql.js in a worker thread. */
export function sqliteConformanceOptions(): ConformanceOptions {
  return {
    label: 'SQLite (sql.js)',
    kind: 'sqlite',
    capabilities: { readOnlyTransactions: true, statementTimeout: true, cancel: true, streaming: false, bytesScanned: false },
    // Storage classes of the row's values: pricepaid 76.00 is stored as the integer 76 (NUMERIC affinity).
    typedColumnTypes: ['integer', 'integer', 'integer', 'integer', 'text', 'text', 'integer', 'text'],
    // An endless recursive CTE: only terminating the worker stops it.
    slowQuery: 'WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter) SELECT count(*) FROM counter',
    introspectsConstraints: true,
    introspectsComments: false,
    dynamicTypes: true,
    unreachableConnection: async () => ({ database: path.join(os.tmpdir(), `swy-missing-${process.pid}-${Date.now()}.sqlite`) }),
    async prepare() {
      const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-sqlite-conformance-'));
      const SQL = await initSqlJs();
      const database = new SQL.Database();
      try {
        for (const statement of seedStatements()) database.run(statement);
        const file = path.join(directory, 'tickit.sqlite');
        await fs.writeFile(file, database.export());
        return { connection: { database: file }, cleanup: () => fs.rm(directory, { recursive: true, force: true }) };
      } finally {
        database.close();
      }
    },
  };
}
