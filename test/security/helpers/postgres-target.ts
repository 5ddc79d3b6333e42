import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { repositoryRoot } from '../../helpers/services.js';
import { attackFilePrefix, fileListing, removeAttackFiles } from './file-listing.js';
import { buildObservedApp } from './observed-app-builder.js';
import type { ProbeTarget, StateSnapshot } from './pipeline-probe.js';
import { apiKeysSetting } from './red-team-clients.js';

/** Names of this process's database and least-privilege role (cluster-wide, so per process). */
export const postgresNames = {
  database: `swy_redteam_${process.pid}`,
  role: `swy_redteam_ro_${process.pid}`,
  /** Where the COPY … TO function writes, on the database server. */
  copyTarget: path.join(os.tmpdir(), `${attackFilePrefix}contacts.csv`),
};

const markers = {
  piiDomain: `pii${process.pid}.example`,
  hiddenRow: `HIDDENROW${process.pid}x`,
  otherSource: `VAULTROW${process.pid}x`,
};

/** Tables, a sequence, a second schema and the administrator's functions the class-5 cases call. */
function schemaStatements(): string[] {
  const { database, copyTarget } = postgresNames;
  return [
    'CREATE EXTENSION dblink',
    'CREATE TABLE customers (customer_id integer PRIMARY KEY, name varchar(40), email varchar(80), city varchar(40))',
    `INSERT INTO customers SELECT i, 'Customer ' || i, 'customer' || i || '@${markers.piiDomain}', (ARRAY['Austin', 'Boston'])[1 + i % 2] FROM generate_series(1, 6) i`,
    'CREATE TABLE orders (order_id serial PRIMARY KEY, customer_id integer, amount numeric(8,2))',
    'INSERT INTO orders (customer_id, amount) SELECT 1 + i % 6, i * 1.5 FROM generate_series(1, 20) i',
    'CREATE TABLE staff_secrets (secret_id integer, note text)',
    `INSERT INTO staff_secrets SELECT i, '${markers.hiddenRow}' || i FROM generate_series(1, 3) i`,
    'CREATE SEQUENCE invoice_number',
    'CREATE SCHEMA vault',
    'CREATE TABLE vault.ledger (entry_id integer, memo text)',
    `INSERT INTO vault.ledger SELECT i, '${markers.otherSource}' || i FROM generate_series(1, 3) i`,
    `CREATE FUNCTION refresh_order_stats(n integer) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER AS $$
       BEGIN PERFORM dblink_exec('dbname=${database} user=postgres host=127.0.0.1', 'DELETE FROM orders WHERE order_id <= ' || n); RETURN n; END $$`,
    `CREATE FUNCTION export_contact_list() RETURNS integer LANGUAGE plpgsql SECURITY DEFINER AS $$
       BEGIN EXECUTE format('COPY (SELECT email FROM customers) TO %L', '${copyTarget}'); RETURN 1; END $$`,
    'CREATE FUNCTION reserve_order_slot(n bigint) RETURNS bigint LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_advisory_lock(n); RETURN n; END $$',
    "CREATE FUNCTION staff_digest() RETURNS text LANGUAGE sql SECURITY DEFINER AS $$ SELECT string_agg(note, ',') FROM staff_secrets $$",
    'CREATE FUNCTION customer_contact(id integer) RETURNS text LANGUAGE sql SECURITY DEFINER AS $$ SELECT email FROM customers WHERE customer_id = id $$',
  ];
}

/** The README's least-privilege grants, for both exposed schemas. */
function grantStatements(): string[] {
  const { database, role } = postgresNames;
  return [
    `GRANT CONNECT ON DATABASE ${database} TO ${role}`,
    ...['public', 'vault'].flatMap((schema) => [`GRANT USAGE ON SCHEMA ${schema} TO ${role}`, `GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${role}`]),
    `ALTER ROLE ${role} SET default_transaction_read_only = on`,
  ];
}

async function writeCatalog(directory: string): Promise<void> {
  const { database, role } = postgresNames;
  const connection = (schema: string) => `{ host: 127.0.0.1, port: 5432, user: ${role}, database: ${database}, schema: ${schema}, poolMax: 2 }`;
  await fs.mkdir(path.join(directory, 'overlays'), { recursive: true });
  await fs.writeFile(
    path.join(directory, 'sources.yaml'),
    [
      'sources:',
      '  - name: shop',
      '    kind: postgres',
      '    description: Shop customers, their orders and amounts',
      `    connection: ${connection('public')}`,
      '  - name: vault',
      '    kind: postgres',
      '    description: Finance ledger entries',
      `    connection: ${connection('vault')}`,
      '',
    ].join('\n'),
  );
  await fs.writeFile(
    path.join(directory, 'overlays', 'shop.yaml'),
    ['source: shop', 'tables:', '  customers:', '    pii: [email]', '  staff_secrets:', '    hidden: true', ''].join('\n'),
  );
}

/** A PostgreSQL shop (PII, hidden table, functions) and a vault source, read by a least-privilege role. */
export interface PostgresTarget extends ProbeTarget {
  /** Superuser client on the test database, for setup checks. */
  readonly owner: pg.Client;
  /** Stops the app, drops the database and the role. */
  close(): Promise<void>;
}

async function postgresSnapshot(app: FastifyInstance, owner: pg.Client, workDirectory: string): Promise<StateSnapshot> {
  const { database, role, copyTarget } = postgresNames;
  const one = async (sql: string) => JSON.stringify((await owner.query(sql)).rows);
  const snapshot: StateSnapshot = {
    'row counts': await one(
      'SELECT (SELECT count(*) FROM customers) c, (SELECT count(*) FROM orders) o, (SELECT count(*) FROM staff_secrets) s, (SELECT count(*) FROM vault.ledger) l',
    ),
    sequences: await one(
      'SELECT (SELECT last_value || CASE WHEN is_called THEN \'+\' ELSE \'\' END FROM orders_order_id_seq) o, (SELECT last_value || CASE WHEN is_called THEN \'+\' ELSE \'\' END FROM invoice_number) i',
    ),
    'advisory locks': await one(`SELECT locktype, objid, mode FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = '${database}') ORDER BY objid`),
    'large objects': await one('SELECT count(*) FROM pg_largeobject_metadata'),
    'role settings': await one(`SELECT setconfig FROM pg_db_role_setting WHERE setrole = (SELECT oid FROM pg_roles WHERE rolname = '${role}')`),
    'file written by the server': await one(`SELECT (pg_stat_file('${copyTarget}', true)).size`),
  };
  // Two at once (the pool holds two), so each pooled session reports its settings; sorted, because
  // which connection answers which call varies.
  const sessions = await Promise.all(
    [0, 1].map(() =>
      app.sources.handle('shop').connector.execute(
        "SELECT string_agg(name || '=' || setting, E'\\n' ORDER BY name) AS s, pg_sleep(0.05) FROM pg_settings WHERE source NOT IN ('default', 'override')",
        { maxRows: 10, timeoutMs: 10_000 },
      ),
    ),
  );
  sessions.map((result) => String(result.rows[0]?.[0])).sort().forEach((rendered, index) => (snapshot[`settings of pooled session ${index}`] = rendered));
  return { ...snapshot, ...(await fileListing([[workDirectory, 2], [repositoryRoot, 0]])) };
}

/** Creates the database and role, starts the app; the attacker's key reaches `shop` only. */
export async function startPostgresTarget(environment: Record<string, string> = {}): Promise<PostgresTarget> {
  const { database, role } = postgresNames;
  const admin = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'postgres' });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`DROP ROLE IF EXISTS ${role}`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.query(`CREATE ROLE ${role} LOGIN`);
  const owner = new pg.Client({ host: '127.0.0.1', user: 'postgres', database });
  await owner.connect();
  for (const statement of [...schemaStatements(), ...grantStatements()]) await owner.query(statement);
  const workDirectory = await fs.mkdtemp(path.join(os.tmpdir(), `${attackFilePrefix}postgres-`));
  await writeCatalog(workDirectory);
  const observed = await buildObservedApp(workDirectory, {
    SWITCHYARD_API_KEYS: apiKeysSetting(['shop'], '*'),
    SWITCHYARD_MAX_SQL_ATTEMPTS: '2',
    SWITCHYARD_STATEMENT_TIMEOUT_MS: '5000',
    ...environment,
  });
  return {
    observed,
    owner,
    secrets: { markers: Object.values(markers), valueSets: [], hiddenNames: ['staff_secrets'] },
    snapshot: () => postgresSnapshot(observed.app, owner, workDirectory),
    close: async () => {
      await observed.app.close();
      await owner.end();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${role}`);
      await admin.end();
      removeAttackFiles();
    },
  };
}
