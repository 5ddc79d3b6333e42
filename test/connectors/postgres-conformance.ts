import pg from 'pg';
import type { ConnectorCapabilities } from '../../src/connectors/connector.js';
import { closedPort } from './closed-port.js';
import { conformancePassword, type ConformanceOptions } from './connector-conformance-suite.js';
import { seedThrowawayDatabase, type ThrowawayDatabaseServer } from './throwaway-database-conformance.js';

const capabilities: ConnectorCapabilities = {
  readOnlyTransactions: true,
  statementTimeout: true,
  cancel: true,
  streaming: true,
  bytesScanned: false,
};
const administration = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

/** The local PostgreSQL; UTF8 from template0 so the encoding does not depend on the server's default. */
const postgresServer: ThrowawayDatabaseServer = {
  engine: 'postgres',
  async open(database = administration.database) {
    const client = new pg.Client({ ...administration, database });
    await client.connect();
    return client;
  },
  createStatement: (database) => `CREATE DATABASE ${database} ENCODING 'UTF8' TEMPLATE template0`,
  // WITH (FORCE) ends sessions a failed test may have left open on the database.
  dropStatement: (database) => `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`,
};

/** The suite against local PostgreSQL, as `postgres` or as `redshift` (same wire protocol, Redshift dialect). */
export function postgresConformanceOptions(kind: 'postgres' | 'redshift'): ConformanceOptions {
  return {
    label: kind === 'postgres' ? 'PostgreSQL' : 'Redshift (wire protocol, PostgreSQL server)',
    kind,
    service: 'postgres',
    capabilities,
    typedColumnTypes: ['integer', 'bigint', 'smallint', 'numeric', 'date', 'timestamp without time zone', 'boolean', 'character varying'],
    slowQuery: 'SELECT pg_sleep(30)',
    introspectsConstraints: true,
    unreachableConnection: async () => ({
      host: '127.0.0.1',
      port: await closedPort(),
      user: 'postgres',
      password: conformancePassword,
      database: 'postgres',
      connectTimeoutMs: 2000,
    }),
    async prepare() {
      const { database, cleanup } = await seedThrowawayDatabase(postgresServer);
      return { connection: { host: '127.0.0.1', port: 5432, user: 'postgres', database, poolMax: 2 }, cleanup };
    },
  };
}
