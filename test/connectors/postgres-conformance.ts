import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { ConnectorCapabilities } from '../../src/connectors/connector.js';
import { closedPort } from './closed-port.js';
import { commentStatements, createTableStatements, insertStatements } from './conformance-sql.js';
import { conformancePassword, type ConformanceOptions } from './connector-conformance-suite.js';

const capabilities: ConnectorCapabilities = {
  readOnlyTransactions: true,
  statementTimeout: true,
  cancel: true,
  streaming: true,
  bytesScanned: false,
};
const administration = { host: '127.0.0.1', port: 5432, user: 'postgres', database: 'postgres' };

/** Creates a uniquely named database on the local PostgreSQL, loads the dataset, and drops it on cleanup. */
async function seedPostgres(): Promise<{ database: string; cleanup: () => Promise<void> }> {
  const database = `swy_conformance_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client(administration);
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${database} ENCODING 'UTF8' TEMPLATE template0`);
  } finally {
    await admin.end();
  }
  const loader = new pg.Client({ ...administration, database });
  await loader.connect();
  try {
    for (const statement of [...createTableStatements('postgres'), ...insertStatements('postgres'), ...commentStatements('postgres')]) {
      await loader.query(statement);
    }
  } finally {
    await loader.end();
  }
  return {
    database,
    async cleanup() {
      const dropper = new pg.Client(administration);
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

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
      const { database, cleanup } = await seedPostgres();
      return { connection: { host: '127.0.0.1', port: 5432, user: 'postgres', database, poolMax: 2 }, cleanup };
    },
  };
}
