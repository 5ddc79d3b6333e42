import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';

// DuckDB column types of the demo sales tables, as PostgreSQL types.
function postgresType(duckDbType: string): string {
  if (duckDbType.startsWith('DECIMAL')) return duckDbType.replace('DECIMAL', 'numeric');
  const known: Record<string, string> = { SMALLINT: 'smallint', INTEGER: 'integer', BIGINT: 'bigint', VARCHAR: 'varchar', DATE: 'date', TIMESTAMP: 'timestamp', BOOLEAN: 'boolean', DOUBLE: 'double precision' };
  const mapped = known[duckDbType];
  if (mapped === undefined) throw new Error(`no PostgreSQL type for DuckDB ${duckDbType}`);
  return mapped;
}

/**
 * Creates a fresh PostgreSQL database and copies the demo sales (TICKIT) tables into it from the
 * generated DuckDB file, 10,000 rows per statement through json_populate_recordset.
 */
export async function loadDemoSalesIntoPostgres(dataDirectory: string, database: string): Promise<{ tables: number; rows: number }> {
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();

  const duck = await DuckDBInstance.create(path.join(dataDirectory, 'demo', 'sales.duckdb'), { access_mode: 'READ_ONLY' });
  const reader = await duck.connect();
  const client = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database });
  await client.connect();
  let rows = 0;
  try {
    const columns = (await reader.runAndReadAll('SELECT table_name, column_name, data_type FROM information_schema.columns ORDER BY table_name, ordinal_position')).getRows() as string[][];
    const tables = [...new Set(columns.map(([table]) => table as string))];
    for (const table of tables) {
      const definition = columns.filter(([name]) => name === table).map(([, column, type]) => `"${column}" ${postgresType(type as string)}`);
      await client.query(`CREATE TABLE "${table}" (${definition.join(', ')})`);
      const data = (await reader.runAndReadAll(`SELECT * FROM "${table}"`)).getRowObjectsJson();
      for (let start = 0; start < data.length; start += 10_000) {
        await client.query(`INSERT INTO public."${table}" SELECT * FROM json_populate_recordset(NULL::public."${table}", $1)`, [JSON.stringify(data.slice(start, start + 10_000))]);
      }
      rows += data.length;
    }
    await client.query('ANALYZE');
    return { tables: tables.length, rows };
  } finally {
    await client.end();
    reader.closeSync();
    duck.closeSync();
  }
}

/** Drops the benchmark database. */
export async function dropDatabase(database: string): Promise<void> {
  const admin = new pg.Client({ host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
}
