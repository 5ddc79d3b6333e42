import pg from 'pg';
import type { ConnectorSource } from '../../src/connectors/connector-source.js';
import type { NetworkConnection } from '../../src/connectors/common/network-connection-schema.js';
import { uniqueSuffix } from '../ops/ops-test-support.js';

const server = { host: '127.0.0.1', port: 5432, user: 'postgres' };

/** A throwaway database read by a least-privilege role, holding the functions an attacker would call. */
export interface PostgresLeastPrivilegeFixture {
  /** Database name (unique per run). */
  readonly database: string;
  /** The source's login: USAGE and SELECT on public, read-only by default, as the README recommends. */
  readonly role: string;
  /** A file that `dump_emails()` writes on the database server. */
  readonly dumpFile: string;
  /** Runs SQL in the fixture database as the superuser (another session than the source's). */
  query(sql: string, values?: unknown[]): Promise<pg.QueryResult>;
  /** A source configuration for `role`, with a pool of one session so every statement reuses it. */
  source(kind: 'postgres' | 'redshift', name?: string): ConnectorSource<NetworkConnection>;
  /** Drops the database and the role. */
  dispose(): Promise<void>;
}

/**
 * The functions are owned by the superuser, as an extension's or an administrator's would be: a
 * SECURITY DEFINER one that deletes through dblink, one that COPYs e-mails to a server file, one
 * that deletes directly, and a plain one that prepares a statement and sets a session variable.
 */
function functionStatements(database: string, dumpFile: string): string[] {
  return [
    'CREATE EXTENSION dblink',
    'CREATE TABLE customers (id integer PRIMARY KEY, email text NOT NULL)',
    "INSERT INTO customers SELECT g, 'customer' || g || '@example.com' FROM generate_series(1, 10) g",
    `CREATE FUNCTION purge_through_dblink() RETURNS text LANGUAGE sql SECURITY DEFINER
       AS $$ SELECT dblink_exec('dbname=${database} user=postgres', 'DELETE FROM customers WHERE id > 5') $$`,
    `CREATE FUNCTION purge_directly() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
       AS $$ BEGIN DELETE FROM customers WHERE id > 5; RETURN 1; END $$`,
    `CREATE FUNCTION dump_emails() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
       AS $$ BEGIN EXECUTE 'COPY (SELECT email FROM customers) TO ''${dumpFile}'''; RETURN 1; END $$`,
    `CREATE FUNCTION leave_session_state() RETURNS integer LANGUAGE plpgsql
       AS $$ BEGIN EXECUTE 'PREPARE swy_left_behind AS SELECT 1'; PERFORM set_config('application_name', 'left_behind', false); RETURN 1; END $$`,
  ];
}

/** Creates the database, its functions and the least-privilege role. */
export async function createPostgresLeastPrivilegeFixture(): Promise<PostgresLeastPrivilegeFixture> {
  const suffix = uniqueSuffix();
  const database = `swy_reset_${suffix}`;
  const role = `swy_ro_${suffix}`;
  const dumpFile = `/tmp/swy_dump_${suffix}.csv`;
  const admin = new pg.Client({ ...server, database: 'postgres' });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.query(`CREATE ROLE ${role} LOGIN`);
  const client = new pg.Client({ ...server, database });
  await client.connect();
  for (const statement of functionStatements(database, dumpFile)) await client.query(statement);
  // The README's least-privilege grants, nothing more.
  await client.query(`GRANT USAGE ON SCHEMA public TO ${role}`);
  await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${role}`);
  await client.query(`ALTER ROLE ${role} SET default_transaction_read_only = on`);
  return {
    database,
    role,
    dumpFile,
    query: (sql, values) => client.query(sql, values),
    source: (kind, name = 'warehouse') => ({
      name,
      kind,
      connection: { host: server.host, port: server.port, user: role, database, poolMax: 1 },
    }),
    async dispose() {
      await client.end();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
    },
  };
}
