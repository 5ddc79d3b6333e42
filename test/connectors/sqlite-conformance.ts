import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { seedStatements } from './conformance-sql.js';
import type { ConformanceOptions } from './connector-conformance-suite.js';

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
        // Declared types are kept; SQLite applies its type affinities to them.
        for (const statement of seedStatements('sqlite')) database.run(statement);
        const file = path.join(directory, 'tickit.sqlite');
        await fs.writeFile(file, database.export());
        return { connection: { database: file }, cleanup: () => fs.rm(directory, { recursive: true, force: true }) };
      } finally {
        database.close();
      }
    },
  };
}
