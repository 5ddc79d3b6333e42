import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { ConnectorCapabilities } from '../../src/connectors/connector.js';
import { conformanceTables } from './conformance-dataset.js';
import { seedStatements } from './conformance-sql.js';
import type { ConformanceOptions } from './connector-conformance-suite.js';

const capabilities: ConnectorCapabilities = {
  readOnlyTransactions: true,
  statementTimeout: true,
  cancel: true,
  streaming: true,
  bytesScanned: false,
};
const typedColumnTypes = ['integer', 'bigint', 'smallint', 'decimal(8,2)', 'date', 'timestamp', 'boolean', 'varchar'];
// A 10^12-row cross join: minutes of work that DuckDB's interrupt() stops at once.
const slowQuery = 'SELECT SUM(a.range * b.range) FROM range(1000000) a, range(1000000) b';

/** Creates the dataset in a DuckDB database (file or `:memory:`) and returns the open instance. */
async function seed(databasePath: string): Promise<DuckDBInstance> {
  const instance = await DuckDBInstance.create(databasePath);
  const connection = await instance.connect();
  try {
    for (const statement of seedStatements('duckdb')) await connection.run(statement);
  } finally {
    connection.closeSync();
  }
  return instance;
}

async function temporaryDirectory(): Promise<{ directory: string; cleanup: () => Promise<void> }> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-conformance-'));
  return { directory, cleanup: () => fs.rm(directory, { recursive: true, force: true }) };
}

const missingDatabase = async () => ({ database: path.join(os.tmpdir(), `swy-missing-${process.pid}-${Date.now()}.duckdb`) });

/** The suite against a DuckDB database file opened read-only. */
export function duckDbFileConformanceOptions(): ConformanceOptions {
  return {
    label: 'DuckDB (database file)',
    kind: 'duckdb',
    capabilities,
    typedColumnTypes,
    slowQuery,
    introspectsConstraints: true,
    unreachableConnection: missingDatabase,
    async prepare() {
      const { directory, cleanup } = await temporaryDirectory();
      const database = path.join(directory, 'tickit.duckdb');
      (await seed(database)).closeSync();
      return { connection: { database }, cleanup };
    },
  };
}

/** The suite against the same dataset written to Parquet files and exposed as views (sales split over a glob). */
export function duckDbParquetViewsConformanceOptions(): ConformanceOptions {
  return {
    label: 'DuckDB (Parquet views)',
    kind: 'duckdb',
    capabilities,
    typedColumnTypes,
    slowQuery,
    introspectsConstraints: false,
    unreachableConnection: async () => ({ views: { sales: path.join(os.tmpdir(), `swy-missing-${process.pid}`, '*.parquet') } }),
    async prepare() {
      const { directory, cleanup } = await temporaryDirectory();
      const instance = await seed(':memory:');
      const connection = await instance.connect();
      const views: Record<string, string> = {};
      try {
        for (const table of conformanceTables) {
          if (table.name === 'sales') {
            await fs.mkdir(path.join(directory, 'sales'));
            await connection.run(`COPY (SELECT * FROM sales WHERE salesid <= 3) TO '${path.join(directory, 'sales', 'part-1.parquet')}' (FORMAT parquet)`);
            await connection.run(`COPY (SELECT * FROM sales WHERE salesid > 3) TO '${path.join(directory, 'sales', 'part-2.parquet')}' (FORMAT parquet)`);
            views[table.name] = path.join(directory, 'sales', '*.parquet');
          } else {
            const file = path.join(directory, `${table.name}.parquet`);
            await connection.run(`COPY ${table.name} TO '${file}' (FORMAT parquet)`);
            views[table.name] = file;
          }
        }
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
      return { connection: { views }, cleanup };
    },
  };
}
