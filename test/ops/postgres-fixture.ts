import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { testDataDirectory } from '../helpers/global-setup.js';
import { uniqueSuffix } from './ops-test-support.js';

/** A throwaway PostgreSQL database with an `orders` table, and a catalog folder pointing at it. */
export interface PostgresFixture {
  /** Database name (unique per test file run). */
  readonly database: string;
  /** Catalog folder with a `warehouse` (PostgreSQL) source and the demo `sales` (DuckDB) source. */
  readonly catalogDirectory: string;
  /** Runs SQL in the fixture database as the superuser. */
  query(sql: string): Promise<pg.QueryResult>;
  /** Drops the database and the catalog folder. */
  dispose(): Promise<void>;
}

/**
 * Creates the database (orders: 3 rows) and writes sources.yaml. `port` lets a test point the
 * source at a proxy or a closed port instead of PostgreSQL itself.
 */
export async function createPostgresFixture(options: { port?: number; extraSourceLines?: string[] } = {}): Promise<PostgresFixture> {
  const database = `swy_ops_${uniqueSuffix()}`;
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await client.connect();
  await client.query('CREATE TABLE orders (id integer PRIMARY KEY, amount integer NOT NULL)');
  await client.query('INSERT INTO orders VALUES (1, 10), (2, 20), (3, 30)');
  const catalogDirectory = await fs.mkdtemp(path.join(os.tmpdir(), 'swy-ops-catalog-'));
  await fs.writeFile(
    path.join(catalogDirectory, 'sources.yaml'),
    [
      'sources:',
      '  - name: warehouse',
      '    kind: postgres',
      '    description: Orders in a PostgreSQL warehouse',
      `    connection: { host: 127.0.0.1, port: ${options.port ?? 5432}, user: postgres, database: ${database}, connectTimeoutMs: 1000 }`,
      '  - name: sales',
      '    kind: duckdb',
      '    description: Ticket sales',
      `    connection: { database: ${path.join(testDataDirectory, 'demo', 'sales.duckdb')} }`,
      ...(options.extraSourceLines ?? []),
    ].join('\n'),
  );
  return {
    database,
    catalogDirectory,
    query: (sql) => client.query(sql),
    async dispose() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
      await fs.rm(catalogDirectory, { recursive: true, force: true });
    },
  };
}
